import ConsentModel
import ConsentStore
import TerminalKit

/// A screen that keeps its own state, keys and view in its own folder (like a gitui
/// component or a lazygit context). The app holds it in `Screen.room` and dispatches to it,
/// so adding one is its folder plus one line in `ScreenRegistry` (and its bindings in
/// `Keymap` under its own `KeyContext`).
public protocol ScreenRoom: Sendable {
    /// Where this screen's keys are looked up in the keymap.
    var context: KeyContext { get }
    /// What `action` does here. A screen changes its own state by putting a new value of
    /// itself in `app.screen`; it may also open a modal or go elsewhere.
    func handle(_ action: Action, app: inout AppState) -> [Effect]
    /// Draws the screen above the message line and the status bar.
    func draw(_ buffer: inout ScreenBuffer, _ app: AppState)
    /// What the screen asks for as it opens (a first read); none by default.
    func opening(app: inout AppState) -> [Effect]
    /// What the screen reads again when the store changed (another desk's write or our
    /// own save); nothing by default.
    func storeChanged(app: inout AppState) -> [Effect]
    /// The answer to a `RoomRead` this screen asked for (`Effect.read`): the screen keeps
    /// it when `request` is its newest; nothing by default.
    func received(_ answer: any Sendable, request: Int, app: inout AppState) -> [Effect]
}

extension ScreenRoom {
    public func opening(app: inout AppState) -> [Effect] { [] }
    public func storeChanged(app: inout AppState) -> [Effect] { [] }
    public func received(_ answer: any Sendable, request: Int, app: inout AppState) -> [Effect] { [] }
}

/// Which action opens which screen: the one registration line a new screen adds.
enum ScreenRegistry {
    static func screen(for action: Action, in state: AppState) -> (any ScreenRoom)? {
        switch action {
        case .help: return HelpScreen(scroll: 0)
        case .templates: return TemplatesScreen(selection: 0)
        case .activityLog: return LogScreen(query: ActivityQuery(limit: LogScreen.pageSize))
        case .resellers: return ResellersScreen(selection: 0)
        default: return nil
        }
    }
}
