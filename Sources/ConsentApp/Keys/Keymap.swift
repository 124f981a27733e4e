import ConsentModel
import TerminalKit

/// The one keymap: key handling, the status bar, the help screen and the README's key
/// table all read it. Yes/no questions, filter editing and form keys are bindings too.
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
        Binding(keys: [.character("e")], action: .editCustomer, contexts: [.list, .detail], inStatusBar: false, statusBarIn: [.detail]),
        Binding(keys: [.character("w")], action: .withdraw, contexts: [.list, .detail], inStatusBar: false, dangerous: true, statusBarIn: [.detail]),
        Binding(keys: [.character("r")], action: .request, contexts: [.list, .detail], inStatusBar: false, statusBarIn: [.detail]),
        Binding(keys: [.character("x")], action: .voidEvent, contexts: [.detail], inStatusBar: true, dangerous: true),
        Binding(keys: [.character("p")], action: .profile, contexts: [.list, .welcome], inStatusBar: false),
        Binding(keys: [.character("t")], action: .templates, contexts: [.list], inStatusBar: false),
        Binding(keys: [.character("R")], action: .resellers, contexts: [.list, .welcome], inStatusBar: false),
        Binding(keys: [.character("d")], action: .loadDemo, contexts: [.welcome], inStatusBar: true),
        Binding(keys: [.character("a")], action: .addTemplate, contexts: [.templates], inStatusBar: true),
        Binding(keys: [.character("x")], action: .retireTemplate, contexts: [.templates], inStatusBar: true, dangerous: true),
        Binding(keys: [.up, .character("k")], action: .up, contexts: [.list, .detail, .templates, .help], inStatusBar: false),
        Binding(keys: [.down, .character("j")], action: .down, contexts: [.list, .detail, .templates, .help], inStatusBar: false),
        Binding(keys: [.pageUp], action: .pageUp, contexts: [.list, .detail, .help], inStatusBar: false),
        Binding(keys: [.pageDown], action: .pageDown, contexts: [.list], inStatusBar: false),
        Binding(keys: [.pageDown, .character(" ")], action: .pageDown, contexts: [.detail, .help], inStatusBar: false),
        Binding(keys: [.home, .character("g")], action: .top, contexts: [.list, .detail], inStatusBar: false),
        Binding(keys: [.end, .character("G")], action: .bottom, contexts: [.list, .detail], inStatusBar: false),
        Binding(keys: [.enter], action: .acceptFilter, contexts: [.filter], inStatusBar: true),
        Binding(keys: [.escape], action: .clearFilter, contexts: [.filter], inStatusBar: true),
        // While typing a filter, letters type; only the arrows and page keys move the cursor.
        Binding(keys: [.up], action: .up, contexts: [.filter], inStatusBar: false),
        Binding(keys: [.down], action: .down, contexts: [.filter], inStatusBar: false),
        Binding(keys: [.pageUp], action: .pageUp, contexts: [.filter], inStatusBar: false),
        Binding(keys: [.pageDown], action: .pageDown, contexts: [.filter], inStatusBar: false),
        Binding(keys: [.escape], action: .clearFilter, contexts: [.list], inStatusBar: false),
        Binding(keys: [.tab, .down], action: .nextField, contexts: [.form], inStatusBar: true),
        Binding(keys: [.backTab, .up], action: .previousField, contexts: [.form], inStatusBar: false),
        Binding(keys: [.enter], action: .advance, contexts: [.form], inStatusBar: false),
        Binding(keys: [.control("s"), .function(2)], action: .save, contexts: [.form], inStatusBar: true),
        Binding(keys: [.character(" "), .right], action: .cycleChoice, contexts: [.form], inStatusBar: false),
        Binding(keys: [.left], action: .previousChoice, contexts: [.form], inStatusBar: false),
        Binding(keys: [.escape], action: .cancel, contexts: [.form], inStatusBar: true),
        Binding(keys: [.character("y"), .character("Y")], action: .yes, contexts: [.question], inStatusBar: true),
        Binding(keys: [.character("n"), .character("N")], action: .no, contexts: [.question], inStatusBar: true),
        Binding(keys: [.escape], action: .cancel, contexts: [.question], inStatusBar: true),
        Binding(keys: [.escape, .character("h")], action: .back, contexts: [.detail, .help, .templates], inStatusBar: true),
        Binding(keys: [.character("?")], action: .help, contexts: [.list, .detail, .templates, .welcome], inStatusBar: true),
        Binding(keys: [.character("q"), .control("c")], action: .quit, contexts: [.list, .detail, .help, .templates, .welcome], inStatusBar: true),
        Binding(keys: [.control("c")], action: .quit, contexts: [.form, .filter], inStatusBar: false),
        // Notes, the activity log and evidence packs (issue 15).
        Binding(keys: [.character("n")], action: .note, contexts: [.list, .detail], inStatusBar: false),
        Binding(keys: [.character("L")], action: .activityLog, contexts: [.list, .detail], inStatusBar: false),
        Binding(keys: [.character("E")], action: .evidencePack, contexts: [.detail], inStatusBar: false),
        Binding(keys: [.character("/"), .character("f")], action: .logFilter, contexts: [.log], inStatusBar: true),
        Binding(keys: [.escape, .character("h")], action: .back, contexts: [.log], inStatusBar: true),
        Binding(keys: [.up, .character("k")], action: .up, contexts: [.log], inStatusBar: false),
        Binding(keys: [.down, .character("j")], action: .down, contexts: [.log], inStatusBar: false),
        Binding(keys: [.pageUp], action: .pageUp, contexts: [.log], inStatusBar: false),
        Binding(keys: [.pageDown, .character(" ")], action: .pageDown, contexts: [.log], inStatusBar: false),
        Binding(keys: [.home, .character("g")], action: .top, contexts: [.log], inStatusBar: false),
        Binding(keys: [.end, .character("G")], action: .bottom, contexts: [.log], inStatusBar: false),
        Binding(keys: [.character("?")], action: .help, contexts: [.log], inStatusBar: true),
        Binding(keys: [.character("q"), .control("c")], action: .quit, contexts: [.log], inStatusBar: true),
        // The resellers screen; the first and last line of the templates list.
        Binding(keys: [.character("a")], action: .addReseller, contexts: [.resellers], inStatusBar: true),
        Binding(keys: [.character("e")], action: .editReseller, contexts: [.resellers], inStatusBar: true),
        Binding(keys: [.character("x")], action: .removeReseller, contexts: [.resellers], inStatusBar: true, dangerous: true),
        Binding(keys: [.up, .character("k")], action: .up, contexts: [.resellers], inStatusBar: false),
        Binding(keys: [.down, .character("j")], action: .down, contexts: [.resellers], inStatusBar: false),
        Binding(keys: [.home, .character("g")], action: .top, contexts: [.templates, .resellers], inStatusBar: false),
        Binding(keys: [.end, .character("G")], action: .bottom, contexts: [.templates, .resellers], inStatusBar: false),
        Binding(keys: [.escape, .character("h")], action: .back, contexts: [.resellers], inStatusBar: true),
        Binding(keys: [.character("?")], action: .help, contexts: [.resellers], inStatusBar: true),
        Binding(keys: [.character("q"), .control("c")], action: .quit, contexts: [.resellers], inStatusBar: true),
        // Follow-ups, the reseller filter, marks and bulk work (issue 15).
        Binding(keys: [.character("W")], action: .viewWaiting, contexts: [.list], inStatusBar: false),
        Binding(keys: [.character("U")], action: .viewRenewing, contexts: [.list], inStatusBar: false),
        Binding(keys: [.character("F")], action: .cycleReseller, contexts: [.list], inStatusBar: false),
        Binding(keys: [.character(" ")], action: .mark, contexts: [.list], inStatusBar: false),
        Binding(keys: [.character("M")], action: .markAllShown, contexts: [.list], inStatusBar: false),
        Binding(keys: [.character("u")], action: .clearMarks, contexts: [.list], inStatusBar: false),
        Binding(keys: [.character("X")], action: .exportMarked, contexts: [.list], inStatusBar: false),
    ]

    /// The binding of `key` in `context`.
    public static func binding(for key: Key, in context: KeyContext) -> Binding? {
        bindings.first { $0.contexts.contains(context) && $0.keys.contains(key) }
    }

    /// The action `key` asks for in `context`.
    public static func action(for key: Key, in context: KeyContext) -> Action? {
        binding(for: key, in: context)?.action
    }

    /// Whether `action` is dangerous (asks first) wherever it is bound.
    public static func isDangerous(_ action: Action) -> Bool {
        bindings.contains { $0.action == action && $0.dangerous }
    }

    /// Where the width allows, the status bar also shows these keys of the context, most
    /// useful first, after its own (a wider terminal shows more; 80 columns keeps the bar as
    /// it is). Each must be bound in that context.
    public static let statusBarExtras: [KeyContext: [Action]] = [
        .list: [.request, .withdraw, .note, .viewWaiting, .activityLog, .viewRenewing, .cycleReseller, .templates,
                .profile, .resellers, .addCustomer, .sortNext, .mark],
        .detail: [.note, .activityLog, .evidencePack],
    ]

    /// The bindings shown in the status bar for `context`, in order.
    public static func statusBar(_ context: KeyContext) -> [Binding] {
        bindings.filter { ($0.inStatusBar || $0.statusBarIn.contains(context)) && $0.contexts.contains(context) }
    }

    /// The help: each context with all its bindings.
    public static func helpSections() -> [(context: KeyContext, bindings: [Binding])] {
        [KeyContext.list, .filter, .detail, .form, .question, .templates, .resellers, .welcome, .log].map { context in
            (context, bindings.filter { $0.contexts.contains(context) })
        }
    }
}
