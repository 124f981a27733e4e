import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

/// Issue 14, items 5, 7, 8 and 10 on the customer detail: it never goes stale after a
/// refused save, keeps the name and its place visible while scrolling, and shows the
/// warning and the request note after saving.
@Suite("The customer detail: fresh after a refused save, scrolling, warnings, request notes")
struct DetailScreenTests {
    static func keys(_ text: String) -> [Key] { text.map { .character($0) } }

    /// A runner on `fixture` showing the detail of the first blocked customer, loaded.
    static func detailOfABlockedCustomer(_ fixture: AppFixture, width: Int = 100, height: Int = 30) throws -> (AppRunner, String) {
        let backend = ScriptedBackend([])
        backend.size = (width, height)
        let runner = AppRunner(backend: backend, store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        runner.dispatch(.key(.character("b")))
        runner.waitForSaves()
        let tenant = try #require(runner.state.selectedRow).customer.tenantId
        runner.dispatch(.key(.enter))
        runner.waitForSaves()
        return (runner, tenant)
    }

    @Test func aSaveRefusedForAnotherDesksChangeReloadsTheDetailAndSaysWhatChanged() throws {
        let fixture = try AppFixture()
        let (runner, tenant) = try Self.detailOfABlockedCustomer(fixture)
        // The form opens on the customer as shown; another desk confirms it meanwhile.
        for key in [Key.character("c"), .tab, .tab] + Self.keys("Ana") + [.tab] + Self.keys("Souza") + [.tab] + Self.keys("ana@example.com") {
            runner.dispatch(.key(key))
        }
        let other = try ConsentStore(location: fixture.store.location, clock: AppFixture.clock, actor: StoreActor(userId: "", employee: "bo"))
        try other.execute(.confirm(tenantId: tenant, ConfirmationDraft(dateAgreed: "2026-11-20", firstName: "Bo", lastName: "Li", email: "bo@example.com")))
        runner.dispatch(.key(.control("s")))
        runner.waitForSaves()

        // The form says it was not saved, who changed it and what changed.
        guard case .form(let form) = runner.state.modal else { Issue.record("form closed"); return }
        let message = form.message ?? ""
        #expect(message.contains("Another desk (bo)"))
        #expect(message.contains("Accepted by: ") && message.contains(" → Bo Li"))
        #expect(message.contains(" → bo@example.com"))
        #expect(try fixture.store.customer(tenant)?.customer.confirmation?.contact.firstName == "Bo")
        // The detail behind it shows the customer as it is now, with the changes on top.
        guard case .detail(let detail) = runner.state.screen else { Issue.record("not on the detail"); return }
        #expect(detail.customer?.confirmation?.contact.fullName == "Bo Li")
        runner.dispatch(.key(.escape))
        runner.dispatch(.key(.character("y")))
        let text = Renderer.render(runner.state).text
        #expect(text.contains("Another desk changed this customer"))
        #expect(text.contains("Bo Li <bo@example.com>"))
    }

    @Test func havingSeenTheChangeSavingAgainSavesOverIt() throws {
        let fixture = try AppFixture()
        let (runner, tenant) = try Self.detailOfABlockedCustomer(fixture)
        for key in [Key.character("c"), .tab, .tab] + Self.keys("Ana") + [.tab] + Self.keys("Souza") + [.tab] + Self.keys("ana@example.com") {
            runner.dispatch(.key(key))
        }
        let other = try ConsentStore(location: fixture.store.location, clock: AppFixture.clock, actor: StoreActor(userId: "", employee: "bo"))
        try other.execute(.confirm(tenantId: tenant, ConfirmationDraft(dateAgreed: "2026-11-20", firstName: "Bo", lastName: "Li", email: "bo@example.com")))
        runner.dispatch(.key(.control("s")))
        runner.waitForSaves()
        runner.dispatch(.key(.control("s")))
        runner.waitForSaves()
        #expect(runner.state.modal == nil)
        #expect(try fixture.store.customer(tenant)?.customer.confirmation?.contact.firstName == "Ana")
        #expect(try fixture.store.verify().isValid)
        // The detail shows the saved record, and no longer the other desk's change.
        guard case .detail(let detail) = runner.state.screen else { Issue.record("not on the detail"); return }
        #expect(detail.changes.isEmpty)
        #expect(detail.customer?.confirmation?.contact.firstName == "Ana")
    }

    @Test func theNameStaysOnScreenWithWhereYouAreWhileScrolling() throws {
        let fixture = try AppFixture()
        let (runner, tenant) = try Self.detailOfABlockedCustomer(fixture, width: 80, height: 16)
        let name = try #require(try fixture.store.customer(tenant)).customer.companyName
        var buffer = Renderer.render(runner.state)
        #expect(buffer.lines[1].contains(name))
        #expect(buffer.lines[1].contains("lines 1–12 of"))
        #expect(buffer.lines[1].contains("↓"))
        runner.dispatch(.key(.end))
        buffer = Renderer.render(runner.state)
        #expect(buffer.lines[1].contains(name))
        #expect(buffer.lines[1].contains("↑"))
        #expect(!buffer.lines[1].contains("↓"))
        #expect(buffer.text.contains("History"))
        runner.dispatch(.key(.home))
        #expect(Renderer.render(runner.state).lines[1].contains("lines 1–12 of"))
        runner.dispatch(.key(.end))
        var shown = runner.state
        shown.storePath = "~/.local/share/consentdesk/store.sqlite"
        assertSnapshot(Renderer.render(shown), "detail-scrolled-to-end-80x16")
    }

    @Test func wrappedLinesContinueUnderTheirOwnText() throws {
        let fixture = try AppFixture()
        let (runner, _) = try Self.detailOfABlockedCustomer(fixture, width: 70, height: 60)
        let lines = Renderer.render(runner.state).lines
        // "→ Fix: …" continues under "Fix", not under the value column of fields.
        let fix = try #require(lines.firstIndex { $0.contains("→ Fix:") })
        let fixColumn = try #require(lines[fix].range(of: "Fix")).lowerBound.utf16Offset(in: lines[fix])
        let next = lines[fix + 1]
        #expect(next.prefix { $0 == " " }.count == fixColumn)
    }
}

/// Issue 14, item 10 outside the list: the status bar offers the keys of where you are,
/// the ones that work now first; behind a question only its answers.
@Suite("The status bar outside the list")
struct ContextStatusBarTests {
    @Test func theDetailOffersItsActionsWithTheAvailableOnesFirst() throws {
        let fixture = try AppFixture()
        let (runner, _) = try DetailScreenTests.detailOfABlockedCustomer(fixture, width: 100, height: 30)
        let bar = Renderer.render(runner.state).lines.last ?? ""
        for key in ["c Confirm", "e Edit", "r Request", "Esc Back", "? Help", "q Quit"] { #expect(bar.contains(key), "\(key)") }
        // Nothing is selected in the history yet, so voiding comes after the actions that work.
        let void = try #require(bar.range(of: "x Void")), request = try #require(bar.range(of: "r Request"))
        #expect(request.lowerBound < void.lowerBound)
        // Wide enough, the full words.
        var wide = runner.state
        _ = wide.update(.resize(width: 160, height: 30))
        #expect(Renderer.render(wide).lines.last?.contains("c Confirm acceptance") == true)
    }

    @Test func behindAQuestionOnlyItsAnswers() throws {
        let fixture = try AppFixture()
        let (runner, _) = try DetailScreenTests.detailOfABlockedCustomer(fixture)
        runner.dispatch(.key(.character("w")))
        runner.dispatch(.key(.tab))
        for character in "moved to another partner" { runner.dispatch(.key(.character(character))) }
        runner.dispatch(.key(.control("s")))
        guard case .dangerous = runner.state.modal else { Issue.record("did not ask"); return }
        let bar = Renderer.render(runner.state).lines.last ?? ""
        #expect(bar.contains("y Yes") && bar.contains("n No") && bar.contains("Esc Cancel"))
        #expect(!bar.contains("Confirm") && !bar.contains("Quit"))
    }
}
