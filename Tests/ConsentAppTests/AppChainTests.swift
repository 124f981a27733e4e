import ConsentModel
import ConsentStore
import Foundation
import Testing
import TestSupport
@testable import ConsentApp

@Suite("The app: demo data through the front door, the anchor journal")
struct AppChainTests {
    @Test func demoOnAStoreWithARealProfileIsRefusedAndTheProfileKept() throws {
        let fixture = try AppFixture(customers: 0)
        try fixture.store.execute(.setProfile(ProfileDraft(name: "Real Partner", tenantId: "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                                                           domains: "real.example", role: "directBill", defaultUserId: "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f")))
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        for event in runner.perform(.loadDemo) { runner.dispatch(event) }
        runner.waitForSaves()
        #expect(runner.state.flash?.text.contains("Real Partner") == true)
        #expect(runner.state.flash?.text.contains("Nothing was written") == true)
        #expect(try fixture.store.profile().name == "Real Partner")
        #expect(try fixture.store.snapshot().customers.isEmpty)
    }

    @Test func demoOnAnEmptyStoreLoadsAndVerifies() throws {
        let fixture = try AppFixture(customers: 0)
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        for event in runner.perform(.loadDemo) { runner.dispatch(event) }
        runner.waitForSaves()
        #expect(runner.state.listed(on: fixture.store).count == 300)
        #expect(try fixture.store.verify().isValid)
    }

    @Test func aSuccessIsNeverFlashedAsAFailure() throws {
        let fixture = try AppFixture(customers: 0)
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        for event in runner.perform(.loadDemo) { runner.dispatch(event) }
        runner.waitForSaves()
        let flash = try #require(runner.state.flash)
        #expect(flash.text.contains("300 demo customers loaded"))
        #expect(flash.role != .error)
        #expect(flash.role == .accent)
    }

    @Test func aJournalThatCannotBeWrittenIsFlashedAndTheSaveStands() throws {
        let fixture = try AppFixture()
        fixture.store.keepAnchors(in: AnchorJournal(path: "/dev/null/anchors.jsonl"))
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        let tenant = try #require(runner.state.listed(on: fixture.store).first { $0.status == .missing }).customer.tenantId
        let draft = ConfirmationDraft(dateAgreed: "2026-11-20", firstName: "Bo", lastName: "Li", email: "bo@example.com")
        for event in runner.perform(.save(.confirm(tenantId: tenant, draft), expecting: nil, done: .confirmed(company: "Bo"), request: 1)) { runner.dispatch(event) }
        runner.waitForSaves()
        #expect(runner.state.flash?.text.contains("The change was saved") == true)
        #expect(try fixture.store.customer(tenant)?.customer.confirmation?.contact.firstName == "Bo")
    }
}
