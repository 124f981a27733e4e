import Foundation
import Testing
import TestSupport

/// One customer matcher (issue #25 item 1) for every command that takes a customer and for
/// the list's search: the same fold, a part of the name or tenant id, a domain (also typed as
/// a web address), a contact's email. One match acts; several are listed with what tells
/// them apart and the command exits 2 without writing; an exact tenant id always wins.
@Suite("One customer matcher in every command")
struct OneMatcherTests {
    static let contosoUS = "0f8fad5b-d9cb-469f-a165-70867728950e"
    static let contosoDE = "2b3c4d5e-1111-4a2b-8c3d-000000000002"
    static let contosoFR = "2b3c4d5e-1111-4a2b-8c3d-000000000003"
    static let oresund = "3c4d5e6f-2222-4b3c-9d4e-000000000004"

    /// Three companies called "Contoso Ltd" (as a partner with subsidiaries has them) and
    /// "Øresund Logistics", whose contact is lars@oresund.example.
    static func desk() throws -> CLI {
        let cli = try CLI.withCustomer()
        for (id, domain, country) in [(contosoDE, "contoso.de", "DE"), (contosoFR, "contoso.fr", "FR")] {
            let added = try cli("add-customer", "--tenant-id", id, "--name", "Contoso Ltd", "--domains", domain, "--country", country)
            #expect(added.status == 0, "\(added.stderr)")
        }
        let added = try cli("add-customer", "--tenant-id", oresund, "--name", "Øresund Logistics", "--domains", "oresund.example",
                            "--country", "DK")
        #expect(added.status == 0, "\(added.stderr)")
        let confirmed = try cli("confirm", oresund, "--first", "Lars", "--last", "Holm", "--email", "lars@oresund.example",
                                "--date", "2026-11-20")
        #expect(confirmed.status == 0, "\(confirmed.stderr)")
        return cli
    }

    func events(_ cli: CLI) throws -> String { try cli.sqlite("SELECT COUNT(*), MAX(seq) FROM events").stdout }

    /// Each command that takes a customer, with `customer` in its place (evidence writes into `dir`).
    func commands(_ customer: String, _ cli: CLI, _ n: Int) -> [[String]] {
        [
            ["show", customer],
            ["check", customer, "--transaction", "new-purchase"],
            ["evidence", customer, "--output", cli.dir.file("pack-\(n).html")],
            ["note", customer, "--text", "Called about the renewal"],
            ["request", customer, "--from", "it@example.org"],
            ["confirm", customer, "--first", "Ida", "--last", "Berg", "--email", "ida@example.org", "--date", "2026-11-21"],
            ["withdraw", customer, "--date", "2026-11-24", "--reason", "Left"],
            ["log", "--customer", customer],
        ]
    }

    @Test func aPartOfTheNameWithoutAccentsADomainAsAWebAddressAndAContactsEmailFindTheCustomerInEveryCommand() throws {
        let cli = try Self.desk()
        // Before: "No customer matches" (exit 2) for all but the name with its accent.
        let reading: (String, Int) -> [[String]] = { typed, n in
            [["show", typed], ["check", typed, "--transaction", "new-purchase"], ["evidence", typed, "--output", cli.dir.file("pack-\(n).html")],
             ["note", typed, "--text", "Called about the renewal"], ["log", "--customer", typed]]
        }
        for (n, typed) in ["oresund", "https://www.oresund.example/contact", "lars@oresund.example", "3c4d5e6f", "ØRESUND"].enumerated() {
            for arguments in reading(typed, n) {
                let result = try cli.call(arguments)
                #expect(result.status == 0 || (arguments[0] == "check" && result.status == 3), "\(arguments): \(result.stderr)")
                #expect(!result.stderr.contains("No customer matches"), "\(arguments)")
                if arguments[0] == "show" { #expect(result.stdout.contains("Øresund Logistics"), "\(arguments)") }
            }
        }
        // (A request is refused while Øresund's acceptance is current: it follows the withdrawal.)
        for arguments in [["withdraw", "lars@oresund.example", "--date", "2026-11-24", "--reason", "Left"],
                          ["request", "ØRESUND", "--from", "it@example.org"],
                          ["confirm", "https://www.oresund.example/contact", "--first", "Ida", "--last", "Berg", "--email", "ida@example.org",
                           "--date", "2026-11-25"]] {
            let result = try cli.call(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        // Every event was Øresund's.
        let log = try cli("log", "--customer", "oresund", "--json")
        #expect(log.stdout.contains("Ida") && log.stdout.contains("Called about the renewal"))
        let contoso = try cli("log", "--customer", "contoso.de", "--json")
        #expect(!contoso.stdout.contains("Called about the renewal"))
    }

    @Test func severalMatchesAreListedWithDomainCountryAndTenantIdExitTwoAndNothingIsWritten() throws {
        let cli = try Self.desk()
        let before = try events(cli)
        for arguments in commands("contoso", cli, 0) + commands("Contoso Ltd", cli, 1) {
            let result = try cli.call(arguments)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
            // Each of the three is told apart by its domain, country and tenant id.
            for (domain, country, id) in [("contoso.com", "US", Self.contosoUS), ("contoso.de", "DE", Self.contosoDE),
                                          ("contoso.fr", "FR", Self.contosoFR)] {
                let line = try #require(result.stderr.split(separator: "\n").first { $0.contains(id) }, "\(arguments): \(result.stderr)")
                #expect(line.contains("Contoso Ltd") && line.contains(domain) && line.contains(country), "\(line)")
            }
            #expect(result.stderr.contains("(3 customers)"), "\(result.stderr)")
        }
        #expect(try events(cli) == before)
    }

    @Test func anExactDomainEmailOrTenantIdPicksOneOfSeveralMatches() throws {
        let cli = try Self.desk()
        // Øresund's note names Contoso US's tenant id and domain: a search for either finds both.
        #expect(try cli("note", "oresund", "--text", "Sister company of \(Self.contosoUS), contoso.com").status == 0)
        let listed = try cli("list", "--search", Self.contosoUS, "--json")
        #expect(listed.stdout.contains(Self.oresund) && listed.stdout.contains(Self.contosoUS))
        for typed in [Self.contosoUS, Self.contosoUS.uppercased(), "contoso.com", "https://contoso.com/"] {
            let result = try cli("show", typed)
            #expect(result.status == 0, "\(typed): \(result.stderr)")
            #expect(result.stdout.contains(Self.contosoUS) && !result.stdout.contains("Øresund"), "\(typed)")
        }
        #expect(try cli("show", "contoso.de").stdout.contains(Self.contosoDE))
    }

    @Test func theListSearchFindsWhatTheCommandsFind() throws {
        let cli = try Self.desk()
        for typed in ["https://contoso.de/", "lars@oresund.example", "oresund", "2b3c4d5e-1111-4a2b-8c3d-000000000003"] {
            let listed = try cli("list", "--search", typed, "--json")
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(try CLI.jsonLines(listed.stdout).count == 1, "\(typed): \(listed.stdout)")
            #expect(try cli("show", typed).status == 0, "\(typed)")
        }
    }

    @Test func anImportForACustomerFindsItAsEveryCommandDoes() throws {
        let cli = try Self.desk()
        let file = cli.dir.file("agreement.json")
        try Data("""
        {"totalCount":1,"items":[{"primaryContact":{"firstName":"Nina","lastName":"Berg","email":"nina@oresund.example"},
         "templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","dateAgreed":"2026-11-22T00:00:00Z","type":"MicrosoftCustomerAgreement"}]}
        """.utf8).write(to: URL(fileURLWithPath: file))
        let imported = try cli("import", file, "--customer", "oresund")
        #expect(imported.status == 0, "\(imported.stdout) \(imported.stderr)")
        let ambiguous = try cli("import", file, "--customer", "contoso")
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains(Self.contosoFR) || ambiguous.stdout.contains(Self.contosoFR), "\(ambiguous.stderr)")
    }
}
