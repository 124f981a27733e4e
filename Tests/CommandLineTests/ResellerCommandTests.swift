import Foundation
import Testing
import TestSupport

/// Issue 14, item 6 on the command line: add-reseller never replaces, edit-reseller and
/// remove-reseller are explicit, and a reseller with customers is not removed.
@Suite("Reseller commands")
struct ResellerCommandTests {
    @Test func addingAnExistingIdIsRefusedAndTheNameStays() throws {
        let cli = try CLI.withCustomer()
        let again = try cli("profile", "add-reseller", "--id", "R-1", "--name", "Impostor", "--domains", "impostor.example")
        #expect(again.status != 0)
        #expect(again.stderr.contains("already in the profile (Tailspin)"))
        #expect(try cli("profile", "show").stdout.contains("Tailspin"))
        #expect(try !cli("profile", "show").stdout.contains("Impostor"))
    }

    @Test func thePartnersOwnDomainIsRefused() throws {
        let cli = try CLI.withCustomer()
        let own = try cli("profile", "add-reseller", "--id", "R-2", "--name", "Us", "--domains", "northwind.example")
        #expect(own.status != 0)
        #expect(own.stderr.contains("your own domain"))
    }

    @Test func editAndRemoveAreExplicit() throws {
        let cli = try CLI.withCustomer()
        let edited = try cli("profile", "edit-reseller", "--id", "R-1", "--name", "Tailspin Toys")
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stderr.contains("reseller R-1 changed"))
        let shown = try cli("profile", "show").stdout
        #expect(shown.contains("Tailspin Toys") && shown.contains("tailspin.example"))
        #expect(try cli("profile", "edit-reseller", "--id", "R-9", "--name", "X").status != 0)
        let removed = try cli("profile", "remove-reseller", "--id", "R-1")
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try !cli("profile", "show").stdout.contains("Tailspin"))
        #expect(try cli("verify").status == 0)
    }

    @Test func aResellerWithCustomersIsNotRemoved() throws {
        let cli = try CLI.withCustomer()
        try cli("add-customer", "--tenant-id", "1f8fad5b-d9cb-469f-a165-70867728950e", "--name", "Fabrikam",
                "--domains", "fabrikam.com", "--country", "DE", "--reseller", "R-1")
        let refused = try cli("profile", "remove-reseller", "--id", "R-1")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("still has 1 customer;"))
        #expect(refused.stderr.contains("consentdesk import"))
        #expect(try cli("profile", "show").stdout.contains("Tailspin"))
    }

    @Test func aResellerThatCollectedAConfirmationIsNotRemoved() throws {
        let cli = try CLI.withCustomer()
        // Contoso is served directly, but its confirmation was collected by R-1.
        #expect(try cli("confirm", "contoso.com", "--first", "Ana", "--last", "Souza", "--email", "ana@contoso.com",
                        "--date", "2026-11-20", "--reseller", "R-1").status == 0)
        let refused = try cli("profile", "remove-reseller", "--id", "R-1")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("still has 1 customer;"), "\(refused.stderr)")
        #expect(try cli("show", "contoso.com").stdout.contains("Tailspin"))
    }
}

/// Issue 14, item 8 on the command line: `show` and `show --json` give the request's note.
@Suite("Request notes in show")
struct RequestNoteShowTests {
    @Test func showPrintsTheNoteAndJSONCarriesIt() throws {
        let cli = try CLI.withCustomer()
        let asked = try cli("request", "contoso.com", "--from", "Tailspin", "--date", "2026-11-20", "--note", "Asked by phone; call back Friday")
        #expect(asked.status == 0, "\(asked.stderr)")
        let shown = try cli("show", "contoso.com")
        #expect(shown.stdout.contains("Request note"))
        #expect(shown.stdout.contains("Asked by phone; call back Friday"))
        let json = try JSONSerialization.jsonObject(with: Data(try cli("show", "contoso.com", "--json").stdout.utf8)) as? [String: Any]
        let request = json?["request"] as? [String: Any]
        #expect(request?["note"] as? String == "Asked by phone; call back Friday")
        #expect(request?["sentTo"] as? String == "Tailspin")
    }
}

/// Issue 14, item 16 on the command line: an ambiguous customer name says so plainly.
@Suite("Ambiguous customer names")
struct AmbiguousNameTests {
    @Test func confirmingByAnAmbiguousNameSaysMoreThanOneMatches() throws {
        let cli = try CLI.withCustomer()
        try cli("add-customer", "--tenant-id", "2f8fad5b-d9cb-469f-a165-70867728950e", "--name", "Contoso Legal S.A.",
                "--domains", "contoso-legal.com", "--country", "FR")
        let refused = try cli("confirm", "Contoso", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("More than one customer matches \"Contoso\""))
        #expect(!refused.stderr.contains("is not one of"))
        // A name ending in a full stop gets no second one.
        let ok = try cli("confirm", "contoso-legal.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso-legal.com", "--date", "2026-11-20")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("Contoso Legal S.A.") || ok.stdout.contains("Contoso Legal S.A."))
        #expect(!(ok.stderr + ok.stdout).contains("S.A.."))
    }
}
