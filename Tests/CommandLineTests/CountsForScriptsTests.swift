import Foundation
import Testing
import TestSupport

/// Counts for scripts (issue #25 item 6): `list --count` for any filter, and every `--json`
/// output one JSON object a line, as docs/commands.md says, run through the real binary.
@Suite("Counts and JSON for scripts")
struct CountsForScriptsTests {
    /// The desk of the script contract tests (Contoso confirmed, Fabrikam requested, Adatum
    /// withdrawn), with a key, a checkpoint and a JSON evidence pack.
    static func desk() throws -> (cli: CLI, pack: String, key: String) {
        let cli = try ScriptContractTests.store()
        let made = try cli("key", "init")
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try cli("checkpoint", "--output", cli.dir.file("today.checkpoint")).status == 0)
        let pack = cli.dir.file("pack.json")
        let written = try cli("evidence", "contoso.com", "--format", "json", "--output", pack)
        #expect(written.status == 0, "\(written.stderr)")
        return (cli, pack, made.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func listCountIsMissingSoBlockedByStatusHasNoDirectAnswer() throws {
        let (cli, _, _) = try Self.desk()
        // Before: `--count` was an unknown option (exit 64).
        let blocked = try cli("list", "--status", "blocked", "--count", "--json")
        #expect(blocked.status == 0, "\(blocked.stderr)")
        let lines = blocked.stdout.split(separator: "\n")
        #expect(lines.count == 1, "\(blocked.stdout)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(answer["count"] as? Int == 2)
        let byStatus = try #require(answer["byStatus"] as? [String: Int])
        #expect(byStatus["requested"] == 1 && byStatus["withdrawn"] == 1 && byStatus["confirmed"] == 0, "\(byStatus)")
        #expect(byStatus.keys.contains("not-applicable"))
        // Plain: the number alone on standard output, the breakdown beside it on standard error.
        let plain = try cli("list", "--count")
        #expect(plain.status == 0)
        #expect(plain.stdout == "3\n", "\(plain.stdout)")
        #expect(plain.stderr.contains("confirmed 1") && plain.stderr.contains("requested 1") && plain.stderr.contains("of 3 customers"),
                "\(plain.stderr)")
        // Any filter: a search, a reseller, a follow-up.
        for (arguments, expected) in [(["--search", "fabrikam"], 1), (["--reseller", "R-1"], 1), (["--waiting-over", "5"], 1),
                                      (["--search", "nobody-at-all"], 0)] {
            let counted = try cli.call(["list", "--count"] + arguments)
            #expect(counted.status == 0 && counted.stdout == "\(expected)\n", "\(arguments): \(counted.stdout) \(counted.stderr)")
            #expect(try CLI.jsonLines(try cli.call(["list", "--json"] + arguments).stdout).count == expected, "\(arguments)")
        }
    }

    @Test func jsonOutputPrettyPrintedOverManyLinesIsOneObjectALineInEveryCommand() throws {
        let (cli, pack, key) = try Self.desk()
        let runs: [[String]] = [
            ["list", "--json"], ["list", "--count", "--json"], ["show", "contoso.com", "--json"],
            ["check", "fabrikam.com", "--transaction", "new-purchase", "--json"], ["templates", "list", "--json"],
            ["verify", "--json"], ["log", "--json"], ["key", "show", "--json"], ["verify-evidence", pack, "--key", key, "--json"],
            ["export", "--format", "history"],
        ]
        for arguments in runs {
            let result = try cli.call(arguments)
            #expect(result.status == 0 || (arguments[0] == "check" && result.status == 3), "\(arguments): \(result.stderr)")
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(!lines.isEmpty && result.stdout.hasSuffix("\n"), "\(arguments): \(result.stdout)")
            for line in lines {
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8))
                #expect(object is [String: Any], "\(arguments): a line that is not one JSON object: \(line.prefix(80))")
            }
        }
        // Every command docs/commands.md gives a --json is one of those run above.
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/commands.md")
        // (Each command's heading, "### `consentdesk key show`", then its options' table.)
        var documented: [String] = []
        var heading = ""
        for line in try String(contentsOf: docs, encoding: .utf8).split(separator: "\n") {
            if line.hasPrefix("### `consentdesk ") { heading = String(line.dropFirst("### `consentdesk ".count).dropLast()) }
            if line.hasPrefix("| `--json`") { documented.append(heading) }
        }
        let covered = Set(runs.map { $0.prefix { !$0.hasPrefix("-") && !$0.contains(".") && !$0.contains("/") }.joined(separator: " ") })
        #expect(documented.count >= 8)
        for command in documented { #expect(covered.contains(command), "\(command) --json is not checked") }
    }
}
