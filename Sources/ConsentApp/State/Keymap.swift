import ConsentModel
import TerminalKit

/// Where the user is, which decides what keys do.
public enum KeyContext: String, CaseIterable, Sendable {
    case list, filter, detail, form, help, templates, welcome
}

/// Everything a key can ask for.
public enum Action: String, Sendable, CaseIterable {
    case quit, help, back
    case up, down, pageUp, pageDown, top, bottom
    case open, filter, clearFilter, viewAll, viewBlocked, viewOutdated, sortNext, sortReverse
    case confirm, addCustomer, editCustomer, withdraw, request, profile, templates, loadDemo
    case nextField, previousField, save, cancel, cycleChoice
    case addTemplate, retireTemplate, addReseller
    case acceptFilter
}

/// One binding: a key doing an action in a context, with its label key in the catalog.
public struct Binding: Sendable {
    public let keys: [Key]
    public let action: Action
    public let contexts: [KeyContext]
    /// Shown in the status bar (in this order) as well as in the help.
    public let inStatusBar: Bool

    /// What the action does, in the user's language.
    public var label: String { tr("action.\(action.rawValue)") }
    /// "c" or "↑/k".
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}

/// The one keymap: key handling, the status bar and the help screen all read it.
public enum Keymap {
    public static let bindings: [Binding] = [
        Binding(keys: [.enter], action: .open, contexts: [.list], inStatusBar: true),
        Binding(keys: [.character("/")], action: .filter, contexts: [.list], inStatusBar: true),
        Binding(keys: [.character("c")], action: .confirm, contexts: [.list, .detail], inStatusBar: true),
        Binding(keys: [.character("b")], action: .viewBlocked, contexts: [.list], inStatusBar: true),
        Binding(keys: [.character("o")], action: .viewOutdated, contexts: [.list], inStatusBar: false),
        Binding(keys: [.character("v")], action: .viewAll, contexts: [.list], inStatusBar: false),
        Binding(keys: [.character("s")], action: .sortNext, contexts: [.list], inStatusBar: false),
        Binding(keys: [.character("S")], action: .sortReverse, contexts: [.list], inStatusBar: false),
        Binding(keys: [.character("a")], action: .addCustomer, contexts: [.list, .welcome], inStatusBar: false),
        Binding(keys: [.character("e")], action: .editCustomer, contexts: [.list, .detail], inStatusBar: false),
        Binding(keys: [.character("w")], action: .withdraw, contexts: [.list, .detail], inStatusBar: false),
        Binding(keys: [.character("r")], action: .request, contexts: [.list, .detail], inStatusBar: false),
        Binding(keys: [.character("p")], action: .profile, contexts: [.list, .welcome], inStatusBar: false),
        Binding(keys: [.character("t")], action: .templates, contexts: [.list], inStatusBar: false),
        Binding(keys: [.character("R")], action: .addReseller, contexts: [.list, .welcome], inStatusBar: false),
        Binding(keys: [.character("d")], action: .loadDemo, contexts: [.welcome], inStatusBar: true),
        Binding(keys: [.character("a")], action: .addTemplate, contexts: [.templates], inStatusBar: true),
        Binding(keys: [.character("x")], action: .retireTemplate, contexts: [.templates], inStatusBar: true),
        Binding(keys: [.up, .character("k")], action: .up, contexts: [.list, .detail, .templates, .help], inStatusBar: false),
        Binding(keys: [.down, .character("j")], action: .down, contexts: [.list, .detail, .templates, .help], inStatusBar: false),
        Binding(keys: [.pageUp], action: .pageUp, contexts: [.list, .detail, .help], inStatusBar: false),
        Binding(keys: [.pageDown, .character(" ")], action: .pageDown, contexts: [.list, .detail, .help], inStatusBar: false),
        Binding(keys: [.home, .character("g")], action: .top, contexts: [.list, .detail], inStatusBar: false),
        Binding(keys: [.end, .character("G")], action: .bottom, contexts: [.list, .detail], inStatusBar: false),
        Binding(keys: [.enter], action: .acceptFilter, contexts: [.filter], inStatusBar: true),
        Binding(keys: [.escape], action: .clearFilter, contexts: [.filter], inStatusBar: true),
        Binding(keys: [.escape], action: .clearFilter, contexts: [.list], inStatusBar: false),
        Binding(keys: [.tab, .down], action: .nextField, contexts: [.form], inStatusBar: true),
        Binding(keys: [.backTab, .up], action: .previousField, contexts: [.form], inStatusBar: false),
        Binding(keys: [.control("s"), .function(2)], action: .save, contexts: [.form], inStatusBar: true),
        Binding(keys: [.character(" ")], action: .cycleChoice, contexts: [.form], inStatusBar: false),
        Binding(keys: [.escape], action: .cancel, contexts: [.form], inStatusBar: true),
        Binding(keys: [.escape, .character("h")], action: .back, contexts: [.detail, .help, .templates], inStatusBar: true),
        Binding(keys: [.character("?")], action: .help, contexts: [.list, .detail, .templates, .welcome], inStatusBar: true),
        Binding(keys: [.character("q"), .control("c")], action: .quit, contexts: [.list, .detail, .help, .templates, .welcome], inStatusBar: true),
        Binding(keys: [.control("c")], action: .quit, contexts: [.form, .filter], inStatusBar: false),
    ]

    /// The action `key` asks for in `context`.
    public static func action(for key: Key, in context: KeyContext) -> Action? {
        bindings.first { $0.contexts.contains(context) && $0.keys.contains(key) }?.action
    }

    /// The bindings shown in the status bar for `context`, in order.
    public static func statusBar(_ context: KeyContext) -> [Binding] {
        bindings.filter { $0.inStatusBar && $0.contexts.contains(context) }
    }

    /// The help: each context with all its bindings.
    public static func helpSections() -> [(context: KeyContext, bindings: [Binding])] {
        [KeyContext.list, .filter, .detail, .form, .templates, .welcome].map { context in
            (context, bindings.filter { $0.contexts.contains(context) })
        }
    }
}
