import ConsentModel
import TerminalKit

/// The help screen: every binding of the keymap by context, and what each status means.
struct HelpScreen: ScreenRoom {
    var scroll: Int

    var context: KeyContext { .help }

    func handle(_ action: Action, app: inout AppState) -> [Effect] {
        let page = app.height - 3
        let step = action == .down ? 1 : action == .up ? -1 : action == .pageDown ? page : action == .pageUp ? -page : 0
        // Never scrolled past the last page, so ↑ after the end moves at once.
        let last = max(0, Renderer.helpLines(app, width: app.width - 2).count - page)
        app.screen = .room(HelpScreen(scroll: min(last, max(0, min(scroll, last) + step))))
        return []
    }

    func draw(_ buffer: inout ScreenBuffer, _ app: AppState) {
        Renderer.drawHelp(&buffer, app, scroll: scroll)
    }
}
