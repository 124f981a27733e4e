import Foundation
import Testing
import TestSupport

/// Issue: every write path keeps each customer's story true — through the real binary.
@Suite("The history stays true: order, floors, audit fields, text")
struct HistoryTruthTests {
    func confirmed(on date: String = "2026-11-10") throws -> CLI {
        let cli = try CLI.withCustomer()
        let result = try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", date)
        #expect(result.status == 0, "\(result.stderr)")
        return cli
    }

    func statusOfContoso(_ cli: CLI) throws -> String? {
        try CLI.jsonLines(try cli("list", "--json").stdout).first?["status"] as? String
    }

    @Test func aConfirmationDatedBeforeTheWithdrawalCannotUndoIt() throws {
        let cli = try confirmed()
        #expect(try cli("withdraw", "contoso.com", "--date", "2026-11-20", "--reason", "No longer agrees").status == 0)
        let undo = try cli("confirm", "contoso.com", "--first", "Ben", "--last", "Ode", "--email", "ben@contoso.com", "--date", "2026-11-12")
        #expect(undo.status == 2)
        #expect(undo.stderr.contains("before the customer's withdrawal on 2026-11-20"), "\(undo.stderr)")
        #expect(try statusOfContoso(cli) == "withdrawn")
        // Dated on or after the withdrawal, the same contact may confirm again.
        let again = try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try statusOfContoso(cli) == "confirmed")
        // And afterwards an older acceptance still cannot rewrite the story.
        let older = try cli("confirm", "contoso.com", "--first", "Cara", "--last", "Ode", "--email", "cara@contoso.com", "--date", "2026-11-15")
        #expect(older.status == 2)
        #expect(try cli("verify").status == 0)
    }

    @Test func aWithdrawalDatedBeforeTheAcceptanceIsRefused() throws {
        let cli = try confirmed(on: "2026-11-10")
        let early = try cli("withdraw", "contoso.com", "--date", "2026-11-09", "--reason", "x")
        #expect(early.status == 2)
        #expect(early.stderr.contains("before the acceptance it withdraws (2026-11-10)"), "\(early.stderr)")
        #expect(try statusOfContoso(cli) == "confirmed")
    }

    @Test func datesHaveAFloorEverywhere() throws {
        let cli = try confirmed()
        for arguments in [["confirm", "contoso.com", "--first", "B", "--last", "C", "--email", "b@contoso.com", "--date", "0001-01-01"],
                          ["request", "contoso.com", "--from", "Tailspin", "--date", "0001-01-01"],
                          ["withdraw", "contoso.com", "--date", "0001-01-01", "--reason", "x"]] {
            let result = try cli.call(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains("cannot be before 2010-01-01"), "\(result.stderr)")
        }
        #expect(try statusOfContoso(cli) == "confirmed")
    }

    @Test(arguments: ["amy\u{1F}x", "\u{1B}]52;c;ZXZpbA==\u{7}", "", "amy\u{202E}", String(repeating: "a", count: 120_000)])
    func whoMadeTheChangeIsValidatedForEveryKindOfWrite(employee: String) throws {
        let cli = try confirmed()
        let before = try cli("export", "--format", "history").stdout
        let writes: [[String]] = [
            ["request", "contoso.com", "--from", "Tailspin"],
            ["withdraw", "contoso.com", "--date", "2026-11-20", "--reason", "x"],
            ["add-customer", "--tenant-id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--name", "Fabrikam"],
            ["templates", "add", "--id", "33333333-4444-4555-8666-777777777777", "--link", "https://aka.ms/x", "--rank", "0", "--type", "Other"],
            ["profile", "set", "--name", "Renamed"],
        ]
        for arguments in writes {
            let result = try cli.call(arguments + ["--employee", employee])
            #expect(result.status == 2, "\(arguments): \(result.stderr.prefix(300))")
            #expect(result.stderr.contains("Employee"), "\(result.stderr.prefix(300))")
            #expect(!result.stderr.contains("\u{1B}"))
        }
        // The partner user id from the environment is checked the same way.
        let viaEnvironment = try cli("request", "contoso.com", "--from", "Tailspin", environment: ["CONSENTDESK_USER_ID": "pc\u{1F}user"])
        #expect(viaEnvironment.status == 2)
        #expect(try cli("export", "--format", "history").stdout == before)
    }

    @Test func anInvisibleCharacterCannotMakeADuplicateLookNew() throws {
        let cli = try confirmed()
        let sneaky = try cli("confirm", "contoso.com", "--first", "An\u{200B}na", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-10")
        #expect(sneaky.status == 2)
        #expect(sneaky.stderr.contains("invisible character"))
        let decomposed = try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "ANNA@contoso.com", "--date", "2026-11-10")
        #expect(decomposed.status == 2)
        #expect(decomposed.stderr.contains("600061"))
        let separatorOnly = try cli("add-customer", "--tenant-id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--name", "\u{2028}")
        #expect(separatorOnly.status == 2)
    }

    @Test func aBadAsOfDateIsNamedAsSuch() throws {
        let cli = try confirmed()
        let result = try cli("check", "contoso.com", "--transaction", "renewal", "--as-of", "next week")
        #expect(result.status == 64)
        #expect(result.stderr.contains("--as-of"))
        #expect(!result.stderr.contains("Acceptance date"))
    }
}
