import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

@Suite("The app's void flow (rule 12)")
struct VoidFlowTests {
    /// The detail of the first confirmed customer, loaded from the store as the runner loads it.
    static func detailOfAConfirmedCustomer(_ fixture: AppFixture) throws -> (AppState, String) {
        var state = try fixture.state(width: 100, height: 40)
        #expect(state.select { $0.status == .confirmed })
        state.press(.enter)
        guard case .detail(let detail) = state.screen else { Issue.record("no detail"); return (state, "") }
        try load(&state, fixture, detail)
        return (state, detail.tenantId)
    }

    static func load(_ state: inout AppState, _ fixture: AppFixture, _ detail: DetailState) throws {
        let loaded = try #require(try fixture.store.customer(detail.tenantId))
        let history = StoredEvent.historyEntries(try fixture.store.history(of: detail.tenantId))
        _ = state.update(.detailLoaded(loaded.customer, lastSeq: loaded.lastSeq, history: history, request: detail.request))
    }

    /// Issue 25: `G`/End scrolled to the end of the detail without selecting, so voiding
    /// the oldest entry took a press per event. Class: a jump key that moves the view but
    /// not the selection. Home/g and End/G select the first and last entry shown.
    @Test func homeAndEndSelectTheFirstAndLastHistoryEntryShown() throws {
        let fixture = try AppFixture()
        var (state, _) = try Self.detailOfAConfirmedCustomer(fixture)
        guard case .detail(let detail) = state.screen else { Issue.record("no detail"); return }
        let shown = detail.history.reversed().map(\.seq)
        #expect(shown.count >= 2)
        state.press(.character("G"))
        #expect(state.selectedHistoryEntry?.seq == shown.last)
        state.press(.character("g"))
        #expect(state.selectedHistoryEntry?.seq == shown.first)
        state.press(.end)
        #expect(state.selectedHistoryEntry?.seq == shown.last)
        // The selected line is on screen, marked.
        let buffer = Renderer.render(state)
        #expect(buffer.roleGrid.contains { $0.contains("SSSS") })
    }

    /// Issue 25: a second confirmation with an earlier date was refused with a good reason
    /// but no way forward. Class: a refusal whose fix is another action and does not name
    /// it. The message names the void key, and closing the form selects the confirmation
    /// to void, so `x` acts on it at once.
    @Test func aRefusedEarlierConfirmationPointsToVoidingWithTheConfirmationSelected() throws {
        let fixture = try AppFixture()
        var (state, tenant) = try Self.detailOfAConfirmedCustomer(fixture)
        let current = try #require(try fixture.store.customer(tenant)?.customer.confirmation)
        state.press(.character("c"))
        var form = try #require(state.openForm)
        while form.fields[form.focus].field != .dateAgreed {
            state.press(.tab)
            form = try #require(state.openForm)
        }
        state.press(.control("u"))
        state.type(current.dateAgreed.adding(days: -1).iso)
        _ = state.update(.key(.control("s")))
        let refused = try #require(state.openForm)
        #expect(refused.suggestsVoid)
        #expect(refused.message?.contains("x voids it") == true, "\(refused.message ?? "")")
        state.press(.escape)
        if case .discard = state.modal { state.press(.character("y")) }
        #expect(state.modal == nil)
        let selected = try #require(state.selectedHistoryEntry)
        #expect(selected.kind == "confirmed" && selected.voidedBy == nil)
        state.press(.character("x"))
        guard case .form = state.modal else { Issue.record("x did not open the void form"); return }
    }

    @Test func voidingTheSelectedConfirmationAsksFirstThenMarksItInTheHistory() throws {
        let fixture = try AppFixture()
        var (state, tenant) = try Self.detailOfAConfirmedCustomer(fixture)
        // Nothing selected yet: the key says why instead of opening a form.
        state.press(.character("x"))
        #expect(state.modal == nil)
        #expect(state.flash?.text.contains("Select an event in the history first") == true)

        // ↓ selects the newest entry, then moves down the history to the confirmation.
        state.press(.down)
        var steps = 0
        while state.selectedHistoryEntry?.kind != "confirmed" && steps < 20 {
            state.press(.down)
            steps += 1
        }
        let entry = try #require(state.selectedHistoryEntry)
        #expect(entry.kind == "confirmed")
        assertSnapshot(Renderer.render(state), "detail-history-selected-100x40")

        state.press(.character("x"))
        guard case .form(let form) = state.modal else { Issue.record("no void form"); return }
        #expect(form.title == "Void event #\(entry.seq)")
        state.type("entered on the wrong customer")
        #expect(state.update(.key(.control("s"))).isEmpty)
        guard case .dangerous(let change) = state.modal else { Issue.record("saved without asking"); return }
        #expect(change.consequence.contains("as if it never happened") || change.consequence.contains("never happened"))
        assertSnapshot(Renderer.render(state), "detail-void-ask-100x40")
        #expect(try fixture.store.customer(tenant)?.customer.confirmation != nil)

        let effects = state.update(.key(.character("y")))
        guard case .save(let command, let expecting, let done, let request) = effects.first,
              case .void(entry.seq, "entered on the wrong customer") = command else {
            Issue.record("yes did not save the void: \(effects)"); return
        }
        // The runner's part: the store saves it.
        let outcome = try fixture.store.execute(command, expectingCustomerSeq: expecting)
        #expect(try fixture.store.customer(tenant)?.customer.confirmation == nil)
        #expect(try fixture.store.verify().isValid)
        let reload = state.update(.saved(outcome, done: done, request: request))
        #expect(state.flash?.text == "Saved: event #\(entry.seq) voided.")
        guard case .loadDetail = reload.first, case .detail(let detail) = state.screen else { Issue.record("no reload"); return }
        try Self.load(&state, fixture, detail)

        // Read as words: wrapped history lines continue under the entry's text.
        let text = state.screenText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("(voided by #\(outcome.seq ?? 0): entered on the wrong customer)"))
        #expect(text.contains("Voided #\(entry.seq): entered on the wrong customer"))
        // The selection stays on the voided entry, which cannot be voided again.
        #expect(state.selectedHistoryEntry?.seq == entry.seq)
        state.press(.character("x"))
        #expect(state.modal == nil)
        #expect(state.flash?.text.contains("already voided by #\(outcome.seq ?? 0)") == true)
    }

    @Test func anEntryThatChangesNoConsentCannotBeVoided() throws {
        let fixture = try AppFixture()
        var (state, _) = try Self.detailOfAConfirmedCustomer(fixture)
        // The oldest entry is the customer being added.
        for _ in 0..<30 { state.press(.down) }
        let entry = try #require(state.selectedHistoryEntry)
        #expect(entry.kind == "customerAdded")
        state.press(.character("x"))
        #expect(state.modal == nil)
        #expect(state.flash?.text.contains("cannot be voided") == true)
    }
}
