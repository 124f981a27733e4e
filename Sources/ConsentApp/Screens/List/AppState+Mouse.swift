import ConsentModel
import TerminalKit

/// The mouse, where the terminal reports it: a click selects a list row, a double click
/// opens it, the wheel scrolls the list and the detail. Every one of these has a key too;
/// over a form, a question or the filter the mouse does nothing.
extension AppState {
    /// How many rows a turn of the wheel moves.
    static let wheelStep = 3

    mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
        guard modal == nil, !filtering else { return [] }
        switch screen {
        case .list:
            guard keyContext == .list else { return [] }
            switch event.kind {
            case .wheelUp: return readingList(window.move(by: -Self.wheelStep))
            case .wheelDown: return readingList(window.move(by: Self.wheelStep))
            case .click, .doubleClick:
                // A click picks the customer drawn on that line. While a read is pending the
                // screen may still show the previous page, so the click is not taken then
                // (reads take milliseconds): it could land on another customer.
                guard !window.reading else { return [] }
                // The rows start below the title, the counts and the column header.
                let line = event.y - 3
                let position = window.shownStart + line
                guard line >= 0, line < listHeight, let total = shownCount, position < total,
                      window.row(at: position) != nil else { return [] }
                let effects = readingList(window.move(by: position - selection))
                if event.kind == .doubleClick { return effects + handleList(.open) }
                return effects
            }
        case .detail:
            guard event.kind == .wheelUp || event.kind == .wheelDown else { return [] }
            var effects: [Effect] = []
            for _ in 0..<Self.wheelStep {
                if case .detail(let current) = screen { effects += handleDetail(event.kind == .wheelUp ? .up : .down, current) }
            }
            return effects
        case .room:
            return []
        }
    }
}
