import ConsentModel
import ConsentStore
import TerminalKit

/// What the customer list does with an action: every move, view, sort and filter goes
/// through the store-backed `ListWindow` (a read when it needs rows it does not hold).
extension AppState {
    mutating func handleList(_ action: Action) -> [Effect] {
        switch action {
        case .up: return readingList(window.move(by: -1))
        case .down: return readingList(window.move(by: 1))
        case .pageUp: return readingList(window.pageUp())
        case .pageDown: return readingList(window.pageDown())
        case .top: return readingList(window.home())
        case .bottom: return readingList(window.end())
        case .filter: list.filtering = true
        case .clearFilter:
            list.clearFilter()
            return listQueryChanged()
        case .viewAll:
            list.toggleView(.all)
            return listQueryChanged()
        case .viewBlocked:
            list.toggleView(.blocked)
            return listQueryChanged()
        case .viewOutdated:
            list.toggleView(.outdated)
            return listQueryChanged()
        case .sortNext:
            // Only through the columns shown at this width.
            list.sortByNextColumn(among: Renderer.layout(width: width - 1).map(\.0))
            return listQueryChanged()
        case .sortReverse:
            list.reverseSort()
            return listQueryChanged()
        case .open:
            guard let row = selectedRow else { return [] }
            lastRequest += 1
            screen = .detail(DetailState(tenantId: row.customer.tenantId, request: lastRequest))
            return [.loadDetail(tenantId: row.customer.tenantId, request: lastRequest)]
        case .viewWaiting, .viewRenewing, .cycleReseller, .mark, .markAllShown, .clearMarks, .exportMarked:
            return handleFollowUp(action)
        default:
            break
        }
        return []
    }
}
