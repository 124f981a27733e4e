import ConsentModel
import ConsentStore
import TerminalKit

/// Keys while typing a filter: the filter bindings, then the text field.
extension AppState {
    mutating func handleFilter(_ key: Key) -> [Effect] {
        switch Keymap.action(for: key, in: .filter) {
        case .acceptFilter:
            filtering = false
        case .clearFilter:
            filtering = false
            list.clearFilter()
            return listQueryChanged()
        case .quit:
            quitting = true
            return [.quit]
        case .some(let action):
            // Moving the cursor while the filter stays open.
            return handleList(action)
        case nil:
            if list.editFilter(key) { return listQueryChanged() }
        }
        return []
    }
}
