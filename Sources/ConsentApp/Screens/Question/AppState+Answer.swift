import ConsentModel
import ConsentStore
import TerminalKit

/// Yes/no questions: their keys are `Keymap` bindings of the `.question` context.
extension AppState {
    /// The answer to a yes/no question (`Keymap`'s question bindings).
    mutating func answer(_ modal: Modal, _ action: Action) -> [Effect] {
        let yes = action == .yes
        guard yes || action == .no || action == .cancel else { return [] }
        switch modal {
        case .form:
            break
        case .discard(let form):
            self.modal = yes ? nil : .form(form)
            if yes && form.suggestsVoid { selectCurrentConfirmation() }
        case .quit(let form):
            if yes {
                quitting = true
                return [.quit]
            }
            self.modal = form.map { .form($0) }
        case .dangerous(let change):
            if yes {
                self.modal = change.form.map { .form($0) }
                if change.changesPolicy { return startPolicySave(change.command, done: change.done) }
                return startSave(change.command, expecting: change.expecting, done: change.done)
            }
            notSaved(keeping: change.form)
        case .confirmImpact(let command, _, let done, let form):
            if yes {
                self.modal = form.map { .form($0) }
                return startSave(command, expecting: nil, done: done)
            }
            notSaved(keeping: form)
        case .loadDemo:
            self.modal = nil
            if yes {
                flash = Flash(text: tr("flash.loadingDemo"), role: .accent)
                return [.loadDemo]
            }
            flash = Flash(text: tr("flash.demoNotLoaded"), role: .accent)
        }
        return []
    }

    /// After no: back to the form with "Nothing was saved", or the message alone.
    mutating func notSaved(keeping form: FormState?) {
        if var form {
            form.message = tr("impact.cancelled")
            modal = .form(form)
        } else {
            modal = nil
            flash = Flash(text: tr("impact.cancelled"), role: .accent)
        }
    }
}
