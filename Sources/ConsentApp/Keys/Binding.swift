import ConsentModel
import TerminalKit

/// One binding: keys doing an action in some contexts, with what it does (short and long
/// help from the catalogue), when it shows, and whether it asks first.
public struct Binding: Sendable {
    public let keys: [Key]
    public let action: Action
    public let contexts: [KeyContext]
    /// Shown in the status bar (in this order) as well as in the help.
    public let inStatusBar: Bool
    /// Changes something that is not simply undone: the app asks first, saying what will
    /// happen (a y/n question with its own bindings).
    public let dangerous: Bool
    /// Contexts whose status bar shows it even though `inStatusBar` is false (the detail
    /// shows its customer actions; the list keeps its own bar).
    public let statusBarIn: [KeyContext]

    public init(keys: [Key], action: Action, contexts: [KeyContext], inStatusBar: Bool, dangerous: Bool = false,
                statusBarIn: [KeyContext] = []) {
        self.keys = keys
        self.action = action
        self.contexts = contexts
        self.inStatusBar = inStatusBar
        self.dangerous = dangerous
        self.statusBarIn = statusBarIn
    }

    /// What the action does, in a few words (status bar, help).
    public var label: String { tr("action.\(action.rawValue)") }
    /// The action in a word or two where the status bar is short of room ("bar.<action>"
    /// in the catalogue), else `label`.
    public var barLabel: String {
        let key = "bar.\(action.rawValue)"
        let short = tr(key)
        return short == key ? label : short
    }
    /// What the action does, in a sentence (help, README).
    public var longHelp: String { tr("actionHelp.\(action.rawValue)") }
    /// "c" or "↑/k".
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}
