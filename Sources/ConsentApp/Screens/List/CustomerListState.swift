import ConsentModel
import TerminalKit

/// What the customer list asks the store for: the filter being typed, the view, the sort
/// and its direction. The rows, the counts and the cursor live in the store-backed
/// `ListWindow`; each change here becomes one of its reads (`AppState.listQueryChanged`).
public struct CustomerListState: Sendable {
    public private(set) var filter = TextField(limit: CustomerListState.filterLimit)
    /// The longest filter: a search needs no more, and a paste into it stays quick.
    static let filterLimit = 200
    /// Whether keys type into the filter.
    public var filtering = false
    public private(set) var view: QuickView = .all
    public private(set) var sort: Column = .company
    public private(set) var ascending = true

    public init() {}

    // MARK: view, sort, filter

    /// Shows `next`, or all again when `next` is already shown.
    mutating func toggleView(_ next: QuickView) {
        view = view == next ? .all : next
    }

    /// Sorts by the next of `shown` columns (the ones on screen), ascending.
    mutating func sortByNextColumn(among shown: [Column] = Column.allCases) {
        let all = shown.isEmpty ? Column.allCases : shown
        let index = all.firstIndex(of: sort) ?? -1
        sort = all[(index + 1) % all.count]
        ascending = true
    }

    mutating func reverseSort() {
        ascending.toggle()
    }

    /// Empties the filter.
    mutating func clearFilter() {
        filter = TextField(limit: Self.filterLimit)
    }

    /// Pasted text (one line already) put into the filter at its cursor; true when the filter changed.
    mutating func pasteIntoFilter(_ text: String) -> Bool {
        let before = filter.text
        filter.insert(contentsOf: text)
        return filter.text != before
    }

    /// A key typed into the filter; true when it was taken.
    mutating func editFilter(_ key: Key) -> Bool {
        filter.handle(key)
    }
}
