import Foundation
import Testing
import TestSupport

/// docs/commands.md's command-line reference is generated from the real binary's `--help`;
/// `CLI_REFERENCE_RECORD=1 swift test --filter CLIReferenceTests` rewrites it.
@Suite("Command-line reference in docs/commands.md")
struct CLIReferenceTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/commands.md")
    static let begin = "<!-- cli:begin (generated from --help: CLI_REFERENCE_RECORD=1 swift test --filter CLIReferenceTests) -->"
    static let end = "<!-- cli:end -->"
    /// Options every command takes, listed once above the reference.
    static let globalOptions = ["--store", "--lang", "--employee", "--quiet", "--version", "-h, --help"]

    /// One command's help, read from its sections.
    struct Help {
        var overview = ""
        var usage = ""
        /// (names and value, help text) of ARGUMENTS and OPTIONS, wrapped lines joined.
        var entries: [(String, String)] = []
        var subcommands: [String] = []
    }

    static func help(_ path: [String]) throws -> Help {
        let result = try run(Products.consentdesk, path + ["--help"], environment: ["LANG": "C.UTF-8", "LC_ALL": "", "COLUMNS": "80"])
        var help = Help()
        var section = "OVERVIEW"
        var overviewDone = false
        for raw in result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if raw.hasPrefix("OVERVIEW: ") {
                help.overview = String(raw.dropFirst(10))
                continue
            }
            if raw.hasPrefix("USAGE: ") {
                help.usage = String(raw.dropFirst(7))
                continue
            }
            if ["ARGUMENTS:", "OPTIONS:", "SUBCOMMANDS:"].contains(raw) {
                section = raw
                continue
            }
            switch section {
            case "OVERVIEW":
                if raw.isEmpty { overviewDone = true } else if !overviewDone { help.overview += " " + raw }
            case "ARGUMENTS:", "OPTIONS:":
                guard raw.hasPrefix("  ") else { continue }
                let body = raw.dropFirst(2)
                if body.hasPrefix(" ") {
                    // A wrapped help line.
                    if !help.entries.isEmpty { help.entries[help.entries.count - 1].1 += " " + body.trimmingCharacters(in: .whitespaces) }
                } else if let gap = body.range(of: "  ") {
                    help.entries.append((String(body[..<gap.lowerBound]), body[gap.upperBound...].trimmingCharacters(in: .whitespaces)))
                } else {
                    help.entries.append((String(body), ""))
                }
            case "SUBCOMMANDS:":
                // "  name   help" (a wrapped help line starts with more spaces); the section ends at a blank line.
                if raw.isEmpty { section = "" }
                let body = raw.trimmingCharacters(in: .whitespaces)
                if raw.hasPrefix("  "), !raw.hasPrefix("   "), let name = body.split(separator: " ").first,
                   name.allSatisfy({ $0.isLowercase || $0 == "-" }) {
                    help.subcommands.append(String(name))
                }
            default: break
            }
        }
        return help
    }

    /// The usage line without the global options.
    static func usage(_ line: String) -> String {
        var text = line
        for option in ["[--store <path>] ", "[--lang <en|zh-Hans>] ", "[--employee <name>] ", "[--quiet] "] {
            text = text.replacingOccurrences(of: option, with: "")
        }
        return text
    }

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    /// The reference: the global options once, then every command (and subcommand) with its
    /// usage line and its own arguments and options.
    static func reference() throws -> String {
        let top = try help([])
        var lines = ["Options every command takes (before or after the command):", "", "| option | |", "|---|---|"]
        for (name, text) in top.entries where globalOptions.contains(where: { name.hasPrefix($0) }) && !name.hasPrefix("--version")
            && !name.hasPrefix("-h") {
            lines.append("| `\(cell(name))` | \(cell(text)) |")
        }
        lines += ["", "`\(usage(top.usage))`", "", top.overview, ""]
        for (name, text) in top.entries where !globalOptions.contains(where: { name.hasPrefix($0) }) {
            lines.append("- `\(name)`: \(text)")
        }
        func command(_ path: [String]) throws {
            let help = try help(path)
            if !help.subcommands.isEmpty, path.count < 2 {
                lines += ["", "### `consentdesk \(path.joined(separator: " "))`", "", help.overview]
                for sub in help.subcommands { try command(path + [sub]) }
                return
            }
            lines += ["", "### `consentdesk \(path.joined(separator: " "))`", "", help.overview, "", "`\(usage(help.usage))`"]
            let own = help.entries.filter { entry in !globalOptions.contains(where: { entry.0.hasPrefix($0) }) }
            if !own.isEmpty {
                lines += ["", "| argument or option | |", "|---|---|"]
                for (name, text) in own { lines.append("| `\(cell(name))` | \(cell(text)) |") }
            }
        }
        for name in top.subcommands { try command([name]) }
        return lines.joined(separator: "\n")
    }

    @Test func docsCommandLineReferenceIsTheHelp() throws {
        let reference = try Self.reference()
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin), "docs/commands.md lacks the cli:begin marker")
        let stop = try #require(text.range(of: Self.end, range: start.upperBound..<text.endIndex), "docs/commands.md lacks the cli:end marker")
        let current = text[start.upperBound..<stop.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        if ProcessInfo.processInfo.environment["CLI_REFERENCE_RECORD"] == "1", current != reference {
            let updated = text.replacingCharacters(in: start.upperBound..<stop.lowerBound, with: "\n" + reference + "\n")
            try updated.write(to: Self.readme, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == reference,
                "docs/commands.md's command-line reference differs from --help; run CLI_REFERENCE_RECORD=1 swift test --filter CLIReferenceTests")
        // Every command is in it.
        for name in try Self.help([]).subcommands { #expect(reference.contains("### `consentdesk \(name)")) }
    }
}
