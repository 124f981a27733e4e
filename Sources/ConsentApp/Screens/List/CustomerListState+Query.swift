import ConsentModel
import ConsentStore

extension QuickView {
    /// The store's status filter for this view (nil: everyone).
    var statusFilter: StatusFilter? {
        switch self {
        case .all: return nil
        case .blocked: return .group(.blocked)
        case .outdated: return .status(.outdated)
        case .waiting, .renewing: return nil // the follow-up selects (AppState.followUpQuery)
        }
    }
}

extension Column {
    /// The store's sort for this column.
    var listSort: ListQuery.Sort { ListQuery.Sort(rawValue: rawValue) ?? .company }
}

extension CustomerListState {
    /// The store query for what the list shows now: its view, filter text, sort and direction.
    public var listQuery: ListQuery {
        ListQuery(status: view.statusFilter, search: filter.text, sort: sort.listSort, ascending: ascending)
    }
}
