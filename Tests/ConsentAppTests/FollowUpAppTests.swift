import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

/// The follow-up views, the reseller filter, marks, the bulk request and the mouse in the app.
@Suite("Follow-ups, marks, bulk request and mouse in the app")
struct FollowUpAppTests {
    @Test func waitingViewListsOverdueRequestsLongestFirstAndSaysItsThreshold() throws {
        let fixture = try AppFixture(customers: 300, seed: 9)
        var state = try fixture.state(width: 120, height: 60)
        state.press(.character("W"))
        #expect(state.view == .waiting)
        #expect(state.screenText.contains("waiting over 14 days"))
        let rows = state.windowRows
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.status == .requested && ($0.daysWaiting ?? 0) > 14 })
        #expect(rows.map { $0.daysWaiting ?? 0 } == rows.map { $0.daysWaiting ?? 0 }.sorted(by: >))
        #expect(rows.map(\.customer.tenantId) == Array(try fixture.store.listPage(state.followUpQuery, limit: rows.count).rows.map(\.customer.tenantId)))
        state.press(.character("W"))
        #expect(state.view == .all)
    }

    @Test func renewingViewListsBlockedCustomersRenewingSoonestFirst() throws {
        let fixture = try AppFixture(customers: 300, seed: 9)
        var state = try fixture.state(width: 120, height: 60)
        state.press(.character("U"))
        #expect(state.screenText.contains("renewing within 30 days"))
        let rows = state.windowRows
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.status.blocksNewPurchases })
        var next: [Day] = []
        for row in rows {
            let full = try #require(try fixture.store.customer(row.customer.tenantId)).customer
            next.append(try #require(FollowUp.renewingWithin(days: 30).sortDay(full, status: row.status, today: AppFixture.today)))
        }
        #expect(next == next.sorted())
    }

    @Test func resellerFilterStepsThroughTheProfilesResellersAndBack() throws {
        let fixture = try AppFixture(customers: 200, seed: 9)
        var state = try fixture.state(width: 120, height: 60)
        let resellers = state.profile.resellers
        #expect(resellers.count == 3)
        for reseller in resellers {
            state.press(.character("F"))
            #expect(state.resellerFilter == reseller.id)
            #expect(state.screenText.contains("reseller \(reseller.name)"))
            #expect(!state.windowRows.isEmpty)
            #expect(state.windowRows.allSatisfy { $0.customer.resellerId == reseller.id })
        }
        state.press(.character("F"))
        #expect(state.resellerFilter == nil)
        #expect(state.windowRows.contains { $0.customer.resellerId == nil })
        // With a view: the reseller's blocked customers only.
        state.press(.character("F"), .character("b"))
        #expect(state.windowRows.allSatisfy { $0.customer.resellerId == resellers[0].id && $0.status.blocksNewPurchases })
    }

    @Test func spaceMarksAndMovesDownTheHeaderCountsMarksAndUClears() throws {
        let fixture = try AppFixture()
        var state = try fixture.state()
        let first = try #require(state.selectedRow).customer.tenantId
        state.press(.character(" "))
        #expect(state.marked == [first])
        #expect(state.selection == 1)
        state.press(.character(" "))
        #expect(state.marked.count == 2)
        #expect(state.screenText.contains("2 marked"))
        // The status bar offers what is done to marked customers, next to Enter.
        let bar = String(state.screenText.split(separator: "\n", omittingEmptySubsequences: false).last(where: { !$0.isEmpty }) ?? "")
        #expect(bar.contains("r Request") && bar.contains("X Export marked") && bar.contains("u Clear marks"), "\(bar)")
        // The marked rows carry a star in the first column.
        let lines = state.screenText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[3].hasPrefix("*") && lines[4].hasPrefix("*") && !lines[5].hasPrefix("*"))
        // Space on a marked row unmarks it.
        state.press(.up, .character(" "))
        #expect(state.marked == [first])
        state.press(.character("u"))
        #expect(state.marked.isEmpty)
        #expect(!state.screenText.contains("marked"))
        #expect(!state.screenText.contains("Clear marks"))
        // Page Down is PgDn only in the list now.
        state.press(.home, .pageDown)
        #expect(state.selection > 0)
    }

    @Test func markAllMarksEveryCustomerOfTheViewNotOnlyTheScreen() throws {
        let fixture = try AppFixture()
        var state = try fixture.state(width: 80, height: 10)
        state.press(.character("b"))
        let blocked = try fixture.listed(state).map(\.customer.tenantId)
        #expect(blocked.count > state.listHeight)
        let asked = state.update(.key(.character("M")))
        guard case .readMarkAll(let query, let limit, let request)? = asked.first else { Issue.record("no read: \(asked)"); return }
        // The key is answered at once; the marks come with the store's answer.
        #expect(state.marked.isEmpty)
        _ = state.update(.markAllRead(try fixture.store.listTenantIds(query, limit: limit), request: request))
        #expect(state.marked == Set(blocked))
        #expect(state.flash?.text == "Marked the \(blocked.count) customers of this view (\(blocked.count) marked in all).")
        // An answer to an older "mark all" is dropped.
        _ = state.update(.markAllRead(["0f8fad5b-d9cb-469f-a165-70867728950e"], request: request))
        #expect(state.marked == Set(blocked))
    }

    @Test func marksTypedAheadOfAViewChangeMarkTheNewViewsRows() throws {
        let fixture = try AppFixture(customers: 60)
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        // "b" then Space Space at once, before the blocked view's page has been read.
        for key in [Key.character("b"), .character(" "), .character(" ")] { runner.dispatch(.key(key)) }
        runner.waitForSaves()
        let blocked = try fixture.store.listPage(ListQuery(status: .group(.blocked)), limit: 2).rows.map(\.customer.tenantId)
        #expect(runner.state.marked == Set(blocked))
    }

    @Test func aBulkRequestForMarkedCustomersIsOneFormAndOneTransaction() throws {
        let fixture = try AppFixture(customers: 60)
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        // The first three missing customers.
        runner.dispatch(.key(.character("b")))
        runner.waitForSaves()
        var picked: [String] = []
        for row in runner.state.windowRows where row.status == .missing && picked.count < 3 { picked.append(row.customer.tenantId) }
        #expect(picked.count == 3)
        for (index, row) in runner.state.windowRows.enumerated() {
            if picked.contains(row.customer.tenantId) {
                runner.dispatch(.key(.home))
                for _ in 0..<index { runner.dispatch(.key(.down)) }
                runner.waitForSaves()
                runner.dispatch(.key(.character(" ")))
            }
        }
        #expect(runner.state.marked == Set(picked))
        let head = try fixture.store.headSeq()
        runner.dispatch(.key(.character("r")))
        guard case .form(let form) = runner.state.modal else { Issue.record("no form"); return }
        #expect(form.title.contains("3 marked customers"))
        for character in "Tailspin Resellers" { runner.dispatch(.key(.character(character))) }
        runner.dispatch(.key(.control("s")))
        runner.waitForSaves()
        #expect(runner.state.modal == nil)
        #expect(runner.state.flash?.text.contains("Request recorded for 3 customers") == true)
        for id in picked {
            #expect(try fixture.store.customer(id)?.customer.request?.sentTo == "Tailspin Resellers")
        }
        // Three events after the head, written together.
        #expect(try fixture.store.headSeq() == head + 3)
        #expect(try fixture.store.verify().isValid)
    }

    @Test func aBulkRequestRefusedForOneCustomerWritesNothingAndNamesIt() throws {
        let fixture = try AppFixture(customers: 60)
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        // A request dated before a confirmed customer's acceptance is refused for it; mark one with a missing one.
        let rows = runner.state.windowRows
        let confirmed = try #require(rows.firstIndex { $0.status == .confirmed })
        let missing = try #require(rows.firstIndex { $0.status == .missing })
        for index in [confirmed, missing] {
            runner.dispatch(.key(.home))
            for _ in 0..<index { runner.dispatch(.key(.down)) }
            runner.waitForSaves()
            runner.dispatch(.key(.character(" ")))
        }
        #expect(runner.state.marked.count == 2)
        let head = try fixture.store.headSeq()
        runner.dispatch(.key(.character("r")))
        for character in "Tailspin" { runner.dispatch(.key(.character(character))) }
        runner.dispatch(.key(.tab))
        for _ in 0..<10 { runner.dispatch(.key(.backspace)) }
        for character in "2010-01-02" { runner.dispatch(.key(.character(character))) }
        runner.dispatch(.key(.control("s")))
        runner.waitForSaves()
        guard case .form(let form) = runner.state.modal else { Issue.record("form closed"); return }
        #expect(form.message?.contains("Nothing was recorded") == true)
        #expect(form.message?.contains(rows[confirmed].customer.companyName) == true)
        #expect(try fixture.store.headSeq() == head)
    }

    @Test func clickSelectsDoubleClickOpensTheWheelScrolls() throws {
        let fixture = try AppFixture()
        var state = try fixture.state()
        // Row 3 of the screen is the list's first row.
        state.press(.mouse(MouseEvent(.click, x: 10, y: 7)))
        #expect(state.selection == 4)
        state.press(.mouse(MouseEvent(.wheelDown, x: 10, y: 7)))
        #expect(state.selection == 4 + AppState.wheelStep)
        state.press(.mouse(MouseEvent(.wheelUp, x: 10, y: 7)), .mouse(MouseEvent(.wheelUp, x: 10, y: 7)))
        #expect(state.selection == 1)
        // A click on the header changes nothing.
        state.press(.mouse(MouseEvent(.click, x: 10, y: 2)))
        #expect(state.selection == 1)
        let target = try #require(state.window.row(at: 2)).customer.tenantId
        state.press(.mouse(MouseEvent(.doubleClick, x: 10, y: 5)))
        guard case .detail(let detail) = state.screen else { Issue.record("not opened"); return }
        #expect(detail.tenantId == target)
        // Over a form the mouse does nothing.
        state.press(.escape, .character("a"))
        let before = state.selection
        state.press(.mouse(MouseEvent(.click, x: 10, y: 10)))
        #expect(state.selection == before)
        #expect(state.modal != nil)
    }

    @Test func aClickWhileTheNextPageIsReadOpensNothing() throws {
        let fixture = try AppFixture()
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        // "b" asks for the blocked view's page; the screen still shows the old one, so a
        // double click now could land on another customer than the one drawn: not taken.
        runner.dispatch(.key(.character("b")))
        #expect(runner.state.window.reading)
        runner.dispatch(.key(.mouse(MouseEvent(.doubleClick, x: 10, y: 5))))
        runner.waitForSaves()
        guard case .list = runner.state.screen else { Issue.record("opened a customer"); return }
        // Once the page is in, the same double click opens the customer drawn on that line.
        let drawn = try #require(runner.state.window.row(at: runner.state.window.shownStart + 2)).customer.tenantId
        runner.dispatch(.key(.mouse(MouseEvent(.doubleClick, x: 10, y: 5))))
        runner.waitForSaves()
        guard case .detail(let detail) = runner.state.screen else { Issue.record("not opened"); return }
        #expect(detail.tenantId == drawn)
    }

    @Test func markedCustomersExportToACSVFileThroughTheOneWriter() throws {
        let fixture = try AppFixture()
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        // Nothing marked: the key says how to mark.
        runner.dispatch(.key(.character("X")))
        #expect(runner.state.modal == nil)
        #expect(runner.state.flash?.text.contains("No customers are marked") == true)
        runner.dispatch(.key(.character(" ")))
        runner.dispatch(.key(.character(" ")))
        let marked = runner.state.marked
        #expect(marked.count == 2)
        let path = fixture.dir.file("marked.csv")
        func export() {
            runner.dispatch(.key(.character("X")))
            for _ in 0..<40 { runner.dispatch(.key(.backspace)) }
            runner.dispatch(.typed(Array(path)))
            runner.dispatch(.key(.control("s")))
            runner.waitForSaves()
        }
        export()
        #expect(runner.state.modal == nil)
        #expect(runner.state.flash?.text.contains("Exported 2 customers") == true)
        // The file `export --format csv --output` writes: a byte-order mark for spreadsheets,
        // the header, and resellers by their names.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let records = try CSVTable.read(text).records()
        let ids = records.compactMap { try? $0.fields.get()["tenantId"] }
        #expect(Set(ids) == marked)
        #expect(text.hasPrefix(CustomersCSVRow.header.joined(separator: ",") + "\n"))
        let names = Dictionary(uniqueKeysWithValues: try fixture.store.profile().resellers.map { ($0.id, $0.name) })
        for record in records {
            guard let fields = try? record.fields.get(), let id = fields["tenantId"],
                  let customer = try fixture.store.customer(id)?.customer else { continue }
            #expect(fields["reseller"] == customer.resellerId.map { names[$0] ?? $0 } ?? "")
        }
        // An existing file is never overwritten: the form says so and the file stays.
        runner.dispatch(.key(.character("u")))
        runner.dispatch(.key(.end))
        runner.waitForSaves()
        runner.dispatch(.key(.character(" ")))
        export()
        guard case .form(let form) = runner.state.modal else { Issue.record("form closed"); return }
        #expect(form.message?.isEmpty == false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func theWaitingViewFollowsTheProfilesThreshold() throws {
        let fixture = try AppFixture(customers: 300, seed: 9)
        var draft = ProfileDraft(editing: try fixture.store.profile())
        draft.waitingDays = "30"
        try fixture.store.execute(.setProfile(draft))
        var state = try fixture.state(width: 120, height: 60)
        state.press(.character("W"))
        #expect(state.screenText.contains("waiting over 30 days"))
        #expect(!state.windowRows.isEmpty)
        #expect(state.windowRows.allSatisfy { ($0.daysWaiting ?? 0) > 30 })
    }
}
