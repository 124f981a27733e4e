import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

/// Issue 15 in the app: `n` writes a note, `L` opens the activity log, `E` writes an evidence pack.
@Suite("The app's notes, activity log and evidence packs")
struct DeskFlowTests {
    /// Carries out the log's reads as the runner does (the room's own read, on the store),
    /// and hands the answers back.
    static func runLog(_ effects: [Effect], _ state: inout AppState, _ fixture: AppFixture) throws {
        for effect in effects {
            guard case .read(let read) = effect else { continue }
            _ = state.update(.roomAnswer(RoomAnswer(request: read.request, result: .success(try read.run(fixture.store)))))
        }
    }

    @Test func nWritesANoteThatTheDetailShowsAndTheFilterFinds() throws {
        let fixture = try AppFixture()
        var (state, tenant) = try VoidFlowTests.detailOfAConfirmedCustomer(fixture)
        let statusBefore = try #require(state.row(tenant)?.status)
        state.press(.character("n"))
        guard case .form(let form) = state.modal else { Issue.record("no note form"); return }
        #expect(form.title.hasPrefix("Note on "))
        // Empty: refused by the model, nothing asked of the store.
        #expect(state.update(.key(.control("s"))).isEmpty)
        state.type("Promised to sign by Friday")
        let effects = state.update(.key(.control("s")))
        guard case .save(let command, let expecting, let done, let request) = effects.first,
              case .note(tenant, "Promised to sign by Friday") = command else {
            Issue.record("the note was not saved: \(effects)"); return
        }
        let outcome = try fixture.store.execute(command, expectingCustomerSeq: expecting)
        #expect(try fixture.store.verify().isValid)
        let reload = state.update(.saved(outcome, done: done, request: request))
        #expect(state.flash?.text.hasPrefix("Saved: note on ") == true)
        guard case .loadDetail = reload.first, case .detail(let detail) = state.screen else { Issue.record("no reload"); return }
        try VoidFlowTests.load(&state, fixture, detail)
        let text = state.screenText
        let notes = try #require(text.range(of: "Notes"))
        let history = try #require(text.range(of: "History"))
        #expect(notes.lowerBound < history.lowerBound)
        #expect(text.contains("amy         Promised to sign by Friday"))
        #expect(text.contains("Note: Promised to sign by Friday"))

        // The list's filter finds the note's words once the change is read.
        _ = state.update(.changed(try fixture.store.listChanges(since: state.headSeq)))
        #expect(try fixture.store.customer(tenant)?.customer.noteTexts == ["Promised to sign by Friday"])
        state.press(.escape)
        state.press(.character("/"))
        state.type("sign by friday")
        #expect(state.listedRows.map { $0.customer.tenantId } == [tenant])
        #expect(state.row(tenant)?.status == statusBefore)
    }

    @Test func nInTheListOpensTheNoteFormForTheSelectedCustomer() throws {
        var state = try AppFixture().state()
        state.press(.down, .down)
        let row = try #require(state.selectedRow)
        state.press(.character("n"))
        guard case .form(let form) = state.modal else { Issue.record("no note form"); return }
        #expect(form.title == "Note on \(row.customer.companyName)")
        state.type("Left a voicemail")
        guard case .save(.note(row.customer.tenantId, "Left a voicemail"), _, .noted, _)? = state.update(.key(.control("s"))).first else {
            Issue.record("not saved as a note"); return
        }
    }

    @Test func anotherDesksWriteAppearsAtTheTopOfAnOpenLog() throws {
        let fixture = try AppFixture()
        var state = try fixture.state(width: 100, height: 24)
        try Self.runLog(state.update(.key(.character("L"))), &state, fixture)
        let tenant = try fixture.store.listPage(ListQuery(), limit: 1).rows[0].customer.tenantId
        let other = try ConsentStore(location: fixture.store.location, clock: AppFixture.clock,
                                     actor: StoreActor(userId: "", employee: "bo"))
        try other.execute(.note(tenantId: tenant, text: "Called from the other desk"))
        let effects = state.update(.changed(try fixture.store.listChanges(since: state.headSeq)))
        try Self.runLog(effects, &state, fixture)
        #expect(state.logScreen?.rows.first?.seq == (try fixture.store.headSeq()))
        #expect(state.screenText.contains("Called from the other desk"))
    }

    @Test func theActivityLogShowsWhoDidWhatAndPagesAsYouScroll() throws {
        let fixture = try AppFixture(customers: 150)
        var state = try fixture.state(width: 100, height: 24)
        let opened = state.update(.key(.character("L")))
        #expect(state.keyContext == .log)
        guard case .read(let read) = opened.first else { Issue.record("no read: \(opened)"); return }
        let first = try #require(state.logScreen?.asked)
        #expect(read.request == state.logScreen?.request)
        #expect(first.before == nil && first.limit == LogScreen.pageSize)
        #expect(state.screenText.contains("Loading"))
        try Self.runLog(opened, &state, fixture)
        let log = try #require(state.logScreen)
        let head = try fixture.store.headSeq()
        #expect(log.rows.count == LogScreen.pageSize)
        #expect(log.rows.first?.seq == head)
        assertSnapshot(Renderer.render(state), "log-100x24")

        // Down to the end of the first page: the next page is asked for, after its last row.
        var effects: [Effect] = []
        for _ in 0..<12 { effects += state.update(.key(.pageDown)) }
        #expect(effects.contains { if case .read = $0 { true } else { false } }, "the next page is read")
        let next = try #require(state.logScreen?.asked)
        #expect(next.before == log.rows.last?.seq)
        try Self.runLog(effects, &state, fixture)
        let more = try #require(state.logScreen)
        #expect(more.rows.count > LogScreen.pageSize)
        #expect(Set(more.rows.map(\.seq)).count == more.rows.count)
        #expect(zip(more.rows, more.rows.dropFirst()).allSatisfy { $0.seq > $1.seq })

        // End goes to the oldest line read (here the whole history: nothing more to read).
        state.press(.home)
        let whole = try #require(state.logScreen)
        #expect(whole.exhausted)
        let end = state.update(.key(.end))
        #expect(state.logScreen?.selection == whole.rows.count - 1)
        #expect(end.isEmpty)

        state.press(.escape)
        #expect(state.keyContext == .list)
    }

    @Test func theLogsFilterFormNarrowsItToOneCustomerAndKind() throws {
        let fixture = try AppFixture()
        var state = try fixture.state(width: 100, height: 24)
        let tenant = try #require(state.listedRows.first).customer.tenantId
        try fixture.store.execute(.note(tenantId: tenant, text: "First call"))
        try Self.runLog(state.update(.key(.character("L"))), &state, fixture)
        state.press(.character("/"))
        guard case .form(let form) = state.modal else { Issue.record("no filter form"); return }
        #expect(form.title == "Filter the activity log")
        // A day that is none is refused in the form.
        state.type("yesterday")
        #expect(state.update(.key(.control("s"))).isEmpty)
        guard case .form(let refused) = state.modal else { Issue.record("form closed"); return }
        #expect(refused.errors[.since]?.contains("YYYY-MM-DD") == true)
        for _ in 0..<9 { state.press(.backspace) }
        state.press(.tab, .tab, .tab)
        state.type(tenant)
        state.press(.tab)
        // Cycle the kind to "noted".
        var steps = 0
        while case .form(let shown) = state.modal, shown.value(.kind) != "noted", steps < 20 {
            state.press(.right)
            steps += 1
        }
        let effects = state.update(.key(.control("s")))
        #expect(state.modal == nil)
        try Self.runLog(effects, &state, fixture)
        let log = try #require(state.logScreen)
        #expect(log.rows.count == 1)
        #expect(log.rows.first?.what.contains("Note: First call") == true)
        #expect(state.screenText.contains("kind note"))
    }

    @Test func eInTheDetailWritesTheEvidencePackThroughTheOneWriter() throws {
        let fixture = try AppFixture()
        var (state, tenant) = try VoidFlowTests.detailOfAConfirmedCustomer(fixture)
        state.press(.character("E"))
        guard case .form(let form) = state.modal else { Issue.record("no evidence form"); return }
        #expect(form.value(.outputFile).hasSuffix("-2026-11-25.html"))
        let path = fixture.dir.file("pack.html")
        for _ in 0..<form.value(.outputFile).count { state.press(.backspace) }
        state.type(path)
        let effects = state.update(.key(.control("s")))
        guard case .writeEvidence(tenant, path, _)? = effects.first else { Issue.record("no write: \(effects)"); return }
        #expect(state.modal == nil)
        let head = try EvidencePack.write(store: fixture.store, tenantId: tenant, path: path, now: AppFixture.clock.now())
        _ = state.update(.evidenceWritten(path: path, seq: head.seq))
        #expect(state.flash?.text.contains("Evidence pack written to") == true)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains(head.hash))
        // A name ending in .json gives the JSON pack.
        let json = fixture.dir.file("pack.json")
        try EvidencePack.write(store: fixture.store, tenantId: tenant, path: json, now: AppFixture.clock.now())
        let pack = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        #expect((pack?["storeHead"] as? [String: Any])?["hash"] as? String == head.hash)
        // The one writer never replaces a file.
        #expect(throws: (any Error).self) {
            try EvidencePack.write(store: fixture.store, tenantId: tenant, path: path, now: AppFixture.clock.now())
        }
        // In the app, a name already used keeps the form open and says so (no --force advice).
        state.press(.character("E"))
        guard case .form(let again) = state.modal else { Issue.record("no evidence form"); return }
        for _ in 0..<again.value(.outputFile).count { state.press(.backspace) }
        state.type(path)
        #expect(state.update(.key(.control("s"))).isEmpty)
        guard case .form(let refused) = state.modal else { Issue.record("the form closed"); return }
        #expect(refused.value(.outputFile) == path)
        #expect(refused.message?.contains("already exists and is kept") == true)
        #expect(!(refused.message ?? "").contains("--force"))
    }
}
