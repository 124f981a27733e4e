import ConsentModel
import ConsentStore
import TerminalKit

/// What the customer list does with an action.
extension AppState {
    mutating func handleList(_ action: Action) -> [Effect] {
        switch action {
        case .up: moveSelection(by: -1)
        case .down: moveSelection(by: 1)
        case .pageUp: moveSelection(by: -listHeight)
        case .pageDown: moveSelection(by: listHeight)
        case .top: moveSelection(by: -visible.count)
        case .bottom: moveSelection(by: visible.count)
        case .filter: filtering = true
        case .clearFilter:
            filter = TextField(limit: AppState.filterLimit)
            refilter(force: true)
        case .viewAll, .viewBlocked, .viewOutdated:
            let next: QuickView = action == .viewBlocked ? .blocked : action == .viewOutdated ? .outdated : .all
            view = view == next ? .all : next
            refilter(force: true)
        case .sortNext, .sortReverse:
            if action == .sortReverse {
                ascending.toggle()
            } else {
                let all = Column.allCases
                sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
                ascending = true
            }
            resort()
        case .open:
            guard let row = selectedRow else { return [] }
            lastRequest += 1
            screen = .detail(DetailState(tenantId: row.customer.tenantId, request: lastRequest))
            return [.loadDetail(tenantId: row.customer.tenantId, request: lastRequest)]
        case .templates:
            screen = .templates(selection: 0)
        default:
            break
        }
        return []
    }
}
