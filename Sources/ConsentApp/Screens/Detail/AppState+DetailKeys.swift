import ConsentModel
import ConsentStore
import TerminalKit

/// What the customer detail does with an action.
extension AppState {
    mutating func handleDetail(_ action: Action, _ detail: DetailState) -> [Effect] {
        var detail = detail
        switch action {
        case .up where detail.customer != nil && !detail.history.isEmpty,
             .down where detail.customer != nil && !detail.history.isEmpty:
            selectHistory(by: action == .up ? -1 : 1, in: &detail)
        case .up: detail.scroll = max(0, detail.scroll - 1)
        case .down: detail.scroll += 1
        case .pageUp: detail.scroll = max(0, detail.scroll - (height - 4))
        case .pageDown: detail.scroll += height - 4
        case .top: detail.scroll = 0
        default: return []
        }
        screen = .detail(detail)
        return []
    }
}
