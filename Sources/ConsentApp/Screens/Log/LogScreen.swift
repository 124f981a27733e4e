import ConsentModel
import ConsentStore
import Foundation
import TerminalKit

/// The activity log (issue 15.4): the whole store's history, newest first, with the same
/// filters as `consentdesk log` (a form on `/`). It reads a page at a time from the store
/// (`ConsentStore.activity`) and asks for the next page as the cursor nears the end.
struct LogScreen: ScreenRoom {
    /// Events read per page.
    static let pageSize = 200

    /// The filters (its `before` is unused: pages follow the last row read).
    var query: ActivityQuery
    var rows: [LogRow] = []
    var selection = 0
    var scroll = 0
    /// The read asked for last; answers to others are dropped.
    var request = 0
    /// The page that read asks for.
    var asked: ActivityQuery?
    var loading = false
    /// The last page came back short: there is nothing older.
    var exhausted = false

    var context: KeyContext { .log }

    func opening(app: inout AppState) -> [Effect] { reading(app: &app, after: nil) }

    /// Asks for the page after event `after` (nil: the newest page), as a new request.
    /// New events come first: read again when the cursor is on the newest (a worker who
    /// scrolled down keeps the place; the next visit to the top shows them).
    func storeChanged(app: inout AppState) -> [Effect] {
        selection == 0 ? reading(app: &app, after: nil) : []
    }

    func reading(app: inout AppState, after: Int64?) -> [Effect] {
        var next = self
        if after == nil {
            next.rows = []
            next.selection = 0
            next.scroll = 0
            next.exhausted = false
        }
        app.lastRequest += 1
        next.request = app.lastRequest
        next.loading = true
        var asked = self.query
        asked.before = after
        asked.limit = Self.pageSize
        next.asked = asked
        app.screen = .room(next)
        let page = asked
        return [.read(RoomRead(request: next.request, "activity log page") { store throws(StoreError) in
            // The customer as typed (tenant id, domain or name), found as the CLI finds it.
            var query = page
            if let customer = query.customer { query.customer = try store.resolve(customer).tenantId }
            return try store.activity(query)
        })]
    }

    /// A page of the log arrived: kept when it answers the log's latest read.
    func received(_ answer: any Sendable, request: Int, app: inout AppState) -> [Effect] {
        guard request == self.request, let entries = answer as? [ActivityEntry] else { return [] }
        answered(entries, app: &app)
        return []
    }

    /// Rows that fit between the header and the message line.
    static func visibleRows(_ app: AppState) -> Int { max(1, app.height - 5) }

    func handle(_ action: Action, app: inout AppState) -> [Effect] {
        let page = Self.visibleRows(app)
        var next = self
        switch action {
        case .up: next.selection -= 1
        case .down: next.selection += 1
        case .pageUp: next.selection -= page
        case .pageDown: next.selection += page
        case .top: next.selection = 0
        // The oldest line read so far; the next page is read as from any line near the end
        // (the whole history is never read at once).
        case .bottom: next.selection = rows.count - 1
        default: return []
        }
        next.selection = max(0, min(next.selection, rows.count - 1))
        if next.selection < next.scroll { next.scroll = next.selection }
        if next.selection >= next.scroll + page { next.scroll = next.selection - page + 1 }
        app.screen = .room(next)
        // Near the end of what is read: the next page.
        if !next.loading, !next.exhausted, let last = next.rows.last, next.selection + page >= next.rows.count {
            return next.reading(app: &app, after: last.seq)
        }
        return []
    }

    /// The answer to read `request`: its rows appended.
    func answered(_ entries: [ActivityEntry], app: inout AppState) {
        var next = self
        next.rows += entries.map(LogRow.init)
        next.loading = false
        next.exhausted = entries.count < Self.pageSize
        app.screen = .room(next)
    }

    func draw(_ buffer: inout ScreenBuffer, _ app: AppState) {
        Renderer.drawLog(&buffer, app, self)
    }
}

/// One event as the log shows it: when · who · customer · what (texts escaped).
struct LogRow: Sendable, Hashable {
    let seq: Int64
    let when: String
    let who: String
    let customer: String
    let what: String

    init(_ entry: ActivityEntry) {
        let stored = entry.event
        seq = stored.seq
        when = String(ISO8601.string(stored.at).prefix(16)).replacingOccurrences(of: "T", with: " ")
        who = UntrustedText.escaped(stored.employee)
        customer = UntrustedText.escaped(entry.companyName ?? stored.customer ?? "—")
        // `summary` escapes what it quotes.
        // A voided event says so first, before its summary can be cut.
        what = "#\(stored.seq) " + (entry.voidedBy.map { tr("log.voided", $0) + " " } ?? "")
            + ((try? stored.event().summary(recordedBy: stored.employee)) ?? UntrustedText.escaped(stored.kind))
    }
}

extension AppState {
    /// The activity log, when it is the screen showing.
    var logScreen: LogScreen? {
        if case .room(let room) = screen { return room as? LogScreen }
        return nil
    }

}
