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

    /// The keys the status bar adds where the width allows (`statusBarExtras`), those not in
    /// `bar` (the bar's own bindings) already; none while customers are marked (the bar is
    /// about them then).
    public static func statusBarExtras(for state: AppState, beside bar: [Binding]) -> [Binding] {
        let context = state.keyContext
        guard context != .list || state.marked.isEmpty else { return [] }
        let shown = Set(bar.map(\.action))
        return (statusBarExtras[context] ?? []).compactMap { action in
            shown.contains(action) ? nil : bindings.first { $0.action == action && $0.contexts.contains(context) }
        }
    }

    /// The status bar's bindings in `state`: a binding that would show nothing new gives way
    /// to the one that does (in the blocked view, `b` gives way to `v` Show all).
    /// With customers marked, the list's bar offers what is done to them (request, export,
    /// clear) right after its first key.
    public static func statusBar(for state: AppState) -> [Binding] {
        let context = state.keyContext
        func binding(_ action: Action) -> Binding? {
            bindings.first { $0.action == action && $0.contexts.contains(context) }
        }
        var bar = statusBar(context).map { shown in
            if shown.action == .viewBlocked, state.view == .blocked, let all = binding(.viewAll) { return all }
            return shown
        }
        if context == .list, !state.marked.isEmpty {
            let forMarks = [Action.request, .exportMarked, .clearMarks].compactMap(binding)
            bar.removeAll { forMarks.map(\.action).contains($0.action) }
            bar.insert(contentsOf: forMarks, at: min(1, bar.count))
        }
        return bar
    }
}
