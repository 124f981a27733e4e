import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

/// Issue 14, items 7 and 8: a warning shows when its field is left and stays on the
/// detail; no message is cut at the terminal's width; the request note is shown; a
/// pre-filled "Sent to" is replaced by what is typed.
@Suite("Warnings when a field is left, whole messages, request notes")
struct WarningsAndNotesTests {
    /// The state with the cursor on a customer that has domains and no national cloud.
    static func onAConfirmableCustomer(_ fixture: AppFixture, width: Int = 100, height: Int = 30) throws -> (AppState, Customer) {
        var state = try fixture.state(width: width, height: height)
        #expect(state.select { $0.status == .missing && !$0.customer.domains.isEmpty })
        return (state, try #require(state.selectedRow).customer)
    }

    @Test func anEmailOutsideTheCustomersDomainsWarnsAsSoonAsTheFieldIsLeft() throws {
        let fixture = try AppFixture()
        var (state, _) = try Self.onAConfirmableCustomer(fixture)
        state.press(.character("c"))
        // Straight to the email: first and last name are still empty, so the form is not valid yet.
        state.press(.tab, .tab, .tab, .tab)
        state.type("ana@elsewhere.example")
        guard case .form(let typing) = state.modal else { Issue.record("no form"); return }
        #expect(typing.warnings.isEmpty)
        state.press(.tab)
        guard case .form(let form) = state.modal else { Issue.record("no form"); return }
        #expect(form.warnings.contains { $0.contains("elsewhere.example is not one of the customer's domains") })
        #expect(state.screenText.contains("⚠ The email's domain elsewhere.example"))
    }

    @Test func theDetailKeepsShowingTheWarningAfterSaving() throws {
        let fixture = try AppFixture()
        let (_, customer) = try Self.onAConfirmableCustomer(fixture)
        try fixture.store.execute(.confirm(tenantId: customer.tenantId, ConfirmationDraft(
            dateAgreed: "2026-11-20", firstName: "Ana", lastName: "Souza", email: "ana@elsewhere.example")))
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.dispatch(.key(.character("/")))
        for character in customer.tenantId { runner.dispatch(.key(.character(character))) }
        runner.dispatch(.key(.enter))
        runner.dispatch(.key(.enter))
        runner.waitForSaves()
        let text = Renderer.render(runner.state).text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("⚠ The email's domain elsewhere.example is not one of the customer's domains"))
    }

    @Test func aLongMessageIsShownWholeAtEightyColumns() throws {
        var state = try AppFixture().state(width: 80, height: 24)
        let long = "Another desk (bo) changed Adatum Legal S.A. since you opened it; nothing was saved. "
            + "Look at the new record and try again: the customer's acceptance, contact and evidence may all differ now."
        state.flash = Flash(text: long, role: .error)
        let buffer = Renderer.render(state)
        let words = buffer.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains(long.split(whereSeparator: \.isWhitespace).joined(separator: " ")))
        // The status bar stays the last line.
        #expect(buffer.lines.last?.contains("Quit") == true)
    }

    @Test func aLongQuestionIsShownWholeOnASmallScreen() throws {
        var state = try AppFixture().state(width: 60, height: 14)
        let consequence = "Record the withdrawal for Adatum Legal S.A.? The customer becomes blocked at once: new purchases, "
            + "seat changes and renewals stop, and its subscriptions are listed as must be cancelled until someone "
            + "confirms acceptance again on or after the withdrawal date."
        state.modal = .dangerous(DangerousChange(action: .withdraw, consequence: consequence, command: .retireTemplate(templateId: "x"),
                                                 expecting: nil, done: .profileSaved, changesPolicy: false, form: nil))
        let words = Renderer.render(state).text.split(whereSeparator: { $0.isWhitespace || $0 == "│" || $0 == "┃" }).joined(separator: " ")
        #expect(words.contains(consequence.split(whereSeparator: \.isWhitespace).joined(separator: " ")))
    }

    @Test func theRequestNoteIsShownInTheDetail() throws {
        let fixture = try AppFixture()
        let (state, customer) = try Self.onAConfirmableCustomer(fixture)
        try fixture.store.execute(.request(tenantId: customer.tenantId, RequestDraft(
            sentTo: "Wingtip IT", date: "2026-11-20", note: "Asked by phone; call back on Friday")))
        let loaded = try #require(try fixture.store.customer(customer.tenantId))
        var shown = state
        _ = shown.apply(try fixture.store.snapshot())
        let summary = CustomerSummary(loaded.customer, evaluator: shown.evaluator, today: AppFixture.today, history: [])
        let lines = summary.lines { $0.padded(toWidth: $1) }.map(\.text)
        #expect(lines.contains { $0.contains("Request note") && $0.contains("Asked by phone; call back on Friday") })
    }

    /// Issue 25: Space (the choice key) pressed on a selected pre-filled field replaced its
    /// text with a space. Class: a navigation-like key destroying a value. Space keeps the
    /// value and ends the selection; what is typed next goes after it; a paste still replaces.
    @Test func spaceOnAPrefilledFieldKeepsItsValue() throws {
        let fixture = try AppFixture()
        var (state, _) = try Self.onAConfirmableCustomer(fixture)
        state.press(.character("r"))
        state.press(.tab)
        let opened = try #require(state.openForm)
        let prefilled = opened.value(.requestDate)
        #expect(!prefilled.isEmpty && opened.fields[opened.focus].field == .requestDate)
        state.press(.character(" "))
        #expect(state.openForm?.value(.requestDate) == prefilled)
        state.press(.backspace)
        state.type("9")
        #expect(state.openForm?.value(.requestDate) == String(prefilled.dropLast()) + "9")
    }

    /// Issue 25: recording a request never offered the acceptance link the customer needs
    /// (it was only in `templates list`). Class: the one thing the next step needs shown
    /// elsewhere. The request form shows the required agreement's current link, read only,
    /// and saving ignores it.
    @Test func theRequestFormOffersTheAcceptanceLink() throws {
        let fixture = try AppFixture()
        var (state, _) = try Self.onAConfirmableCustomer(fixture)
        state.press(.character("r"))
        let form = try #require(state.openForm)
        let link = try #require(form.fields.first { $0.field == .agreementLink })
        #expect(link.readOnly && link.value.hasPrefix("https://"))
        #expect(Renderer.render(state).text.contains(link.value))
        // The focus never stops on it: Tab from the last field it may edit goes round.
        for _ in 0..<4 { state.press(.tab) }
        #expect(state.openForm?.fields[state.openForm?.focus ?? 0].field != .agreementLink)
    }

    /// Issue 25: history numbers were not aligned (#9 and #120 pushed the times apart).
    /// Class: a column of numbers without a width. The numbers are padded to the widest.
    @Test func historyNumbersAreAlignedSoTheTimesLineUp() throws {
        let fixture = try AppFixture()
        let (state, customer) = try Self.onAConfirmableCustomer(fixture)
        let at = Date(timeIntervalSince1970: 1_764_072_000)
        let history = [HistoryEntry(seq: 9, at: at, employee: "amy", summary: "first"),
                       HistoryEntry(seq: 120, at: at, employee: "amy", summary: "second")]
        let lines = CustomerSummary(customer, evaluator: state.evaluator, today: AppFixture.today, history: history)
            .lines { $0.padded(toWidth: $1) }.map(\.text)
        let first = try #require(lines.first { $0.contains("#9") }), second = try #require(lines.first { $0.contains("#120") })
        let time = "2025-11-25"
        #expect(first.range(of: time).map { first.distance(from: first.startIndex, to: $0.lowerBound) }
                == second.range(of: time).map { second.distance(from: second.startIndex, to: $0.lowerBound) })
    }

    @Test func typingReplacesThePrefilledSentTo() throws {
        let fixture = try AppFixture()
        var (state, _) = try Self.onAConfirmableCustomer(fixture)
        state.press(.character("r"))
        guard case .form(let opened) = state.modal else { Issue.record("no form"); return }
        #expect(opened.fields[opened.focus].field == .sentTo)
        state.type("Contoso purchasing")
        guard case .form(let form) = state.modal else { Issue.record("no form"); return }
        #expect(form.value(.sentTo) == "Contoso purchasing")
        // The date is pre-filled too: typing a new one replaces it whole.
        state.press(.tab)
        state.type("2026-11-21")
        let dated = try #require(state.openForm)
        #expect(dated.value(.requestDate) == "2026-11-21")
    }
}
