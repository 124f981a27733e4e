import ConsentModel

extension Keymap {
    /// Whether `action` can be done now in `state`, and why not (lazygit's disabled reason):
    /// the status bar dims an unavailable key and pressing it says the reason instead of
    /// opening a form that cannot be saved.
    public static func availability(of action: Action, in state: AppState) -> Availability {
        if action == .voidEvent { return ConsentRules.voidAvailability(of: state.selectedHistoryEntry) }
        if let marks = markAvailability(of: action, in: state) { return marks }
        guard let customerAction = action.customerAction, let row = state.focusedRow else { return .available }
        return customerAction.availability(for: row.customer, status: row.status)
    }

    /// The status bar's bindings in `state`: a binding that would show nothing new gives way
    /// to the one that does (in the blocked view, `b` gives way to `v` Show all).
    public static func statusBar(for state: AppState) -> [Binding] {
        statusBar(state.keyContext).map { binding in
            if binding.action == .viewBlocked, state.view == .blocked,
               let all = bindings.first(where: { $0.action == .viewAll && $0.contexts.contains(state.keyContext) }) {
                return all
            }
            return binding
        }
    }
}
