import ConsentModel
import ConsentStore
import TerminalKit

/// What the customer list does with an action.
extension AppState {
    mutating func handleList(_ action: Action) -> [Effect] {
        switch action {
        case .up: list.move(by: -1)
        case .down: list.move(by: 1)
        case .pageUp: list.move(by: -listHeight)
        case .pageDown: list.move(by: listHeight)
        case .top: list.move(by: -visible.count)
        case .bottom: list.move(by: visible.count)
        case .filter: list.filtering = true
        case .clearFilter: list.clearFilter()
        case .viewAll: list.toggleView(.all)
        case .viewBlocked: list.toggleView(.blocked)
        case .viewOutdated: list.toggleView(.outdated)
        case .sortNext: list.sortByNextColumn()
        case .sortReverse: list.reverseSort()
        case .open:
            guard let row = selectedRow else { return [] }
            lastRequest += 1
            screen = .detail(DetailState(tenantId: row.customer.tenantId, request: lastRequest))
            return [.loadDetail(tenantId: row.customer.tenantId, request: lastRequest)]
        default:
            break
        }
        return []
    }
}
