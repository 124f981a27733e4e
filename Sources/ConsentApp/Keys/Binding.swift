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

    public init(keys: [Key], action: Action, contexts: [KeyContext], inStatusBar: Bool, dangerous: Bool = false) {
        self.keys = keys
        self.action = action
        self.contexts = contexts
        self.inStatusBar = inStatusBar
        self.dangerous = dangerous
    }

    /// What the action does, in a few words (status bar, help).
    public var label: String { tr("action.\(action.rawValue)") }
    /// What the action does, in a sentence (help, README).
    public var longHelp: String { tr("actionHelp.\(action.rawValue)") }
    /// "c" or "↑/k".
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}
