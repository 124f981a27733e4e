import ConsentStore
import TerminalKit

extension AppState {
    /// Opens the list window at the list's height: its first read (page and counts).
    public mutating func openListWindow() -> [Effect] {
        window = ListWindow(height: listHeight)
        return readingList(window.reload())
    }

    /// The effect for a window read, if the window asked for one; answered at once when
    /// the state reads inline (`inlineStore`).
    mutating func readingList(_ read: ListRead?) -> [Effect] {
        guard let read else { return [] }
        if let store = inlineStore {
            do {
                window.apply(try read.run(on: store))
            } catch {
                flash = Flash(text: error.description, role: .error)
            }
            return []
        }
        return [.readList(read)]
    }

    /// Whether `key` acts on the customer under the list's cursor (opens it, or a form for
    /// it, marks it or the rows shown): such a key waits for a pending list read in the runner.
    func actsOnSelection(_ key: Key) -> Bool {
        guard modal == nil, case .list = screen, !filtering || key == .enter,
              let action = Keymap.action(for: key, in: keyContext) else { return false }
        return [.open, .note, .mark, .markAllShown].contains(action) || action.customerAction != nil
    }

    /// The filter, view or sort changed: the window reads the new query, its cursor
    /// following the selected customer.
    mutating func listQueryChanged() -> [Effect] {
        readingList(window.change(to: followUpQuery))
    }
}
