import Foundation
import Testing
import TestSupport

/// Templates take effect on their date, and a change of policy says whom it moves first.
@Suite("Policy changes: upcoming templates and their impact")
struct PolicyImpactTests {
    static let nextTemplate = "33333333-4444-4555-8666-777777777777"

    func confirmedStore() throws -> CLI {
        let cli = try CLI.withCustomer()
        let confirm = try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        #expect(confirm.status == 0, "\(confirm.stderr)")
        return cli
    }

    @Test func aTemplateEffectiveNextMonthIsUpcomingAndBlocksNobodyToday() throws {
        let cli = try confirmedStore()
        let add = try cli("templates", "add", "--id", Self.nextTemplate, "--link", "https://aka.ms/customeragreement",
                          "--rank", "1", "--effective", "2026-12-26", "--yes")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stderr.contains("No customer changes status today."))
        #expect(add.stderr.contains("From 2026-12-26, with this change, 1 customer changes status: 1 confirmed → outdated."))
        #expect(try cli("templates").stdout.contains("upcoming, from 2026-12-26"))
        // Today nothing changed: still confirmed, still allowed, and confirmations can still be saved.
        #expect(try CLI.jsonLines(try cli("list", "--json").stdout)[0]["status"] as? String == "confirmed")
        #expect(try cli("check", "contoso.com", "--transaction", "new-purchase").status == 0)
        try cli("add-customer", "--tenant-id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--name", "Fabrikam", "--domains", "fabrikam.com")
        let second = try cli("confirm", "fabrikam.com", "--first", "Ben", "--last", "Ode", "--email", "ben@fabrikam.com", "--date", "2026-11-24")
        #expect(second.status == 0, "\(second.stderr)")
        // On the day it takes effect, the gate answers as the catalogue then says.
        let later = try cli("check", "contoso.com", "--transaction", "new-purchase", "--as-of", "2026-12-26")
        #expect(later.status == 3)
        #expect(try cli("check", "contoso.com", "--transaction", "new-purchase", "--as-of", "2026-12-25").status == 0)
        #expect(try cli("verify").status == 0)
    }

    @Test func aCutoffSaysWhomItMovesAndNeedsYesFromAScript() throws {
        let cli = try confirmedStore()
        let refused = try cli("profile", "set", "--cutoff", "2026-11-21")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("1 customer changes status today: 1 confirmed → outdated."))
        #expect(refused.stderr.contains("Nothing was saved. Add --yes"))
        #expect(try CLI.jsonLines(try cli("list", "--json").stdout)[0]["status"] as? String == "confirmed")
        let saved = try cli("profile", "set", "--cutoff", "2026-11-21", "--yes")
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(try CLI.jsonLines(try cli("list", "--json").stdout)[0]["status"] as? String == "outdated")
    }

    @Test func aChangeThatMovesNobodyNeedsNoYes() throws {
        let cli = try CLI.withCustomer()   // one customer, never confirmed: a newer template changes nothing for it
        let add = try cli("templates", "add", "--id", Self.nextTemplate, "--link", "https://aka.ms/customeragreement", "--rank", "1")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stderr.contains("No customer changes status today."))
        let cutoff = try cli("profile", "set", "--cutoff", "2026-11-01")
        #expect(cutoff.status == 0, "\(cutoff.stderr)")
    }

    @Test func anInvalidPolicyChangeIsRefusedBeforeAnyCount() throws {
        let cli = try confirmedStore()
        let bad = try cli("profile", "set", "--cutoff", "2026-13-01", "--yes")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("not a date"))
        #expect(!bad.stderr.contains("change status"))
    }

    /// The stored status follows a cut-off when its day comes, as the model does.
    @Test func aCutoffTakesEffectOnItsDayInTheStoredList() throws {
        let cli = try confirmedStore()
        let set = try cli("profile", "set", "--cutoff", "2026-11-30", "--yes")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stderr.contains("From 2026-11-30"))
        #expect(try CLI.jsonLines(try cli("list", "--json").stdout)[0]["status"] as? String == "confirmed")
        let later = ["CONSENTDESK_NOW": "2026-12-01T12:00:00Z"]
        let outdated = try cli("list", "--status", "outdated", "--json", environment: later)
        #expect(try CLI.jsonLines(outdated.stdout).count == 1, "\(outdated.stdout)\(outdated.stderr)")
        #expect(try cli("list", "--status", "confirmed", "--json", environment: later).stdout.isEmpty)
        #expect(try cli("check", "contoso.com", "--transaction", "new-purchase", environment: later).status == 3)
        #expect(try cli("verify", environment: later).status == 0)
    }
}
