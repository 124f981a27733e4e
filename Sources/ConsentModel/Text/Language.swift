import Foundation

/// The languages ConsentDesk speaks.
public enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case simplifiedChinese = "zh-Hans"

    /// The language the environment asks for: `LC_ALL`, then `LC_MESSAGES`, then `LANG`.
    /// zh_CN, zh_SG and zh_Hans mean Simplified Chinese; anything else English.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return Language(localeName: value) ?? .english
        }
        return .english
    }

    /// Parses `en`, `zh-Hans`, `zh_CN.UTF-8`, `zh_SG`, …; nil for anything else.
    public init?(localeName: String) {
        let base = localeName.split(separator: ".").first.map(String.init) ?? localeName
        let normalized = base.replacingOccurrences(of: "-", with: "_").lowercased()
        if ["zh_cn", "zh_sg", "zh_hans", "zh_hans_cn", "zh_hans_sg", "zh"].contains(normalized) {
            self = .simplifiedChinese
        } else if normalized == "en" || normalized.hasPrefix("en_") || normalized == "c" || normalized == "posix" {
            self = .english
        } else {
            return nil
        }
    }
}

/// The one place every user-visible string comes from.
public enum Strings {
    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var language: Language = .english
    }
    private static let box = Box()

    /// The language in use; set once at start-up.
    public static var language: Language {
        get { box.lock.lock(); defer { box.lock.unlock() }; return box.language }
        set { box.lock.lock(); box.language = newValue; box.lock.unlock() }
    }

    /// A language for the current task only (tests render both languages side by side).
    @TaskLocal public static var override: Language?

    /// The language `tr` uses now.
    public static var current: Language { override ?? language }

    /// The catalog of `language`.
    public static func catalog(_ language: Language) -> [String: String] {
        switch language {
        case .english: return english
        case .simplifiedChinese: return simplifiedChinese
        }
    }

    /// Each language's catalog: the main one and the proofs' (signing keys, checkpoints,
    /// evidence checks), each kept in its own file.
    static let english = englishCatalog.merging(englishProofCatalog) { main, _ in main }
    static let simplifiedChinese = simplifiedChineseCatalog.merging(simplifiedChineseProofCatalog) { main, _ in main }

    /// The text for `key` in `language`, with `{0}`, `{1}`, … replaced by `arguments` in one
    /// pass (an argument that itself holds "{1}" is never replaced again). When the first
    /// whole-number argument is 1 and the catalog has `key.one`, that singular text is used
    /// ("1 customer changed", not "1 customers"). A full stop right after an argument that
    /// already ends a sentence ("S.A.", "…", "?") is left out, so no text shows "S.A..".
    /// A key missing from the catalog shows as itself, so a test can catch it.
    public static func text(_ key: String, _ arguments: [String], language: Language) -> String {
        let table = catalog(language)
        var template = table[key] ?? english[key] ?? key
        guard !arguments.isEmpty else { return template }
        if arguments.first(where: { Int($0) != nil }) == "1", let one = table[key + ".one"] ?? english[key + ".one"] {
            template = one
        }
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}"), let index = Int(rest[afterOpen..<close]),
                  arguments.indices.contains(index) else {
                result.append("{")
                rest = rest[afterOpen...]
                continue
            }
            let argument = arguments[index]
            result += argument
            rest = rest[rest.index(after: close)...]
            if rest.first == ".", let last = argument.last, [".", "…", "?", "!"].contains(last) { rest = rest.dropFirst() }
        }
        return result + rest
    }
}

/// The localized text for `key` in the current language.
public func tr(_ key: String, _ arguments: CustomStringConvertible...) -> String {
    Strings.text(key, arguments.map(\.description), language: Strings.current)
}
