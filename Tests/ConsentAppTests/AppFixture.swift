import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

/// A real store in a temp directory with seeded demo data, at a fixed time.
final class AppFixture: @unchecked Sendable {
    static let today = Day(year: 2026, month: 11, day: 25)!
    static let clock = FixedClock(today, hour: 12)
    let dir = TemporaryDirectory("app")
    let store: ConsentStore

    init(customers: Int = 40, seed: UInt64 = 2018) throws {
        store = try ConsentStore(location: StoreLocation(path: dir.path), clock: AppFixture.clock,
                                 actor: StoreActor(userId: "", employee: "amy"))
        if customers > 0 {
            try store.loadDemo(DemoGenerator(customers: customers, seed: seed, today: AppFixture.today))
        }
    }

    /// A state as the app has it after opening the store, at `width`×`height`; its list and
    /// detail reads are answered at once on the fixture's store.
    func state(width: Int = 80, height: Int = 24) throws -> AppState {
        var state = AppState(width: width, height: height, now: AppFixture.clock.now(), employee: "amy",
                             storePath: "~/.local/share/consentdesk/store.sqlite")
        state.inlineStore = store
        _ = state.update(.loaded(try store.snapshot(limit: 0)))
        return state
    }

    /// Every customer the list's current query selects, in its order (from the store).
    func listed(_ state: AppState) throws -> [ListRow] {
        try store.listPage(state.followUpQuery, limit: Int.max).rows
    }
}

extension AppState {
    /// Types keys, ignoring effects.
    mutating func press(_ keys: Key...) {
        for key in keys { _ = update(.key(key)) }
    }

    mutating func type(_ text: String) {
        for character in text { _ = update(.key(.character(character))) }
    }

    var screenText: String { Renderer.render(self).text }

    /// The form shown, if a form is the dialog: read with `try #require(state.openForm)`.
    var openForm: FormState? {
        if case .form(let form) = modal { return form }
        return nil
    }

    /// Moves the cursor to `position` of the list (through the keys: Home, then Down).
    mutating func select(position: Int) {
        press(.home)
        for _ in 0..<position { press(.down) }
    }

    /// Moves the cursor down to the first customer `matches` (through the keys); false when
    /// no customer below the cursor matches.
    @discardableResult
    mutating func select(where matches: (CustomerListRow) -> Bool) -> Bool {
        press(.home)
        var last = -1
        while let row = selectedRow, selection != last {
            if matches(row) { return true }
            last = selection
            press(.down)
        }
        return false
    }
}

/// Compares a rendered screen with its stored snapshot (text, then the role grid).
/// Set SNAPSHOT_RECORD=1 to write snapshots anew; a missing snapshot is written and fails.
func assertSnapshot(_ buffer: ScreenBuffer, _ name: String, filePath: String = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots").appendingPathComponent("\(name).txt")
    let rendered = buffer.lines.joined(separator: "\n") + "\n--- roles ---\n" + buffer.roleGrid.joined(separator: "\n") + "\n"
    let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
    guard !record, let stored = try? String(contentsOf: url, encoding: .utf8) else {
        try? rendered.write(to: url, atomically: true, encoding: .utf8)
        if !record { Issue.record("snapshot \(name) was missing and has been written; check it", sourceLocation: sourceLocation) }
        return
    }
    if stored != rendered {
        let actual = url.deletingPathExtension().appendingPathExtension("actual.txt")
        try? rendered.write(to: actual, atomically: true, encoding: .utf8)
        Issue.record("screen differs from snapshot \(name); see \(actual.lastPathComponent)", sourceLocation: sourceLocation)
    }
}

extension AppState {
    /// What scrolling through the whole list shows, top to bottom: the window is paged
    /// down (on a copy of the state) and its rows collected, read from `store` (or the
    /// state's inline store).
    func listed(on store: ConsentStore? = nil) -> [CustomerListRow] {
        var copy = self
        copy.inlineStore = store ?? inlineStore
        guard copy.inlineStore != nil else { return [] }
        if copy.window.reading || copy.window.total == nil { _ = copy.readingList(copy.window.reload()) }
        _ = copy.readingList(copy.window.home())
        guard let total = copy.shownCount else { return [] }
        var byPosition: [Int: ListRow] = [:]
        while true {
            for (offset, row) in copy.windowRows.enumerated() { byPosition[copy.scroll + offset] = row }
            if byPosition.count >= total { break }
            let before = copy.scroll
            _ = copy.readingList(copy.window.pageDown())
            if copy.scroll == before { break }
        }
        return (0..<total).compactMap { byPosition[$0] }.map(CustomerListRow.init)
    }

    var listedRows: [CustomerListRow] { listed() }
}
