import ConsentModel
import TerminalKit

/// The detail's history as a selectable list (newest first): ↑/↓ move the selection, the
/// void key acts on the selected entry.
extension AppState {
    /// The history entry selected in the detail, if the detail shows one.
    public var selectedHistoryEntry: HistoryEntry? {
        guard case .detail(let detail) = screen, detail.customer != nil, let seq = detail.selectedSeq else { return nil }
        return detail.history.first { $0.seq == seq }
    }

    /// The end of the history a selection jumps to.
    enum HistoryEnd { case first, last }

    /// Selects the first (newest) or last (oldest) entry of the history as shown.
    mutating func selectHistory(at end: HistoryEnd, in detail: inout DetailState) {
        let shown = detail.history.reversed().map(\.seq)
        flash = nil
        detail.selectedSeq = end == .first ? shown.first : shown.last
    }

    /// Moves the selection `step` entries down the history as shown (newest first); the
    /// first move selects the newest entry. The selected line is scrolled into view.
    mutating func selectHistory(by step: Int, in detail: inout DetailState) {
        let shown = detail.history.reversed().map(\.seq)
        guard !shown.isEmpty else { return }
        flash = nil
        if let seq = detail.selectedSeq, let index = shown.firstIndex(of: seq) {
            detail.selectedSeq = shown[min(max(0, index + step), shown.count - 1)]
        } else {
            detail.selectedSeq = shown[0]
        }
        guard let seq = detail.selectedSeq, let line = Renderer.historyLine(of: seq, in: self, detail) else { return }
        let visible = Renderer.detailHeight(height)
        if line < detail.scroll { detail.scroll = line }
        if line >= detail.scroll + visible { detail.scroll = line - visible + 1 }
    }
}
