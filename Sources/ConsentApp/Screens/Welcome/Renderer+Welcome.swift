import ConsentModel
import TerminalKit

/// The welcome screen of an empty store.
extension Renderer {
    static func drawWelcome(_ buffer: inout ScreenBuffer, _ state: AppState) {
        drawTitle(&buffer, state, partnerTitle(state))
        // Once the profile is saved the screen says so, and the user id reminder goes when it is set.
        let profile = state.profile
        let profileLine = profile.name.isEmpty ? tr("welcome.profile") : tr("welcome.profileSet", safe(profile.name))
        let reminder = profile.defaultUserId.isEmpty
            ? wrap(tr("welcome.userId"), width: max(20, min(72, buffer.width - 4))).map { ($0, StyleRole.accent) } + [("", .normal)]
            : []
        drawCentered(&buffer, [
            (tr("welcome.title"), .title),
            ("", .normal),
            (tr("welcome.empty"), .normal),
            ("", .normal),
            ("d  " + tr("welcome.demo"), .accent),
            ("a  " + tr("action.addCustomer"), .normal),
            ("p  " + profileLine, .normal),
            ("", .normal),
        ] + reminder + [
            (tr("welcome.import"), .dim),
            ("  consentdesk import FILE --store " + safe(state.storePath), .dim),
        ])
    }
}
