import Foundation
import Testing
import TestSupport

extension CLI {
    /// Runs the binary with `input` on its standard input.
    func piped(_ arguments: String..., input: String) throws -> ProcessResult {
        try run(Products.consentdesk, arguments,
                environment: ["CONSENTDESK_NOW": CLI.now, "USER": "desk-tester", "CONSENTDESK_STORE": store,
                              "CONSENTDESK_ANCHORS": anchors],
                stdin: input)
    }

    /// Three customers without acceptance (Contoso, Fabrikam, Litware) in the `withCustomer` store.
    static func withThree() throws -> CLI {
        let cli = try CLI.withCustomer()
        try cli("add-customer", "--tenant-id", "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "--name", "Fabrikam GmbH",
                "--domains", "fabrikam.de", "--country", "DE")
        try cli("add-customer", "--tenant-id", "6fa459ea-ee8a-3ca4-894e-db77e160355e", "--name", "Litware Inc",
                "--domains", "litware.com", "--country", "US")
        return cli
    }

    /// How many events the customer's history holds, and its status, as `show --json` says.
    func shown(_ customer: String) throws -> (events: Int, status: String) {
        let object = try JSONSerialization.jsonObject(with: Data(try self("show", customer, "--json").stdout.utf8)) as? [String: Any]
        return ((object?["history"] as? [Any])?.count ?? -1, object?["status"] as? String ?? "?")
    }
}

/// `request A B C --from …` and `request --stdin`: all or nothing, with a report.
@Suite("Bulk requests on the command line")
struct BulkRequestTests {
    @Test func severalCustomersAreRequestedInOneGoWithTheirEventNumbers() throws {
        let cli = try CLI.withThree()
        let result = try cli("request", "contoso.com", "fabrikam.de", "Litware", "--from", "Tailspin", "--date", "2026-11-20")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].contains("Contoso Ltd") && lines[1].contains("Fabrikam GmbH") && lines[2].contains("Litware Inc"))
        // Consecutive event numbers, one per customer.
        let numbers = lines.compactMap { line in line.split(separator: "#").last.flatMap { Int($0.prefix { $0.isNumber }) } }
        #expect(numbers.count == 3 && numbers[1] == numbers[0] + 1 && numbers[2] == numbers[1] + 1)
        #expect(result.stderr.contains("Requests recorded for 3 customers in one transaction."))
        for customer in ["contoso.com", "fabrikam.de", "litware.com"] {
            #expect(try cli.shown(customer).status == "requested")
        }
        #expect(try cli("verify").status == 0)
    }

    @Test func oneRefusedCustomerRefusesAllAndEveryReasonIsListed() throws {
        let cli = try CLI.withThree()
        let before = try cli.shown("contoso.com").events
        // An unknown customer, one named twice, and a request dated in the future (refused for everyone).
        let result = try cli("request", "contoso.com", "nobody.example", "litware.com", "Litware Inc", "--from", "Tailspin")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Nothing was recorded for any of the 4 customers"))
        #expect(result.stderr.contains("nobody.example"))
        #expect(result.stderr.contains("is the same customer as"))
        #expect(try cli.shown("contoso.com") == (before, "missing"))
        #expect(try cli.shown("litware.com").status == "missing")
        // Every customer's rule refusal is listed, not just the first.
        let future = try cli("request", "contoso.com", "fabrikam.de", "--from", "Tailspin", "--date", "2030-01-01")
        #expect(future.status == 2)
        #expect(future.stderr.contains("Contoso Ltd:") && future.stderr.contains("Fabrikam GmbH:"))
        #expect(try cli.shown("fabrikam.de").status == "missing")
        #expect(try cli("verify").status == 0)
    }

    @Test func customersComeOneALineOnStandardInput() throws {
        let cli = try CLI.withThree()
        let result = try cli.piped("request", "--stdin", "--from", "it@contoso.com", input: "contoso.com\n\n  fabrikam.de  \r\nLitware\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 3)
        #expect(try cli.shown("litware.com").status == "requested")
        let nothing = try cli.piped("request", "--stdin", "--from", "x", input: "\n\n")
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("Name at least one customer"))
        let both = try cli.piped("request", "contoso.com", "--stdin", "--from", "x", input: "fabrikam.de\n")
        #expect(both.status == 64)
        #expect(both.stderr.contains("not both"))
    }

    @Test func oneCustomerStillPrintsWhatItDidBefore() throws {
        let cli = try CLI.withThree()
        let result = try cli("request", "contoso.com", "--from", "Tailspin")
        #expect(result.status == 0)
        #expect(result.stderr.contains("(event #"))
        #expect(result.stdout.isEmpty)
    }

    @Test func oneNoteForSeveralCustomersIsOneTransactionAndARefusalWritesNone() throws {
        let cli = try CLI.withThree()
        let before = try cli("log", "--json").stdout
        // One unknown customer: nothing is written for the others either.
        let refused = try cli("note", "contoso.com", "nobody.example", "--text", "Called about renewals")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("nobody.example"), "\(refused.stderr)")
        #expect(try cli("log", "--json").stdout == before)
        let result = try cli.piped("note", "--stdin", "--text", "Called about renewals", input: "contoso.com\nfabrikam.de\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 2)
        #expect(result.stdout.contains("Contoso Ltd") && result.stdout.contains("Fabrikam GmbH"))
        #expect(try cli("list", "--search", "called about renewals").stdout.contains("Fabrikam GmbH"))
        #expect(try cli("verify").status == 0)
    }

    @Test func theReportCountsOnlyWhatWasRecorded() throws {
        let cli = try CLI.withThree()
        #expect(try cli("request", "contoso.com", "--from", "Tailspin", "--date", "2026-11-20").status == 0)
        // The same request again is no change; Fabrikam's is new: one recorded.
        let result = try cli("request", "contoso.com", "fabrikam.de", "--from", "Tailspin", "--date", "2026-11-20")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Requests recorded for 1 customer"), "\(result.stderr)")
        let none = try cli("request", "--from", "Tailspin")
        #expect(none.status == 64 && none.stderr.contains("Name at least one customer"))
    }
}
