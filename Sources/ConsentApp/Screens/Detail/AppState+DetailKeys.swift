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
        case .pageUp: detail.scroll = max(0, detail.scroll - Renderer.detailHeight(height))
        case .pageDown: detail.scroll += Renderer.detailHeight(height)
        // With a history, Home/g and End/G select its first and last entry as shown (the
        // void key then acts on it), scrolling to the top or the end.
        case .top where detail.customer != nil && !detail.history.isEmpty:
            selectHistory(at: .first, in: &detail)
            detail.scroll = 0
        case .bottom where detail.customer != nil && !detail.history.isEmpty:
            selectHistory(at: .last, in: &detail)
            detail.scroll = Int.max
        case .top: detail.scroll = 0
        case .bottom: detail.scroll = Int.max
        default: return []
        }
        // Never scrolled past the last page (so ↑ after G moves at once).
        let lines = Renderer.detailBody(self, detail, width: width - 2).body.count
        detail.scroll = min(detail.scroll, max(0, lines - Renderer.detailHeight(height)))
        screen = .detail(detail)
        return []
    }
}
