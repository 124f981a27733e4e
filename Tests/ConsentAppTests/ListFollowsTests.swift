import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

/// The cursor follows the customer, not the row number (issue 14.4): a worker who switches
/// the view, clears the filter or re-sorts still acts on the customer they chose.
@Suite("The cursor follows the customer")
struct ListFollowsTests {
    /// A state on 300 customers with the cursor on an outdated customer deep in the list.
    func onAnOutdatedCustomer() throws -> (AppFixture, AppState, String) {
        let fixture = try AppFixture(customers: 300)
        var state = try fixture.state()
        state.select(position: 120)
        while let row = state.selectedRow, row.status != .outdated { state.press(.down) }
        let tenant = try #require(state.selectedRow).customer.tenantId
        return (fixture, state, tenant)
    }

    @Test func switchingTheViewKeepsTheSameCustomerSelected() throws {
        var (_, state, tenant) = try onAnOutdatedCustomer()
        for key: Character in ["b", "o", "v", "b", "b"] {
            state.press(.character(key))
            #expect(state.selectedRow?.customer.tenantId == tenant, "after \(key)")
            // It is on screen, drawn as the selected row.
            #expect(state.windowRows.contains { $0.customer.tenantId == tenant })
        }
    }

    @Test func changingAndClearingTheFilterKeepsTheSameCustomerSelected() throws {
        var (_, state, tenant) = try onAnOutdatedCustomer()
        let name = try #require(state.selectedRow).customer.companyName
        state.press(.character("/"))
        state.type(String(name.prefix(4)))
        #expect(state.selectedRow?.customer.tenantId == tenant)
        state.press(.enter, .escape)
        #expect(state.filter.text.isEmpty)
        #expect(state.selectedRow?.customer.tenantId == tenant)
        #expect((state.shownCount ?? 0) == 300)
    }

    @Test func reSortingKeepsTheSameCustomerSelected() throws {
        var (_, state, tenant) = try onAnOutdatedCustomer()
        for key: Character in ["s", "S", "s", "s", "S"] {
            state.press(.character(key))
            #expect(state.selectedRow?.customer.tenantId == tenant, "after \(key) (sort \(state.sort))")
        }
    }

    @Test func aReloadAfterAnotherDesksChangeKeepsTheSameCustomerSelected() throws {
        var (fixture, state, tenant) = try onAnOutdatedCustomer()
        let position = state.selection
        // Another desk adds a customer that sorts first: the chosen one moves down a row.
        let other = try ConsentStore(location: fixture.store.location, clock: AppFixture.clock, actor: StoreActor(userId: "", employee: "bo"))
        try other.execute(.addCustomer(CustomerDraft(tenantId: "00000000-0000-4000-8000-00000000000a", companyName: "AAA First Ltd",
                                                     domains: "aaa-first.example", country: "DE")))
        _ = state.update(.changed(try other.listChanges(since: state.headSeq)))
        #expect(state.selectedRow?.customer.tenantId == tenant)
        #expect(state.selection == position + 1)
        #expect(state.counts.map { $0.values.reduce(0, +) } == 301)
    }

    @Test func afterAddingACustomerTheCursorMovesToIt() throws {
        let fixture = try AppFixture(customers: 300)
        var state = try fixture.state()
        state.press(.character("a"))
        state.type("12345678-1234-4123-8123-123456789abc")
        state.press(.tab)
        state.type("Northwind Added GmbH")
        state.press(.tab)
        state.type("northwind-added.example")
        state.press(.tab)
        state.type("DE")
        guard case .save(let command, let expecting, let done, let request) = state.update(.key(.control("s"))).first else {
            Issue.record("no save: \(String(describing: state.modal))"); return
        }
        // The runner's part: the store saves it; its answer comes back.
        let outcome = try fixture.store.execute(command, expectingCustomerSeq: expecting)
        _ = state.update(.saved(outcome, done: done, request: request))
        #expect(state.modal == nil)
        #expect(state.selectedRow?.customer.companyName == "Northwind Added GmbH")
        #expect(state.selection == (try fixture.store.position(of: "12345678-1234-4123-8123-123456789abc", in: ListQuery())))
        let screen = Renderer.render(state)
        let line = try #require(screen.row(containing: "Northwind Added GmbH"))
        #expect(screen[1, line].role == .blockedSelected) // selected (and blocked: no acceptance yet)
    }

    @Test func theAppSortsNamesWithTheirBaseLetter() throws {
        let fixture = try AppFixture(customers: 300)
        let state = try fixture.state(width: 120, height: 40)
        let names = state.listedRows.map(\.customer.companyName)
        func index(_ prefix: String) throws -> Int { try #require(names.firstIndex { $0.hasPrefix(prefix) }, "\(prefix)") }
        // "Øresund" among the O names (after every N, before every P); "Île-de-France"
        // among the I names; "São Paulo" among the S names.
        let oresund = try index("Øresund")
        #expect(names[..<oresund].allSatisfy { !$0.hasPrefix("P") && !$0.hasPrefix("S") })
        #expect(names[(oresund + 1)...].allSatisfy { !$0.hasPrefix("N") && !$0.hasPrefix("M") })
        let ile = try index("Île-de-France")
        #expect(names[..<ile].allSatisfy { !$0.hasPrefix("J") && !$0.hasPrefix("L") })
        #expect(names[(ile + 1)...].allSatisfy { !$0.hasPrefix("H") && !$0.hasPrefix("G") })
        let saoPaulo = try index("São Paulo")
        #expect(names[..<saoPaulo].allSatisfy { !$0.hasPrefix("T") && !$0.hasPrefix("W") })
        #expect(names[(saoPaulo + 1)...].allSatisfy { !$0.hasPrefix("R") && !$0.hasPrefix("P") })
    }
}

/// The app's keys never wait for the store (issue 13): a key that needs rows not held asks
/// a read and is answered at once from what is held; only the latest answer is applied.
@Suite("Keys while a list read is pending")
struct PendingListReadTests {
    @Test func keysAreAnsweredAtOnceAndOnlyTheLatestAnswerIsApplied() throws {
        let fixture = try AppFixture(customers: 300)
        var state = try fixture.state()
        state.inlineStore = nil // reads now come back as effects, answered when the test says
        let shown = state.windowRows.map(\.customer.tenantId)
        // End needs the list's last rows: a read, and the cursor is not held yet.
        guard case .readList(let end) = state.update(.key(.end)).first else { Issue.record("End asked no read"); return }
        #expect(state.window.reading)
        // Meanwhile the view changes (another read); the old page stays shown.
        guard case .readList(let blocked) = state.update(.key(.character("b"))).first else { Issue.record("b asked no read"); return }
        #expect(state.view == .blocked)
        #expect(state.windowRows.map(\.customer.tenantId) == shown)
        #expect(state.screenText.contains("View: blocked"))
        // The older answer arrives late and is dropped; the latest is applied.
        _ = state.update(.listRead(try end.run(on: fixture.store)))
        #expect(state.window.reading)
        #expect(state.windowRows.map(\.customer.tenantId) == shown)
        _ = state.update(.listRead(try blocked.run(on: fixture.store)))
        #expect(!state.window.reading)
        #expect(state.windowRows.allSatisfy { $0.status.blocksNewPurchases })
        #expect(state.shownCount == (try fixture.store.listCount(ListQuery(status: .group(.blocked)))))
    }
}

@Suite("The header while the store counts")
struct CountingHeaderTests {
    @Test func theHeaderSaysCountingUntilTheCountsArriveThenShowsThem() throws {
        let fixture = try AppFixture(customers: 40)
        var state = AppState(width: 80, height: 24, now: AppFixture.clock.now(), employee: "amy", storePath: "store.sqlite")
        guard case .readList(let read) = state.update(.loaded(try fixture.store.snapshot(limit: 0))).first else {
            Issue.record("no list read"); return
        }
        #expect(read.counting)
        #expect(Renderer.render(state).lines[1].contains("counting…"))
        // The first page (as the runner reads it at once, without the counts).
        let first = ListRead(request: read.request, query: read.query, place: read.place, limit: read.limit, counting: false)
        _ = state.update(.listRead(try first.run(on: fixture.store)))
        let header = Renderer.render(state).lines[1]
        #expect(header.contains("40 customers · counting…"))
        #expect(state.windowRows.count == 19)
        // The counts arrive.
        _ = state.update(.listRead(try read.run(on: fixture.store)))
        let counted = Renderer.render(state).lines[1]
        #expect(!counted.contains("counting…"))
        #expect(counted.contains("40 customers · "))
        #expect(counted.contains("blocked"))
    }
}

@Suite("The runner's list reads")
struct RunnerListReadTests {
    @Test func aFilterTypedWhileReadsAreQueuedEndsOnTheLastQuerysRows() throws {
        let fixture = try AppFixture(customers: 300)
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        // Each key asks a read; they queue on the reader; only the last query's rows count.
        runner.dispatch(.key(.character("/")))
        for character in "contoso" { runner.dispatch(.key(.character(character))) }
        runner.waitForSaves()
        #expect(!runner.state.window.reading)
        #expect(runner.state.shownCount == (try fixture.store.listCount(ListQuery(search: "contoso"))))
        #expect(runner.state.windowRows.map(\.customer.tenantId)
            == (try fixture.store.listPage(ListQuery(search: "contoso"), limit: runner.state.listHeight)).rows.map(\.customer.tenantId))
        #expect(runner.state.counts != nil)
    }
}
