import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
@testable import ConsentApp

/// A change of policy in the app shows how many customers change status before it is saved.
@Suite("The app asks before a change of policy moves customers")
struct PolicyImpactAppTests {
    func runner(_ fixture: AppFixture) throws -> AppRunner {
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        return runner
    }

    @Test func retiringTheCurrentTemplateSaysWhomItMovesAndNoKeepsIt() throws {
        let fixture = try AppFixture()
        let runner = try runner(fixture)
        let confirmed = runner.state.listed(on: fixture.store).filter { $0.status == .confirmed }.count
        #expect(confirmed > 0)
        for key: Key in [.character("t"), .character("x"), .character("y")] { runner.dispatch(.key(key)) }
        // The impact is counted off the key path; its answer comes back as an event.
        runner.waitForSaves()
        guard case .confirmImpact(_, let impact, _, _) = runner.state.modal else {
            Issue.record("no impact question: \(String(describing: runner.state.modal))"); return
        }
        #expect(impact.changedToday == confirmed)
        let screen = Renderer.render(runner.state).text
        #expect(screen.contains("Customers change status"))
        #expect(screen.contains("\(confirmed) customers change status today: \(confirmed) confirmed → outdated"))
        runner.dispatch(.key(.character("n")))
        #expect(runner.state.modal == nil)
        #expect(runner.state.flash?.text == "Nothing was saved.")
        #expect(try fixture.store.catalog().templates.allSatisfy { !$0.retired })
        // Asked again and answered yes, it is saved and the customers turn outdated.
        for key: Key in [.character("x"), .character("y")] { runner.dispatch(.key(key)) }
        runner.waitForSaves()
        runner.dispatch(.key(.character("y")))
        runner.waitForSaves()
        #expect(try fixture.store.catalog().template(id: AgreementTemplate.microsoftCustomerAgreement.templateId)?.retired == true)
        #expect(runner.state.listed(on: fixture.store).filter { $0.status == .confirmed }.isEmpty)
        #expect(try fixture.store.verify().isValid)
    }

    @Test func anUpcomingTemplateFromTheFormSaysWhenItWillMoveCustomers() throws {
        let fixture = try AppFixture()
        let runner = try runner(fixture)
        runner.dispatch(.key(.character("t")))
        runner.dispatch(.key(.character("a")))
        guard case .form(let form) = runner.state.modal else { Issue.record("no form"); return }
        func set(_ field: Field, _ text: String) {
            for _ in 0..<20 {
                guard case .form(let shown) = runner.state.modal else { Issue.record("the form closed while looking for \(field)"); return }
                if shown.fields[shown.focus].field == field {
                    for _ in shown.fields[shown.focus].value { runner.dispatch(.key(.backspace)) }
                    for character in text { runner.dispatch(.key(.character(character))) }
                    return
                }
                runner.dispatch(.key(.tab))
            }
            Issue.record("no field \(field)")
        }
        _ = form
        set(.templateId, "44444444-5555-4666-8777-888888888888")
        set(.agreementLink, "https://aka.ms/customeragreement")
        set(.versionRank, "5")
        set(.effectiveDate, "2026-12-26")
        runner.dispatch(.key(.control("s")))
        runner.waitForSaves()
        guard case .confirmImpact(_, let impact, _, let kept) = runner.state.modal else {
            Issue.record("no impact question: \(String(describing: runner.state.modal))"); return
        }
        #expect(impact.changedToday == 0)
        #expect(impact.later?.day == Day(iso: "2026-12-26"))
        #expect(impact.changedLater > 0)
        #expect(kept != nil)
        #expect(Renderer.render(runner.state).text.contains("No customer changes status today."))
        runner.dispatch(.key(.escape))
        guard case .form(let back) = runner.state.modal else { Issue.record("form not kept"); return }
        #expect(back.message == "Nothing was saved.")
        #expect(back.value(.templateId) == "44444444-5555-4666-8777-888888888888")
        runner.dispatch(.key(.control("s")))
        runner.waitForSaves()
        runner.dispatch(.key(.character("y")))
        runner.waitForSaves()
        #expect(try fixture.store.catalog().template(id: "44444444-5555-4666-8777-888888888888")?.effectiveDate == Day(iso: "2026-12-26"))
        // Today nobody moved.
        #expect(runner.state.listed(on: fixture.store).contains { $0.status == .confirmed })
    }
}

@Suite("The app across midnight")
struct NewDayTests {
    @Test func anUpcomingTemplateTakesEffectWhileTheAppIsOpen() throws {
        let fixture = try AppFixture()
        let effective = AppFixture.today.adding(days: 1)
        try fixture.store.execute(.addTemplate(TemplateDraft(
            templateId: "55555555-6666-4777-8888-999999999999", agreementType: "MicrosoftCustomerAgreement",
            agreementLink: "https://aka.ms/customeragreement", versionRank: "9", effectiveDate: effective.iso)))
        var state = try fixture.state()
        let confirmed = state.listedRows.filter { $0.status == .confirmed }.count
        #expect(confirmed > 0)
        // The app's store reads on the app's clock: a minute past midnight.
        let later = FixedClock(effective.utcMidnight.addingTimeInterval(60))
        state.inlineStore = try ConsentStore(location: fixture.store.location, clock: later, actor: StoreActor(userId: "", employee: "amy"))
        _ = state.update(.tick(later.now()))
        #expect(state.listedRows.filter { $0.status == .confirmed }.isEmpty)
        #expect(state.listedRows.filter { $0.status == .outdated }.count >= confirmed)
    }
}
