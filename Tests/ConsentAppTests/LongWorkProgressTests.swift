import ConsentModel
@testable import ConsentStore
import Foundation
import Testing
import TerminalKit
@testable import ConsentApp

/// Re-evaluating every customer's status (a change of policy, or the first read of a new
/// day when a template took effect) takes seconds at a million customers: the store says
/// how far it is, and the app's status line shows it until the work answers.
@Suite("Long work shows how far it is")
struct LongWorkProgressTests {
    @Test func aChangeOfPolicyTellsHowManyStatusesAreDoneOfAll() throws {
        let fixture = try AppFixture(customers: 4_500)
        let current = try #require(try fixture.store.catalog().current(of: .microsoftCustomerAgreement, on: AppFixture.today))
        let confirmedBefore = try fixture.store.statusCounts()[.confirmed] ?? 0
        let found = try fixture.store.listCount(ListQuery(search: "gmbh"))
        var told: [(done: Int, total: Int)] = []
        let outcome = try fixture.store.execute(.retireTemplate(templateId: current.templateId)) { done, total in told.append((done, total)) }
        #expect(outcome.seq != nil)
        #expect(!told.isEmpty)
        #expect(told.allSatisfy { $0.total == 4_500 })
        #expect(told.map(\.done) == told.map(\.done).sorted())
        #expect(told.last?.done == 4_500)
        // Only what changed was rewritten: the moved statuses are stored, the search still
        // finds what it found, and the store still matches its history.
        let counts = try fixture.store.statusCounts()
        #expect(confirmedBefore > 0 && (counts[.confirmed] ?? 0) == 0)
        #expect(try fixture.store.listCount(ListQuery(search: "gmbh")) == found)
        #expect(try fixture.store.verify().isValid)
        // An ordinary change re-evaluates nobody else: nothing to tell.
        told = []
        let someone = try #require(try fixture.store.listPage(ListQuery(), limit: 1).rows.first)
        _ = try fixture.store.execute(.note(tenantId: someone.customer.tenantId, text: "Called about the renewal")) { done, total in told.append((done, total)) }
        #expect(told.isEmpty)
    }

    @Test func theStatusLineShowsTheSavesProgressUntilItIsSaved() throws {
        let fixture = try AppFixture(customers: 40)
        var state = try fixture.state(width: 100, height: 24)
        _ = state.startSave(.retireTemplate(templateId: "x"), expecting: nil, done: .templateRetired(templateId: "x"))
        let request = try #require(state.saving?.request)
        let halfway = WorkProgress(label: tr("progress.recompute"), done: 450_000, total: 1_000_000, elapsed: 5)
        // Another save's progress is not this one's.
        _ = state.update(.saveProgress(halfway, request: request + 1))
        #expect(!state.screenText.contains("Re-evaluating statuses"))
        _ = state.update(.saveProgress(halfway, request: request))
        let lines = Renderer.render(state).lines
        let line = try #require(lines.first { $0.contains("Re-evaluating statuses") })
        #expect(line.contains("450,000 of 1,000,000 (90,000/s, 7s left)"))
        #expect(line.contains("█") && line.contains("░"))
        _ = state.update(.saved(SaveOutcome(seq: 99, warnings: []), done: .templateRetired(templateId: "x"), request: request))
        #expect(!state.screenText.contains("Re-evaluating statuses"))
    }

    @Test func aNewDaysFirstReadShowsItsProgressUntilTheListAnswers() throws {
        let fixture = try AppFixture(customers: 40)
        var state = try fixture.state(width: 100, height: 24)
        let early = WorkProgress(label: tr("progress.recompute"), done: 2_000, total: 1_000_000, elapsed: 0.1)
        _ = state.update(.listProgress(early))
        #expect(state.screenText.contains("Re-evaluating statuses: 2,000 of 1,000,000"))
        _ = state.update(.listRead(ListAnswer(request: state.window.lastRequest, rows: [], start: 0, total: 0, selected: nil, counts: nil)))
        #expect(!state.screenText.contains("Re-evaluating statuses"))
        // A read that fails after reporting progress: its error is shown, not stale progress.
        _ = state.update(.listProgress(early))
        _ = state.update(.failed("The store is busy"))
        #expect(state.screenText.contains("The store is busy"))
        #expect(!state.screenText.contains("Re-evaluating statuses"))
        // A filter being typed is shown while progress is reported.
        _ = state.update(.listProgress(early))
        state.press(.character("/"))
        state.type("nor")
        #expect(state.screenText.contains("/ nor"))
    }

    @Test func theRunnerPostsAtMostTenTimesASecondAndAlwaysTheEnd() {
        var posted: [WorkProgress] = []
        // A clock that moves 30 ms a call: every fourth report is a tenth of a second on.
        var ticks = 0.0
        let report = AppRunner.reporting("Re-evaluating statuses", now: {
            ticks += 0.03
            return Date(timeIntervalSince1970: 1_000 + ticks)
        }) { posted.append($0) }
        for done in stride(from: 2_000, through: 100_000, by: 2_000) { report(done, 100_000) }
        #expect(posted.first?.done == 2_000 && posted.last?.done == 100_000)
        #expect(posted.count > 10 && posted.count < 20)
        #expect(zip(posted, posted.dropFirst()).allSatisfy { $1.elapsed - $0.elapsed >= 0.0999 || $1.done == 100_000 })
        #expect(posted.allSatisfy { $0.total == 100_000 && $0.label == "Re-evaluating statuses" })
    }
}

/// A change of the profile that moves no status re-evaluates only what it changes.
@Suite("Profile changes re-evaluate only whom they change")
struct ProfileChangeScopeTests {
    @Test func renamingAResellerRewritesItsCustomersOnlyAndANewNameNobody() throws {
        let fixture = try AppFixture(customers: 3_000)
        let profile = try fixture.store.profile()
        let reseller = try #require(profile.resellers.first)
        let served = try fixture.store.listCount(ListQuery(search: reseller.id))
        #expect(served > 0)
        // (Requests sent to the reseller keep its old name in their text.)
        let byOldName = try fixture.store.listCount(ListQuery(search: reseller.name))
        // The partner's own name, user id or thresholds move no customer: nothing is re-evaluated.
        var told: [(Int, Int)] = []
        var draft = ProfileDraft(editing: profile)
        draft.name = "Northwind Cloud Partners Europe"
        _ = try fixture.store.execute(.setProfile(draft)) { told.append(($0, $1)) }
        #expect(told.isEmpty)
        // A renamed reseller: its customers, and only they, are evaluated again.
        _ = try fixture.store.execute(.editReseller(id: reseller.id, name: "Zephyr Channel Ltd", domains: nil)) { told.append(($0, $1)) }
        #expect(told.last.map { $0.0 == $0.1 } == true)
        #expect(try fixture.store.listCount(ListQuery(search: "zephyr channel")) == served)
        #expect(try fixture.store.listCount(ListQuery(search: reseller.name)) < byOldName)
        // verify compares every stored sort key and search text with the replay's.
        #expect(try fixture.store.verify().isValid)
    }
}
