import ConsentModel
import TerminalKit

/// The customer list's own state: its rows, the filter, the view and the sort, the window of
/// visible rows and the selection, which follows the selected customer (by tenant id)
/// through filtering, sorting and reloads. The rest of the app reaches the list through
/// this narrow interface (rows for a window, counts, select and move, filter/sort/view
/// changes), so the scale work can replace its insides with store queries.
public struct CustomerListState: Sendable {
    public private(set) var rows: [CustomerListRow] = []
    private(set) var indexByTenant: [String: Int] = [:]
    /// What the filter scans; rebuilt whenever rows change.
    private var searchIndex = SearchIndex([])
    /// Whether `rows` is in the store's company order (so the default sort is free).
    private var rowsInCompanyOrder = false
    /// Row indices in sort order, for the current sort.
    private var sortedOrder: [Int] = []
    /// Row indices shown: the sorted order, filtered by view and search.
    public private(set) var visible: [Int] = []
    /// The query `visible` was filtered with, to narrow it incrementally.
    private var visibleQuery: [UInt8] = []
    private var visibleView: QuickView = .all
    /// The results of the shorter queries typed since the last full filter, so that
    /// Backspace goes back to one instead of scanning every row again.
    private var filterSteps: [(query: [UInt8], visible: [Int])] = []

    public private(set) var filter = TextField(limit: CustomerListState.filterLimit)
    /// The longest filter: a search needs no more, and a paste into it stays quick.
    static let filterLimit = 200
    /// Whether keys type into the filter.
    public var filtering = false
    public private(set) var view: QuickView = .all
    public private(set) var sort: Column = .company
    public private(set) var ascending = true
    /// Index into `visible`.
    public private(set) var selection = 0
    /// The selected customer: what the selection follows through filtering, sorting and reloads.
    public private(set) var selectedTenantId: String?
    /// The first visible row shown in the window.
    public private(set) var scroll = 0
    /// Counts per status for the header; recounted when rows change, not per frame.
    public private(set) var counts: [ConsentStatus: Int] = [:]
    /// How many rows the window shows (the app sets it from the screen's height).
    var windowHeight = 1 {
        didSet { keepSelectionVisible() }
    }

    public init() {}

    // MARK: reading

    /// The customer under the cursor.
    public var selectedRow: CustomerListRow? {
        guard selection >= 0, selection < visible.count else { return nil }
        return rows[visible[selection]]
    }

    /// The row of `tenantId`, if the list holds it.
    public func row(_ tenantId: String) -> CustomerListRow? {
        indexByTenant[tenantId].map { rows[$0] }
    }

    /// The rows shown in the window, top first.
    public var windowRows: [CustomerListRow] {
        visible.dropFirst(scroll).prefix(windowHeight).map { rows[$0] }
    }

    // MARK: rows

    /// Replaces every row (in the store's company order), keeping the selected customer.
    mutating func replaceRows(_ rows: [CustomerListRow]) {
        self.rows = rows
        indexByTenant = Dictionary(rows.enumerated().map { ($1.customer.tenantId, $0) }, uniquingKeysWith: { first, _ in first })
        // The store returns rows in company order: the default sort needs no sorting.
        rowsInCompanyOrder = true
        resort()
    }

    /// Works every status out again (a new day, a new policy); sorts again when asked.
    mutating func reevaluate(_ evaluator: ConsentEvaluator, today: Day, resorting: Bool = true) {
        for index in rows.indices { rows[index].reevaluate(evaluator, today: today) }
        if resorting { resort() }
    }

    /// Puts in changed or new customers' rows; the caller resorts when done (`resort`).
    mutating func merge(_ row: CustomerListRow) {
        if let index = indexByTenant[row.customer.tenantId] {
            if rows[index].customer.companyName != row.customer.companyName { rowsInCompanyOrder = false }
            rows[index] = row
        } else {
            indexByTenant[row.customer.tenantId] = rows.count
            rows.append(row)
            rowsInCompanyOrder = false
        }
    }

    // MARK: view, sort, filter

    /// Shows `next`, or all again when `next` is already shown.
    mutating func toggleView(_ next: QuickView) {
        view = view == next ? .all : next
        refilter(force: true)
    }

    /// Sorts by the next column, ascending.
    mutating func sortByNextColumn() {
        let all = Column.allCases
        let index = all.firstIndex(of: sort) ?? 0
        sort = all[(index + 1) % all.count]
        ascending = true
        resort()
    }

    mutating func reverseSort() {
        ascending.toggle()
        resort()
    }

    /// Empties the filter.
    mutating func clearFilter() {
        filter = TextField(limit: Self.filterLimit)
        refilter(force: true)
    }

    /// A key typed into the filter; true when it was taken.
    mutating func editFilter(_ key: Key) -> Bool {
        guard filter.handle(key) else { return false }
        refilter()
        return true
    }

    /// Sorts all rows by the current column, then filters.
    mutating func resort() {
        searchIndex = SearchIndex(rows)
        var counts: [ConsentStatus: Int] = [:]
        for row in rows { counts[row.status, default: 0] += 1 }
        self.counts = counts
        if sort == .company && ascending && rowsInCompanyOrder {
            sortedOrder = Array(rows.indices)
            refilter(force: true)
            return
        }
        let sort = self.sort
        let rows = self.rows
        let ascending = self.ascending
        func less(_ a: Int, _ b: Int) -> Bool {
            let x = rows[a], y = rows[b]
            let ordered: Bool?
            switch sort {
            case .status: ordered = x.status == y.status ? nil : x.status < y.status
            case .company: ordered = nil
            case .domain: ordered = x.customer.primaryDomain == y.customer.primaryDomain ? nil : x.customer.primaryDomain < y.customer.primaryDomain
            case .country: ordered = x.customer.country == y.customer.country ? nil : x.customer.country < y.customer.country
            case .cloud: ordered = x.customer.cloud == y.customer.cloud ? nil : x.customer.cloud.rawValue < y.customer.cloud.rawValue
            case .reseller:
                let r1 = x.customer.resellerId ?? "", r2 = y.customer.resellerId ?? ""
                ordered = r1 == r2 ? nil : r1 < r2
            case .agreement:
                let t1 = x.customer.confirmation?.agreementType.rawValue ?? "", t2 = y.customer.confirmation?.agreementType.rawValue ?? ""
                ordered = t1 == t2 ? nil : t1 < t2
            case .date:
                let d1 = x.customer.confirmation?.dateAgreed.daysSinceEpoch ?? Int.min
                let d2 = y.customer.confirmation?.dateAgreed.daysSinceEpoch ?? Int.min
                ordered = d1 == d2 ? nil : d1 < d2
            case .contact:
                let c1 = x.customer.confirmation?.contact.fullName ?? "", c2 = y.customer.confirmation?.contact.fullName ?? ""
                ordered = c1 == c2 ? nil : c1 < c2
            }
            if let ordered { return ascending ? ordered : !ordered }
            // Ties (and the company column): by company name in byte order, then tenant id,
            // both in the sort's direction, as the store sorts.
            if x.customer.companyName != y.customer.companyName {
                return x.customer.companyName.utf8.lexicographicallyPrecedes(y.customer.companyName.utf8) == ascending
            }
            return (x.customer.tenantId < y.customer.tenantId) == ascending
        }
        sortedOrder = Array(rows.indices).sorted(by: less)
        refilter(force: true)
    }

    /// Recomputes the visible rows from the view and the filter, keeping the selected
    /// customer selected. A query that extends the last one only narrows the last result.
    mutating func refilter(force: Bool = false) {
        let selected = selectedTenantId
        let needle = Array(CustomerSearch.query(filter.text).utf8)
        if force || view != visibleView { filterSteps = [] }
        if let step = filterSteps.lastIndex(where: { $0.query == needle }) {
            visible = filterSteps[step].visible
            filterSteps.removeSubrange((step + 1)...)
        } else {
            let narrowing = !force && view == visibleView && needle.starts(with: visibleQuery)
            visible = searchIndex.filter(narrowing ? visible : sortedOrder, view: view, needle: needle)
            filterSteps.removeAll { !needle.starts(with: $0.query) }
            filterSteps.append((needle, visible))
        }
        visibleQuery = needle
        visibleView = view
        if let selected, let index = indexByTenant[selected], let position = visible.firstIndex(of: index) {
            selection = position
        } else {
            selection = min(selection, max(0, visible.count - 1))
        }
        selectedTenantId = selectedRow?.customer.tenantId
        keepSelectionVisible()
    }

    // MARK: selection

    /// Moves the cursor by `delta` visible rows (clamped).
    mutating func move(by delta: Int) {
        guard !visible.isEmpty else { return }
        selection = max(0, min(visible.count - 1, selection + delta))
        selectedTenantId = selectedRow?.customer.tenantId
        keepSelectionVisible()
    }

    /// Puts the cursor on visible row `position` (clamped).
    mutating func select(position: Int) {
        selection = max(0, min(max(0, visible.count - 1), position))
        selectedTenantId = selectedRow?.customer.tenantId
        keepSelectionVisible()
    }

    mutating func keepSelectionVisible() {
        let height = windowHeight
        if selection < scroll { scroll = selection }
        if selection >= scroll + height { scroll = selection - height + 1 }
        scroll = max(0, min(scroll, max(0, visible.count - height)))
    }
}
