import ConsentModel
import TerminalKit

/// A paste (the terminal's bracketed paste): text for the focused text field, never keys.
/// No key in it acts, no line break in it submits, no question takes it as an answer.
extension AppState {
    mutating func paste(_ text: String) -> [Effect] {
        // Nothing typed changes a form that is being saved.
        guard saving == nil else { return [] }
        let line = UntrustedText.pastedLine(text)
        if case .form(var form) = modal {
            guard form.fields[form.focus].acceptsText else {
                form.message = tr("app.pasteIgnored")
                modal = .form(form)
                return []
            }
            modal = nil // the form is changed in place, not copied with every paste
            form.type(line)
            modal = .form(form)
            return []
        }
        // A question is answered by a key pressed after it was asked, never by a paste.
        guard modal == nil else { return [] }
        if keyContext == .filter {
            return list.pasteIntoFilter(line) ? listQueryChanged() : []
        }
        flash = Flash(text: tr("app.pasteIgnored"), role: .warning)
        return []
    }
}
