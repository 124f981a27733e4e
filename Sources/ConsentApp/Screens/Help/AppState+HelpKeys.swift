import ConsentModel

/// What the help screen does with an action: it scrolls.
extension AppState {
    mutating func handleHelp(_ action: Action, _ scroll: Int) -> [Effect] {
        let step = action == .down ? 1 : action == .up ? -1 : action == .pageDown ? height - 3 : action == .pageUp ? 3 - height : 0
        screen = .help(scroll: max(0, scroll + step))
        return []
    }
}
