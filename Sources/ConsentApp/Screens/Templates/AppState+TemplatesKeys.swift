import ConsentModel
import ConsentStore
import TerminalKit

/// What the templates screen does with an action (retiring asks first: its binding is dangerous).
extension AppState {
    mutating func handleTemplates(_ action: Action, _ selection: Int) -> [Effect] {
        let count = catalog.templates.count
        switch action {
        case .up: screen = .templates(selection: max(0, selection - 1))
        case .down: screen = .templates(selection: min(max(0, count - 1), selection + 1))
        case .retireTemplate:
            if selection < count, !catalog.templates[selection].retired {
                let id = catalog.templates[selection].templateId
                modal = .dangerous(DangerousChange(action: .retireTemplate, consequence: tr("modal.retire", UntrustedText.escaped(id)),
                                                   command: .retireTemplate(templateId: id), expecting: nil,
                                                   done: .templateRetired(templateId: id), changesPolicy: true, form: nil))
            }
        default: break
        }
        return []
    }
}
