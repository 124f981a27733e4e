import ConsentModel
import TerminalKit

/// The welcome screen of an empty store.
extension Renderer {
    static func drawWelcome(_ buffer: inout ScreenBuffer, _ state: AppState) {
        drawTitle(&buffer, state, partnerTitle(state))
        drawCentered(&buffer, [
            (tr("welcome.title"), .title),
            ("", .normal),
            (tr("welcome.empty"), .normal),
            ("", .normal),
            ("d  " + tr("welcome.demo"), .accent),
            ("a  " + tr("action.addCustomer"), .normal),
            ("p  " + tr("welcome.profile"), .normal),
            ("", .normal),
        ] + wrap(tr("welcome.userId"), width: max(20, min(72, buffer.width - 4))).map { ($0, StyleRole.accent) } + [
            ("", .normal),
            (tr("welcome.import"), .dim),
            ("  consentdesk import FILE --store " + safe(state.storePath), .dim),
        ])
    }
}
