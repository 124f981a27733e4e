import ConsentModel
import ConsentStore

/// The customer list as a window onto the store: it holds only the page it shows (a
/// window's worth of `ListRow`s), the position of that page in the current query, the
/// query's total and the header's counts. Every key is answered at once from what is held;
/// a key that needs rows not held (End, PgDn past the page, a new sort, view or filter, a
/// reload after another desk's change) returns a `ListRead` for the runner's reader, and
/// the last page stays shown until its answer arrives. Answers carry the request number:
/// only the answer to the latest request is applied, so a stale one (an older filter) is
/// dropped. The cursor follows the selected customer (by tenant id) across query changes
/// and reloads, through the store's `position(of:in:)`.
public struct ListWindow: Sendable {
    /// What the list asks the store: view, search, sort and direction.
    public private(set) var query = ListQuery()
    /// The rows held, from position `pageStart` of the query's ordering.
    public private(set) var page: [ListRow] = []
    public private(set) var pageStart = 0
    /// How many rows the query selects; nil until the first answer for this query ("counting…").
    public private(set) var total: Int?
    /// Customers per status for the header; nil until counted ("counting…").
    public private(set) var counts: [ConsentStatus: Int]?
    /// The cursor: a position in the query's ordering.
    public private(set) var selection = 0
    /// The customer under the cursor, when its row is held.
    public private(set) var selectedTenantId: String?
    /// The position of the window's first row.
    public private(set) var scroll = 0
    /// How many rows the window shows.
    public private(set) var height: Int
    /// The number of the latest read asked for; older answers are dropped.
    public private(set) var lastRequest = 0
    /// Whether the latest read's answer is still to come.
    public private(set) var reading = false
    /// The number of the latest read that counts; a later page read does not drop its
    /// counts (only a later counting read does).
    public private(set) var lastCountingRequest = 0

    /// A window of `height` rows; call `reload()` for its first read.
    public init(height: Int) {
        self.height = max(1, height)
    }

    // MARK: reading

    /// The held row at `position` of the query's ordering.
    public func row(at position: Int) -> ListRow? {
        let index = position - pageStart
        guard index >= 0, index < page.count else { return nil }
        return page[index]
    }

    /// The customer under the cursor, when held.
    public var selectedRow: ListRow? { row(at: selection) }

    /// Where the rows drawn start: the window's top when its rows are held; while a read
    /// for rows not held is pending, the last page stays shown where it was.
    public var shownStart: Int { windowIsHeld || page.isEmpty ? scroll : pageStart }

    /// The rows shown in the window, top first (while a read is pending, the last page).
    public var windowRows: [ListRow] {
        (shownStart..<(shownStart + height)).compactMap { row(at: $0) }
    }

    // MARK: keys

    /// Moves the cursor by `delta` rows (clamped); a read when the window leaves the held page.
    public mutating func move(by delta: Int) -> ListRead? {
        let last = max(0, (total ?? (pageStart + page.count)) - 1)
        selection = max(0, min(last, selection + delta))
        keepSelectionVisible()
        selectedTenantId = selectedRow?.customer.tenantId
        return windowIsHeld ? nil : ask(.offset(scroll), counting: false)
    }

    /// The first row.
    public mutating func home() -> ListRead? { move(by: -selection) }

    /// One window down.
    public mutating func pageDown() -> ListRead? { move(by: height) }

    /// One window up.
    public mutating func pageUp() -> ListRead? { move(by: -height) }

    /// Puts the cursor on `position` of the query's ordering (clamped).
    public mutating func select(position: Int) -> ListRead? { move(by: position - selection) }

    /// Reads the window again with the cursor on `tenantId` (a customer just added), or
    /// where it is when the query does not select it.
    public mutating func follow(_ tenantId: String) -> ListRead? {
        selectedTenantId = tenantId
        return ask(.following(tenantId, fallback: selection, row: selection - scroll), counting: true)
    }

    /// The last row: one read of the list's end (no pass over the rows before it).
    public mutating func end() -> ListRead? {
        if let total {
            selection = max(0, total - 1)
            keepSelectionVisible()
            selectedTenantId = selectedRow?.customer.tenantId
            if windowIsHeld { return nil }
        }
        return ask(.end, counting: false)
    }

    /// A new view, search, sort or direction: one read, following the selected customer.
    public mutating func change(to query: ListQuery) -> ListRead? {
        guard query != self.query else { return nil }
        self.query = query
        total = nil
        return ask(.following(selectedTenantId, fallback: 0, row: selection - scroll), counting: false)
    }

    /// Reads the window and the counts again (first open, or another desk changed the
    /// store), keeping the cursor on its customer.
    public mutating func reload() -> ListRead? {
        ask(.following(selectedTenantId, fallback: selection, row: selection - scroll), counting: true)
    }

    /// A new window height; a read when the taller window is not held.
    public mutating func resize(height: Int) -> ListRead? {
        self.height = max(1, height)
        keepSelectionVisible()
        return windowIsHeld ? nil : ask(.offset(scroll), counting: false)
    }

    // MARK: answers

    /// Applies the answer to the latest read; false (and nothing changes) for a stale one.
    @discardableResult
    public mutating func apply(_ answer: ListAnswer) -> Bool {
        // Counts are taken from any answer to the latest counting read, even when a page
        // read asked since makes its page stale.
        if let counts = answer.counts, answer.request == lastCountingRequest { self.counts = counts }
        guard answer.request == lastRequest else { return false }
        reading = false
        // A page read asked before later keys brought the window back onto the page held
        // (j past the page, then k back, in one burst): the held page still shows the
        // window and the answer's may not, so the held page stays; only the total is taken.
        if answer.selected == nil, windowIsHeld,
           !Self.holds(start: answer.start, count: answer.rows.count, scroll: scroll, height: height, total: answer.total) {
            total = answer.total
            selection = max(0, min(selection, answer.total - 1))
            keepSelectionVisible()
            selectedTenantId = selectedRow?.customer.tenantId
            return true
        }
        page = answer.rows
        pageStart = answer.start
        total = answer.total
        if let selected = answer.selected {
            // A page read around the cursor's new place: the window starts with it.
            selection = selected
            scroll = answer.start
        } else {
            selection = max(0, min(selection, answer.total - 1))
        }
        keepSelectionVisible()
        selectedTenantId = selectedRow?.customer.tenantId
        return true
    }

    /// A read of the window's rows when the page held does not cover the window and no
    /// read is pending (an answer came for a place the cursor has since left); nil when the
    /// window is held. Its total is counted afresh, so the answer always covers the window.
    public mutating func refill() -> ListRead? {
        guard !reading, total != nil, !windowIsHeld else { return nil }
        var read = ask(.offset(scroll), counting: false)
        read.knownTotal = nil
        return read
    }

    // MARK: inside

    private var windowIsHeld: Bool {
        Self.holds(start: pageStart, count: page.count, scroll: scroll, height: height, total: total)
    }

    /// Whether `count` rows from position `start` cover a window of `height` rows at `scroll`.
    private static func holds(start: Int, count: Int, scroll: Int, height: Int, total: Int?) -> Bool {
        let wanted = min(height, max(0, (total ?? Int.max) - scroll))
        return scroll >= start && scroll + wanted <= start + count
    }

    private mutating func ask(_ place: ListRead.Place, counting: Bool) -> ListRead {
        lastRequest += 1
        reading = true
        if counting { lastCountingRequest = lastRequest }
        var read = ListRead(request: lastRequest, query: query, place: place, limit: height, counting: counting)
        // Moving within the same query: its total is known, so the store does not count it again.
        switch place {
        case .offset, .end: if !counting { read.knownTotal = total }
        case .following: break
        }
        return read
    }

    private mutating func keepSelectionVisible() {
        if selection < scroll { scroll = selection }
        if selection >= scroll + height { scroll = selection - height + 1 }
        if let total { scroll = max(0, min(scroll, max(0, total - height))) }
        scroll = max(0, scroll)
    }
}

/// One read the list asks of the store, tagged with its request number.
public struct ListRead: Sendable, Equatable {
    /// Where the page starts.
    public enum Place: Sendable, Equatable {
        /// From this position.
        case offset(Int)
        /// The last rows; the cursor goes to the last.
        case end
        /// Around this customer, the cursor on it, `row` rows from the window's top (the
        /// middle when nil); at position `fallback` when the query does not select it (or no
        /// customer is selected).
        case following(String?, fallback: Int, row: Int? = nil)
    }

    public let request: Int
    public let query: ListQuery
    public let place: Place
    public let limit: Int
    /// Whether the header's counts are read too.
    public let counting: Bool
    /// The query's total when the window knows it (a move within the same query): the
    /// store then reads the page without counting the query again.
    public var knownTotal: Int?

    /// Runs the read on `store` (a reader connection, off the key path): the page, the
    /// query's total, the followed customer's position and the counts in one read
    /// transaction; no pass over the rows.
    /// `progress` is told (done, total) when the read first re-evaluates every status (a new day).
    public func run(on store: any ListReading, progress: ((Int, Int) -> Void)? = nil) throws(StoreError) -> ListAnswer {
        let storePlace: ListPlace
        switch place {
        case .offset(let offset): storePlace = .offset(offset)
        case .end: storePlace = .end
        case .following(let tenantId, let fallback, let row): storePlace = .following(tenantId, fallback: fallback, row: row)
        }
        let page = try store.listWindow(query, at: storePlace, limit: limit, counting: counting, knownTotal: knownTotal,
                                        progress: progress)
        return ListAnswer(request: request, rows: page.rows, start: page.start, total: page.total, selected: page.selected,
                          counts: page.counts)
    }
}

/// The store's answer to a `ListRead`.
public struct ListAnswer: Sendable {
    public let request: Int
    public let rows: [ListRow]
    /// The position of `rows[0]` in the query's ordering.
    public let start: Int
    public let total: Int
    /// Where the cursor goes (the followed customer, or the last row for End).
    public let selected: Int?
    public let counts: [ConsentStatus: Int]?
}
