import ConsentModel
import Dispatch
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp
@testable import ConsentStore

/// One store of 100,000 customers for the suite: 10,000 demo customers through the front
/// door, then nine copies of their rows (new tenant ids and names), as the store's own
/// paging tests build theirs.
final class HundredThousandCustomers: @unchecked Sendable {
    static let shared = Result { try HundredThousandCustomers() }
    let dir = TemporaryDirectory("window-100k", removedAtExit: true)
    let store: ConsentStore

    init() throws {
        store = try ConsentStore(location: StoreLocation(path: dir.path), clock: AppFixture.clock)
        try store.loadDemo(DemoGenerator(customers: 10_000, seed: 13, today: AppFixture.today))
        let columns = (CustomerTable.names + ListProjection.columns).joined(separator: ", ")
        try store.queue.write { db in
            for copy in ["g", "h", "i", "j", "k", "m", "n", "p", "q"] {
                let values = (CustomerTable.names + ListProjection.columns).map { name -> String in
                    switch name {
                    case "tenantId": return "'\(copy)' || substr(tenantId, 2)"
                    case "companyName": return "companyName || ' \(copy)'"
                    case "kCompany": return "kCompany || ' \(copy)'"
                    case "sText": return "replace(sText, tenantId, '\(copy)' || substr(tenantId, 2))"
                    default: return name
                    }
                }.joined(separator: ", ")
                try db.execute(sql: "INSERT INTO customers (\(columns)) SELECT \(values) FROM customers WHERE rowid <= 10000")
            }
        }
    }
}

/// A read answered on another thread, held until the test lets it go (no timing).
final class HeldRead: @unchecked Sendable {
    private let gate = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var answer: Result<ListAnswer, any Error>?

    init(_ read: ListRead, on store: ConsentStore) {
        DispatchQueue.global().async {
            self.gate.wait()
            do { self.answer = .success(try read.run(on: store)) } catch { self.answer = .failure(error) }
            self.done.signal()
        }
    }

    /// Lets the read run and waits for its answer.
    func release() throws -> ListAnswer {
        gate.signal()
        done.wait()
        guard let answer else { throw StoreError.damaged(table: "test", row: "", detail: "no answer") }
        return try answer.get()
    }
}

@Suite("The customer list is a window onto the store", .serialized)
struct ListWindowTests {
    var big: ConsentStore { get throws { try HundredThousandCustomers.shared.get().store } }

    func ids(_ rows: [ListRow]) -> [String] { rows.map(\.customer.tenantId) }

    /// Runs `read` (if any) and applies its answer.
    func answer(_ window: inout ListWindow, _ read: ListRead?, on store: ConsentStore) throws {
        if let read {
            let applied = window.apply(try read.run(on: store))
            #expect(applied)
        }
    }

    @Test func endPageDownResortAndFilterShowTheStoresRows() throws {
        let store = try big
        var window = ListWindow(height: 20)
        #expect(window.counts == nil)
        try answer(&window, window.reload(), on: store)
        #expect(window.total == 100_000)
        #expect(window.counts == (try store.statusCounts()))
        #expect(ids(window.windowRows) == ids(try store.listPage(ListQuery(), limit: 20).rows))
        // End: one read of the list's end, the cursor on the last row.
        try answer(&window, window.end(), on: store)
        #expect(ids(window.windowRows) == ids(try store.listPage(ListQuery(), from: .end, limit: 20).rows))
        #expect(window.selection == 99_999)
        #expect(window.selectedTenantId == window.windowRows.last?.customer.tenantId)
        // Home, then PgDn three times: the rows from position 60 (the cursor on the window's last).
        try answer(&window, window.home(), on: store)
        for _ in 0..<3 { try answer(&window, window.pageDown(), on: store) }
        #expect(window.selection == 60)
        #expect(ids(window.windowRows) == ids(try store.listPage(ListQuery(), from: .offset(window.scroll), limit: 20).rows))
        #expect(window.selectedTenantId == window.row(at: 60)?.customer.tenantId)
        // Re-sort by date, newest first: the window is the store's page around the followed customer.
        let byDate = ListQuery(sort: .date, ascending: false)
        try answer(&window, window.change(to: byDate), on: store)
        #expect(ids(window.windowRows) == ids(try store.listPage(byDate, from: .offset(window.scroll), limit: 20).rows))
        // A filter: the store's rows for the search, and its total.
        let filtered = ListQuery(search: "gmbh", sort: .date, ascending: false)
        try answer(&window, window.change(to: filtered), on: store)
        #expect(window.total == (try store.listCount(filtered)))
        #expect(ids(window.windowRows) == ids(try store.listPage(filtered, from: .offset(window.scroll), limit: 20).rows))
        // The app holds a window, not the store.
        #expect(window.page.count <= 20)
    }

    @Test func keysAreAnsweredWhileAReadIsPendingAndTheStaleAnswerIsDropped() throws {
        let store = try big
        var window = ListWindow(height: 20)
        try answer(&window, window.reload(), on: store)
        let shown = ids(window.windowRows)
        // The filter "wingtip" is typed; its read waits on the test.
        let asked = window.change(to: ListQuery(search: "wingtip"))
        let slow = try #require(asked)
        let held = HeldRead(slow, on: store)
        #expect(window.total == nil)
        // Keys are answered meanwhile: the cursor moves on the last page, which stays shown.
        _ = window.move(by: 2)
        #expect(window.selection == 2)
        #expect(ids(window.windowRows) == shown)
        // The filter grows to "wingtips" before the first answer arrives.
        let grown = window.change(to: ListQuery(search: "wingtip s"))
        let latest = try #require(grown)
        #expect(latest.request > slow.request)
        // The older answer comes and is dropped: nothing it says is shown.
        let stale = try held.release()
        let appliedStale = window.apply(stale)
        #expect(!appliedStale)
        #expect(ids(window.windowRows) == shown)
        #expect(window.total == nil)
        #expect(window.reading)
        // The latest answer is applied.
        let appliedLatest = window.apply(try latest.run(on: store))
        #expect(appliedLatest)
        #expect(window.total == (try store.listCount(ListQuery(search: "wingtip s"))))
        #expect(ids(window.windowRows) == ids(try store.listPage(ListQuery(search: "wingtip s"), from: .offset(window.scroll), limit: 20).rows))
        #expect(!window.reading)
    }

    @Test func countsAskedForAreKeptWhenAPageReadSupersedesTheirRead() throws {
        let fixture = try AppFixture(customers: 40)
        var window = ListWindow(height: 10)
        // The first read counts; before it answers, End asks for the list's end.
        let asked = window.reload()
        let counting = try #require(asked)
        #expect(counting.counting)
        let atEnd = window.end()
        let page = try #require(atEnd)
        #expect(!page.counting)
        // The counting read answers late: its page is stale, its counts are not.
        let appliedStale = window.apply(try counting.run(on: fixture.store))
        #expect(!appliedStale)
        #expect(window.counts == (try fixture.store.statusCounts()))
        let appliedPage = window.apply(try page.run(on: fixture.store))
        #expect(appliedPage)
        #expect(window.selection == 39)
        #expect(window.counts == (try fixture.store.statusCounts()))
        // A newer counting read makes an older one's counts stale too.
        let first = window.reload(), second = window.reload()
        let older = try #require(first)
        let newer = try #require(second)
        let other = try ConsentStore(location: fixture.store.location, clock: AppFixture.clock, actor: StoreActor(userId: "", employee: "bo"))
        let olderAnswer = try older.run(on: fixture.store)
        try other.execute(.addCustomer(CustomerDraft(tenantId: "00000000-0000-4000-8000-00000000000b", companyName: "Late Ltd",
                                                     domains: "late.example", country: "DE")))
        window.apply(try newer.run(on: fixture.store))
        window.apply(olderAnswer)
        #expect(window.counts.map { $0.values.reduce(0, +) } == 41)
    }

    @Test func theCursorFollowsTheCustomerAcrossViewSortAndFilter() throws {
        let store = try big
        var window = ListWindow(height: 20)
        try answer(&window, window.reload(), on: store)
        // Walk down to a blocked customer deep in the list.
        try answer(&window, window.move(by: 5_000), on: store)
        while let row = window.selectedRow, !row.status.blocksNewPurchases {
            try answer(&window, window.move(by: 1), on: store)
        }
        let chosen = try #require(window.selectedRow)
        let tenant = chosen.customer.tenantId
        let queries = [ListQuery(status: .group(.blocked)),
                       ListQuery(status: .group(.blocked), sort: .date, ascending: false),
                       ListQuery(status: .group(.blocked), search: String(chosen.customer.companyName.prefix(6)), sort: .domain),
                       ListQuery(sort: .status)]
        for query in queries {
            try answer(&window, window.change(to: query), on: store)
            #expect(window.selectedTenantId == tenant, "\(query)")
            #expect(window.selection == (try store.position(of: tenant, in: query)), "\(query)")
            #expect(window.windowRows.contains { $0.customer.tenantId == tenant })
        }
        // A view that does not hold the customer: the cursor goes to its first row.
        let confirmed = ListQuery(status: .status(.confirmed))
        try answer(&window, window.change(to: confirmed), on: store)
        #expect(window.selection == 0)
        #expect(window.selectedTenantId == (try store.listPage(confirmed, limit: 1)).rows.first?.customer.tenantId)
    }

    /// For every view, sort and filter, scrolling through the app's list shows the store's
    /// answer for it (the search semantics themselves are pinned by the store's tests
    /// against `CustomerSearch`).
    @Test func theWindowShowsWhatTheListShowedForEveryViewSortAndFilter() throws {
        let fixture = try AppFixture(customers: 300)
        let base = try fixture.state(height: 400)
        for view in QuickView.allCases {
            for sort in Column.allCases {
                for (search, ascending) in [("", true), ("", false), ("gm", true), ("ä", false), ("北京", true), ("wingtip", false), ("müller", true)] {
                    var state = base
                    if view != .all { state.list.toggleView(view) }
                    while state.list.sort != sort { state.list.sortByNextColumn() }
                    if !ascending { state.list.reverseSort() }
                    for character in search { _ = state.list.editFilter(.character(character)) }
                    _ = state.listQueryChanged()
                    let query = state.followUpQuery
                    let page = try fixture.store.listPage(query, limit: 1_000)
                    let shown = state.listedRows.map(\.customer)
                    // The same customers in the same order, ties included (both break ties by
                    // company name, then tenant id, in the sort's direction).
                    #expect(ids(page.rows) == shown.map(\.tenantId), "\(view) \(sort) \(ascending) \(search)")
                }
            }
        }
    }

    @Test func anotherDesksChangeRefreshesThePageAndTheCounts() throws {
        let fixture = try AppFixture(customers: 40)
        var window = ListWindow(height: 10)
        try answer(&window, window.reload(), on: fixture.store)
        let before = try #require(window.counts)
        // Another desk confirms a customer without acceptance.
        let missing = try #require(try fixture.store.listPage(ListQuery(status: .status(.missing)), limit: 1).rows.first).customer
        let other = try ConsentStore(location: StoreLocation(path: fixture.dir.path), clock: AppFixture.clock,
                                     actor: StoreActor(userId: "", employee: "bob"))
        try other.execute(.confirm(tenantId: missing.tenantId, ConfirmationDraft(
            dateAgreed: "2026-11-20", firstName: "A", lastName: "B", email: "a@\(missing.primaryDomain)")))
        try answer(&window, window.reload(), on: fixture.store)
        #expect(window.total == (try fixture.store.listCount(ListQuery())))
        #expect(window.counts == (try fixture.store.statusCounts()))
        #expect(window.counts?[.missing] == (before[.missing] ?? 0) - 1)
        #expect(ids(window.windowRows) == ids(try fixture.store.listPage(ListQuery(), from: .offset(window.scroll), limit: 10).rows))
    }
}

@Suite("The runner reads the list window off the key path")
struct ListWindowRunnerTests {
    @Test func theWindowIsReadOnTheReaderAndAnotherDesksChangeRefreshesIt() throws {
        let fixture = try AppFixture(customers: 40)
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        runner.openListWindow()
        // Asked, not yet answered: the header would say "counting…".
        #expect(runner.state.window.reading)
        runner.waitForSaves()
        #expect(!runner.state.window.reading)
        #expect(runner.state.window.total == 40)
        let height = runner.state.listHeight
        #expect(runner.state.window.windowRows.map(\.customer.tenantId)
            == (try fixture.store.listPage(ListQuery(), limit: height)).rows.map(\.customer.tenantId))
        let before = try #require(runner.state.window.counts)
        // Another desk confirms a customer; the runner's poll reads the window again.
        let missing = try #require(try fixture.store.listPage(ListQuery(status: .status(.missing)), limit: 1).rows.first).customer
        let other = try ConsentStore(location: fixture.store.location, clock: AppFixture.clock, actor: StoreActor(userId: "", employee: "bo"))
        try other.execute(.confirm(tenantId: missing.tenantId, ConfirmationDraft(dateAgreed: "2026-11-20", firstName: "Bo", lastName: "Li", email: "bo@example.com")))
        runner.refreshIfChanged()
        runner.waitForSaves()
        #expect(runner.state.window.counts?[.missing] == (before[.missing] ?? 0) - 1)
        #expect(runner.state.window.counts?[.confirmed] == (before[.confirmed] ?? 0) + 1)
        // A taller terminal: the taller window is read (rows the held page did not have).
        runner.dispatch(.resize(width: 100, height: 40))
        runner.waitForSaves()
        #expect(runner.state.window.windowRows.count == runner.state.listHeight)
        #expect(runner.state.window.windowRows.map(\.customer.tenantId)
            == (try fixture.store.listPage(ListQuery(), limit: runner.state.listHeight)).rows.map(\.customer.tenantId))
    }
}
