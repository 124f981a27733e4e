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
                // The rows start below the title, the counts and the column header.
                let line = event.y - 3
                guard line >= 0, line < listHeight, let total = shownCount, scroll + line < total else { return [] }
                let effects = readingList(window.move(by: scroll + line - selection))
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
