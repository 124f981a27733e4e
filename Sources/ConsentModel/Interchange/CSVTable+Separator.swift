import Foundation

/// What separates a CSV file's fields, found from its header row: a comma by the standard,
/// a semicolon where Excel's list separator is one (the locales that write a decimal
/// comma), a tab in text copied out of a spreadsheet, or what Excel's `sep=` first line says.
extension CSVTable {
    /// A field separator ConsentDesk reads.
    public enum Separator: String, CaseIterable, Hashable, Sendable {
        case comma = ","
        case semicolon = ";"
        case tab = "\t"

        var byte: UInt8 { UInt8(ascii: rawValue.unicodeScalars.first ?? ",") }

        /// As a person names it in a message (`","`, `";"`, a tab), in the current language.
        public var shown: String {
            switch self {
            case .comma: return tr("cli.import.separator.comma")
            case .semicolon: return tr("cli.import.separator.semicolon")
            case .tab: return tr("cli.import.separator.tab")
            }
        }
    }

    /// A file read with the separator its header row shows.
    public struct Detected: Sendable {
        /// The table, read with `separator`.
        public var table: CSVTable
        /// The separator the file was read with.
        public var separator: Separator
        /// Other separators the header row holds that would have read it as well (the
        /// choice was ambiguous): messages name the one chosen and these.
        public var alsoInHeader: [Separator]
    }

    /// Reads `text`, its separator found from the header row: Excel's `sep=X` first line
    /// when there is one (that line is then not the header); else the one separator the
    /// header holds outside quotes; of several, the one whose columns include the most of
    /// `known` (names compared without letter case); when that leaves more than one, a
    /// comma before the others and the choice is reported in `alsoInHeader`.
    public static func readDetectingSeparator(_ text: String, known: [String]) throws(CSVProblem) -> Detected {
        var body = text
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        if let first = lines.first, first.lowercased().hasPrefix("sep="), first.count == 5,
           let chosen = Separator(rawValue: String(first.suffix(1))) {
            // The line stays as a blank one, so every line number is the one an editor shows.
            body = String(text.dropFirst(first.count))
            return Detected(table: try read(body, separator: chosen), separator: chosen, alsoInHeader: [])
        }
        let header = headerLine(text)
        let present = Separator.allCases.filter { header.contains($0.rawValue) }
        guard present.count > 1 else {
            let chosen = present.first ?? .comma
            return Detected(table: try read(text, separator: chosen), separator: chosen, alsoInHeader: [])
        }
        let wanted = Set(known.map { $0.lowercased() })
        func score(_ separator: Separator) -> Int {
            header.split(separator: Character(separator.rawValue), omittingEmptySubsequences: false)
                .filter { wanted.contains($0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")).lowercased()) }.count
        }
        let best = present.map(score).max() ?? 0
        let tied = present.filter { score($0) == best }
        let chosen = tied.first ?? .comma
        return Detected(table: try read(text, separator: chosen), separator: chosen, alsoInHeader: Array(tied.dropFirst()))
    }

    /// The first line with any text in it; a separator inside quotes is read as a space.
    static func headerLine(_ text: String) -> String {
        var line = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle(); continue }
            if !quoted && (character == "\n" || character == "\r\n" || character == "\r") {
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { return line }
                line = ""
                continue
            }
            line.append(quoted && Separator(rawValue: String(character)) != nil ? " " : character)
        }
        return line
    }
}
