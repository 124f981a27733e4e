import ConsentModel
@testable import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

/// A backend that plays a long script by index and counts how often it was drawn.
final class CountingBackend: ScreenBackend {
    var size: (width: Int, height: Int) = (100, 30)
    let script: [TerminalEvent]
    var next = 0
    var draws = 0
    var drawn: ScreenBuffer?
    init(_ script: [TerminalEvent]) { self.script = script }
    func draw(_ buffer: ScreenBuffer) { draws += 1; drawn = buffer }
    func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent? {
        defer { next += 1 }
        return next < script.count ? script[next] : .key(.character("q"))
    }
    func shutdown() {}
}

@Suite("Pasting into a form")
struct PasteTests {
    func firstNameField() throws -> AppState {
        var state = try AppFixture().state()
        state.press(.character("b"), .character("c"), .tab, .tab)
        return state
    }

    func form(_ state: AppState) -> FormState? {
        if case .form(let form) = state.modal { return form }
        return nil
    }

    @Test func aMegabytePasteIsCutAtTheFieldsLimitWithAMessage() throws {
        var state = try firstNameField()
        _ = state.update(.typed(Array(String(repeating: "Ana María ", count: 100_000))))
        let name = try #require(form(state)).value(.firstName)
        #expect(name.unicodeScalars.count == 100)
        #expect(name.hasPrefix("Ana María Ana"))
        #expect(state.screenText.contains("Cut at 100 characters: this field holds no more."))
        // The keys still answer: Esc asks about the changes, and the form goes.
        state.press(.escape)
        guard case .discard = state.modal else { Issue.record("Esc did not answer"); return }
        state.press(.character("y"))
        #expect(state.modal == nil)
    }

    @Test func typingPastTheLimitSaysSoAndDeletingMakesRoom() throws {
        var state = try firstNameField()
        state.type(String(repeating: "n", count: 100))
        #expect(!state.screenText.contains("Cut at"))
        state.type("x")
        #expect(form(state)?.value(.firstName) == String(repeating: "n", count: 100))
        #expect(state.screenText.contains("Cut at 100 characters"))
        state.press(.backspace)
        #expect(!state.screenText.contains("Cut at"))
        state.type("é")
        #expect(form(state)?.value(.firstName) == String(repeating: "n", count: 99) + "é")
    }

    @Test func eachFieldHasTheModelsLimit() throws {
        var state = try firstNameField()
        for _ in 0..<2 { state.press(.tab) } // email
        _ = state.update(.typed(Array(String(repeating: "a", count: 1000))))
        #expect(form(state)?.value(.email).count == 254)
        for _ in 0..<4 { state.press(.tab) } // evidence
        _ = state.update(.typed(Array(String(repeating: "e", count: 1000))))
        #expect(form(state)?.value(.evidence).count == 500)
        #expect(state.screenText.contains("Cut at 500 characters"))
    }

    @Test func aLongPasteIntoTheFilterIsCutAndTheListStillAnswers() throws {
        var state = try AppFixture().state()
        state.press(.character("/"))
        _ = state.update(.typed(Array(String(repeating: "x", count: 100_000))))
        #expect(state.filter.text.count == 200)
        #expect(state.listedRows.isEmpty)
        state.press(.escape)
        #expect(state.listedRows.count == 40)
        #expect(!state.filtering)
    }

    @Test func aPasteIsHandledInBatchesAndTheCutNameIsWhatGetsSaved() throws {
        let fixture = try AppFixture()
        var script: [TerminalEvent] = [.key(.character("b")), .key(.character("c")), .key(.tab), .key(.tab)]
        script += String(repeating: "Ana", count: 70_000).map { .key(.character($0)) }
        script += [.key(.tab)] + "Souza".map { .key(.character($0)) } + [.key(.tab)]
        script += "ana@example.com".map { .key(.character($0)) } + [.key(.control("s"))]
        let backend = CountingBackend(script)
        let runner = AppRunner(backend: backend, store: fixture.store, clock: AppFixture.clock)
        try runner.run()
        #expect(backend.drawn?.contains("Saved: acceptance confirmed") == true)
        let saved = try fixture.store.snapshot().customers.compactMap(\.confirmation).filter { $0.contact.lastName == "Souza" }
        #expect(saved.count == 1)
        #expect(saved.first?.contact.firstName == String(String(repeating: "Ana", count: 34).prefix(100)))
        // Drawn once per batch, not once per key of the paste.
        #expect(backend.draws < script.count / 100)
    }
}

@Suite("Saving while another desk holds the store")
struct WaitingSaveTests {
    func filledConfirmForm(_ runner: AppRunner) {
        for key: Key in [.character("b"), .character("c"), .tab, .tab] { runner.dispatch(.key(key)) }
        runner.dispatch(.typed(Array("Ana")))
        runner.dispatch(.key(.tab))
        runner.dispatch(.typed(Array("Souza")))
        runner.dispatch(.key(.tab))
        runner.dispatch(.typed(Array("ana@example.com")))
    }

    /// Collects the store's answers until `condition` holds (or a generous minute passes).
    func until(_ runner: AppRunner, _ condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(60)
        while !condition() && Date() < deadline {
            runner.collectAnswers()
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    @Test func theWaitIsShownEscCancelsAndTheFormKeepsWhatWasTyped() throws {
        let fixture = try AppFixture()
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        filledConfirmForm(runner)
        let tenant = try #require(runner.state.selectedRow).customer.tenantId
        let before = try fixture.store.customer(tenant)?.customer.confirmation
        let head = try fixture.store.headSeq()
        let lock = try WriteLockHolder(fixture.store.location.file.path)
        defer { lock.release() }

        runner.dispatch(.key(.control("s")))
        until(runner) { runner.state.saving?.waiting == true }
        var screen = Renderer.render(runner.state).text
        #expect(screen.contains("Waiting for another desk to finish saving… (Esc cancels)"))
        // The list still reads while the save waits: polling answers at once.
        #expect(runner.refreshIfChanged() == false)
        // Typing does not change a form that is being saved.
        runner.dispatch(.key(.character("x")))

        let pressed = Date()
        runner.dispatch(.key(.escape))
        runner.waitForSaves()
        // The store's busy timeout is 15 s: a cancel that did not stop the wait would take that long.
        #expect(Date().timeIntervalSince(pressed) < 10)
        guard case .form(let form) = runner.state.modal else { Issue.record("the form was closed"); return }
        #expect(form.value(.firstName) == "Ana" && form.value(.lastName) == "Souza" && form.value(.email) == "ana@example.com")
        screen = Renderer.render(runner.state).text
        #expect(screen.contains("Not saved: you cancelled"))
        #expect(!screen.contains("Waiting for another desk"))
        lock.release()
        #expect(try fixture.store.headSeq() == head)
        #expect(try fixture.store.customer(tenant)?.customer.confirmation == before)

        // Once the other desk is done, Ctrl-S saves what was kept.
        runner.dispatch(.key(.control("s")))
        runner.waitForSaves()
        #expect(runner.state.modal == nil)
        #expect(try fixture.store.customer(tenant)?.customer.confirmation?.contact.fullName == "Ana Souza")
        #expect(try fixture.store.verify().isValid)
    }

    @Test func aSaveThatWaitsGoesThroughWhenTheOtherDeskFinishes() throws {
        let fixture = try AppFixture()
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        filledConfirmForm(runner)
        let tenant = try #require(runner.state.selectedRow).customer.tenantId
        let lock = try WriteLockHolder(fixture.store.location.file.path)
        runner.dispatch(.key(.control("s")))
        until(runner) { runner.state.saving?.waiting == true }
        lock.release()
        until(runner) { runner.state.saving == nil }
        #expect(runner.state.modal == nil)
        #expect(runner.state.flash?.text.contains("Saved: acceptance confirmed") == true)
        #expect(!Renderer.render(runner.state).text.contains("Waiting for another desk"))
        #expect(try fixture.store.customer(tenant)?.customer.confirmation?.contact.fullName == "Ana Souza")
    }

    @Test func answersToOtherSavesAreDropped() throws {
        var state = try AppFixture().state()
        state.press(.character("b"), .character("c"), .tab, .tab)
        state.type("Ana")
        state.press(.tab)
        state.type("Souza")
        state.press(.tab)
        state.type("ana@example.com")
        let effects = state.update(.key(.control("s")))
        guard case .save(_, _, _, let request) = effects.first else { Issue.record("\(effects)"); return }
        // An answer for another request changes nothing.
        _ = state.update(.saveWaiting(request: request + 1))
        _ = state.update(.saveFailed(.busy, request: request + 1))
        #expect(state.saving?.waiting == false)
        guard case .form = state.modal else { Issue.record("form closed by a stale answer"); return }
        // Cancelled: the late "busy" of the cancelled save is not shown over the cancel message.
        #expect(state.update(.key(.escape)) == [.cancelSave(request: request)])
        _ = state.update(.saveFailed(.busy, request: request))
        guard case .form(let form) = state.modal else { Issue.record("form closed"); return }
        #expect(form.message?.contains("Not saved: you cancelled") == true)
        #expect(form.value(.firstName) == "Ana")
    }

    @Test func retiringATemplateWaitsAndCancelsTheSameWay() throws {
        var state = try AppFixture().state()
        state.press(.character("t"), .character("x"))
        // Retiring first counts whom it moves; answered "nobody", it saves at once.
        guard case .previewImpact(let command, let done, let preview) = state.update(.key(.character("y"))).first else {
            Issue.record("no preview"); return
        }
        guard case .save(.retireTemplate, _, _, let request) = state.update(.impactPreviewed(command, nil, done: done, request: preview)).first else {
            Issue.record("no save"); return
        }
        _ = state.update(.saveWaiting(request: request))
        #expect(state.screenText.contains("Waiting for another desk to finish saving… (Esc cancels)"))
        #expect(state.update(.key(.escape)) == [.cancelSave(request: request)])
        #expect(state.flash?.text == "Not saved: you cancelled while another desk was saving.")
        #expect(!state.screenText.contains("Waiting for another desk"))
    }

    @Test func aCancelThatCameTooLateSaysTheSaveWasWritten() throws {
        var state = try AppFixture().state()
        state.press(.character("b"), .character("c"))
        let effects = state.update(.key(.control("s")))
        #expect(effects.isEmpty) // nothing filled in: the model refuses first
        state.press(.tab, .tab)
        state.type("Ana")
        state.press(.tab)
        state.type("Souza")
        state.press(.tab)
        state.type("ana@example.com")
        guard case .save(_, _, let done, let request) = state.update(.key(.control("s"))).first else { Issue.record("no save"); return }
        state.press(.escape)
        _ = state.update(.saved(SaveOutcome(seq: 99, warnings: []), done: done, request: request))
        #expect(state.modal == nil)
        #expect(state.flash?.text.contains("written before the cancel could stop it") == true)
    }
}
