import Foundation
import Testing
import TestSupport

/// Issue 14, item 12: what a script can rely on — answers on standard output, JSON with one
/// date format per kind and codes instead of prose, option values in any letter case, and
/// exit 64 for a wrong command line apart from 2 for refused input.
@Suite("The command line's contract for scripts")
struct ScriptContractTests {
    static let contoso = "0f8fad5b-d9cb-469f-a165-70867728950e"
    static let fabrikam = "1b4e28ba-2fa1-41d2-883f-0016d3cca427"
    static let adatum = "7c9e6679-7425-40de-944b-e07fc1f90ae7"

    /// Contoso confirmed, Fabrikam requested (with a note), Adatum confirmed then withdrawn.
    static func store() throws -> CLI {
        let cli = try CLI.withCustomer()
        try cli("add-customer", "--tenant-id", fabrikam, "--name", "Fabrikam", "--domains", "fabrikam.com", "--reseller", "R-1")
        try cli("add-customer", "--tenant-id", adatum, "--name", "Adatum", "--domains", "adatum.com")
        try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        try cli("request", "fabrikam.com", "--from", "Tailspin", "--date", "2026-11-15", "--note", "Call back after the audit")
        try cli("confirm", "adatum.com", "--first", "Bo", "--last", "Li", "--email", "bo@adatum.com", "--date", "2026-11-01")
        try cli("withdraw", "adatum.com", "--date", "2026-11-24", "--reason", "No longer agrees")
        return cli
    }

    static func listed(_ cli: CLI, _ arguments: String...) throws -> [String: [String: Any]] {
        let rows = try CLI.jsonLines(try cli.call(["list", "--json"] + arguments).stdout)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["tenantId"] as? String ?? "", $0) })
    }

    static func isDay(_ value: Any?) -> Bool {
        guard let text = value as? String else { return false }
        return text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
    }

    static func isInstant(_ value: Any?) -> Bool {
        guard let text = value as? String else { return false }
        return text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"#, options: .regularExpression) != nil
    }

    @Test func checkPrintsItsAnswerOnStandardOutputWhetherAllowedOrBlocked() throws {
        let cli = try Self.store()
        let blocked = try cli("check", "fabrikam.com", "--transaction", "new-purchase")
        #expect(blocked.status == 3)
        #expect(blocked.stdout.contains("Fabrikam: New purchase — Blocked"), "\(blocked.stdout)")
        #expect(blocked.stdout.contains("Fix:"))
        #expect(blocked.stderr.isEmpty, "\(blocked.stderr)")
        let allowed = try cli("check", "contoso.com", "--transaction", "new-purchase")
        #expect(allowed.status == 0)
        #expect(allowed.stdout.contains("Contoso Ltd: New purchase — Allowed"))
        #expect(allowed.stderr.isEmpty)
    }

    @Test func checkJSONSaysAllowedStatusReasonsAndFix() throws {
        let cli = try Self.store()
        let blocked = try cli("check", "fabrikam.com", "--transaction", "seat-change", "--json")
        #expect(blocked.status == 3)
        let answer = try #require(try CLI.jsonLines(blocked.stdout).first)
        #expect(answer["allowed"] as? Bool == false)
        #expect(answer["status"] as? String == "requested")
        #expect(answer["transaction"] as? String == "seat-change")
        #expect(answer["asOf"] as? String == "2026-11-25")
        #expect((answer["reasons"] as? [String])?.first?.contains("2026-11-15") == true)
        #expect((answer["fix"] as? String)?.contains("117a77b0-9360-443b-8795-c6dedc750cf9") == true)
        let allowed = try CLI.jsonLines(try cli("check", "contoso.com", "--transaction", "renewal", "--json").stdout).first
        #expect(allowed?["allowed"] as? Bool == true)
        #expect(allowed?["status"] as? String == "confirmed")
        #expect(allowed?["reasons"] as? [String] == [])
        #expect(allowed?["fix"] == nil)
        // Auto-renewal of a withdrawn customer goes through, with a note to read.
        let note = try CLI.jsonLines(try cli("check", "adatum.com", "--transaction", "auto-renewal", "--json").stdout).first
        #expect(note?["allowed"] as? Bool == true)
        #expect(note?["status"] as? String == "withdrawn")
        #expect((note?["note"] as? String)?.isEmpty == false)
    }

    @Test func listJSONHasOneDateFormatPerKindAndStructuredFields() throws {
        let cli = try Self.store()
        let rows = try Self.listed(cli)
        let contoso = try #require(rows[Self.contoso])
        let confirmation = try #require(contoso["confirmation"] as? [String: Any])
        #expect(confirmation["dateAgreed"] as? String == "2026-11-20")
        #expect(Self.isInstant(confirmation["recordedAt"]), "\(confirmation["recordedAt"] ?? "")")
        #expect(contoso["blocked"] as? Bool == false)
        #expect(contoso["cloud"] as? String == "global")
        #expect(contoso["statusDetail"] == nil)

        let fabrikam = try #require(rows[Self.fabrikam])
        #expect(fabrikam["status"] as? String == "requested")
        #expect(fabrikam["blocked"] as? Bool == true)
        #expect(fabrikam["daysWaiting"] as? Int == 10)
        #expect(fabrikam["resellerId"] as? String == "R-1")
        #expect(fabrikam["resellerName"] as? String == "Tailspin")
        let request = try #require(fabrikam["request"] as? [String: Any])
        #expect(request["date"] as? String == "2026-11-15")
        #expect(request["note"] as? String == "Call back after the audit")

        let adatum = try #require(rows[Self.adatum])
        #expect(adatum["status"] as? String == "withdrawn")
        #expect(adatum["blocked"] as? Bool == true)
        #expect((adatum["withdrawal"] as? [String: Any])?["date"] as? String == "2026-11-24")
        #expect(adatum["daysWaiting"] == nil)

        // Outdated says why with a code, never prose; it is blocked too.
        #expect(try cli("profile", "set", "--cutoff", "2026-11-21", "--yes").status == 0)
        let outdated = try #require(try Self.listed(cli)[Self.contoso])
        #expect(outdated["status"] as? String == "outdated")
        #expect(outdated["outdatedReason"] as? String == "before-cutoff")
        #expect(outdated["blocked"] as? Bool == true)
    }

    @Test func showJSONUsesTheSameShapeWithHistoryAndSubscriptions() throws {
        let cli = try Self.store()
        let shown = try JSONSerialization.jsonObject(with: Data(try cli("show", "contoso.com", "--json").stdout.utf8)) as? [String: Any]
        let confirmation = shown?["confirmation"] as? [String: Any]
        #expect(confirmation?["dateAgreed"] as? String == "2026-11-20")
        #expect(shown?["blocked"] as? Bool == false)
        #expect(shown?["subscriptions"] as? [Any] != nil)
        let history = shown?["history"] as? [[String: Any]] ?? []
        #expect(!history.isEmpty)
        #expect(history.allSatisfy { Self.isInstant($0["at"]) })
        // Kinds are spelled as in the history export and the log: kebab-case.
        #expect(history.contains { $0["kind"] as? String == "customer-added" })
        #expect(!history.contains { ($0["kind"] as? String ?? "").contains(where: \.isUppercase) })
        #expect(Self.isDay((shown?["request"] as? [String: Any])?["date"]) || shown?["request"] == nil)
    }

    @Test func optionValuesIgnoreLetterCaseAndReadKebabAndOldSpellings() throws {
        let cli = try Self.store()
        let blocked = try Self.listed(cli, "--status", "blocked")
        #expect(Set(blocked.keys) == [Self.fabrikam, Self.adatum])
        for spelling in ["Blocked", "BLOCKED"] {
            let result = try cli("list", "--json", "--status", spelling)
            #expect(result.status == 0, "\(spelling): \(result.stderr)")
            #expect(Set(try CLI.jsonLines(result.stdout).compactMap { $0["tenantId"] as? String }) == Set(blocked.keys))
        }
        for spelling in ["no-acceptance", "No-Acceptance", "noAcceptance"] {
            #expect(Set(try Self.listed(cli, "--status", spelling).keys) == [Self.fabrikam, Self.adatum], "\(spelling)")
        }
        #expect(try cli("check", "contoso.com", "--transaction", "New-Purchase", "--channel", "API").status == 0)
        #expect(try cli("check", "contoso.com", "--transaction", "seatChange").status == 0)
        #expect(try cli("export", "--format", "CSV").status == 0)
        // Roles in kebab-case, and the older camelCase spelling.
        #expect(try cli("profile", "set", "--role", "direct-bill", "--yes").status == 0)
        #expect(try cli("profile").stdout.contains("Direct bill partner"))
        #expect(try cli("profile", "set", "--role", "Indirect-Provider", "--yes").status == 0)
        #expect(try cli("profile").stdout.contains("Indirect provider"))
        #expect(try cli("profile", "set", "--role", "indirectProvider", "--yes").status == 0)
        let gov = try cli("add-customer", "--tenant-id", "9a2b3c4d-1111-4222-8333-944455556666", "--name", "Gov Agency",
                          "--cloud", "US-Government")
        #expect(gov.status == 0, "\(gov.stderr)")
        #expect(try Self.listed(cli)["9a2b3c4d-1111-4222-8333-944455556666"]?["cloud"] as? String == "us-government")
    }

    @Test func aWrongCommandLineExits64AndRefusedInputExits2() throws {
        let cli = try Self.store()
        let history = try cli("export", "--format", "history").stdout
        let wrong: [([String], String)] = [
            (["list", "--status", "stuck"], "no-acceptance"),
            (["export", "--format", "xlsx"], "partner-center"),
            (["import", "x.csv", "--format", "excel"], "attestations"),
            (["check", "contoso.com", "--transaction", "buy"], "new-purchase"),
            (["check", "contoso.com", "--transaction", "renewal", "--channel", "fax"], "dashboard"),
            (["profile", "set", "--role", "distributor"], "indirect-provider"),
            (["add-customer", "--tenant-id", Self.fabrikam, "--name", "X", "--cloud", "mars"], "us-government"),
            (["list", "--frobnicate"], "--frobnicate"),
            (["list", "--lang", "fr"], "zh-Hans"),
            (["confirm"], "customer"),
        ]
        for (arguments, named) in wrong {
            let result = try cli.call(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(named), "\(arguments): \(result.stderr)")
        }
        let unknown = try cli("show", "northwind-traders")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("No customer matches"))
        let future = try cli("confirm", "fabrikam.com", "--first", "A", "--last", "B", "--email", "a@fabrikam.com", "--date", "2026-12-01")
        #expect(future.status == 2)
        #expect(try cli("export", "--format", "history").stdout == history)
        // A wrong command line creates no store either.
        let elsewhere = cli.dir.file("never")
        #expect(try cli("profile", "set", "--role", "distributor", "--store", elsewhere).status == 64)
        #expect(!FileManager.default.fileExists(atPath: elsewhere))
        #expect(try cli("list", "--status", "stuck", "--store", elsewhere).status == 64)
    }

    @Test func theAppWithoutATerminalSaysSoInsteadOfWaiting() throws {
        let cli = try CLI.withCustomer()
        let before = try cli("log", "--json").stdout
        for arguments in [[String](), ["--demo"]] {
            let result = try cli.call(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("The app needs a terminal"))
        }
        #expect(try cli("log", "--json").stdout == before)
    }

    @Test func demoWithACommandIsAWrongCommandLineNotIgnored() throws {
        let cli = try CLI.withCustomer()
        let before = try cli("log", "--json").stdout
        for arguments in [["--demo", "list"], ["list", "--demo"], ["--demo", "--keep", "export", "--format", "csv"]] {
            let result = try cli.call(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("--demo opens the app on demo data and goes with no command"))
            #expect(result.stdout.isEmpty)
        }
        // The same word as a global option's value is no command.
        #expect(try cli.call(["--employee", "list", "--demo"]).stderr.contains("The app needs a terminal"))
        #expect(try cli("log", "--json").stdout == before)
    }
}
