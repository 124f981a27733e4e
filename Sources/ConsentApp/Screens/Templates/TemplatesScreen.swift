import ConsentModel
import ConsentStore
import TerminalKit

/// The agreement templates: the catalogue with each template's state; `a` adds one (a form),
/// `x` retires the selected one (dangerous: asks first).
struct TemplatesScreen: ScreenRoom {
    var selection: Int

    var context: KeyContext { .templates }

    func handle(_ action: Action, app: inout AppState) -> [Effect] {
        let count = app.catalog.templates.count
        switch action {
        case .up: app.screen = .room(TemplatesScreen(selection: max(0, selection - 1)))
        case .down: app.screen = .room(TemplatesScreen(selection: min(max(0, count - 1), selection + 1)))
        case .top: app.screen = .room(TemplatesScreen(selection: 0))
        case .bottom: app.screen = .room(TemplatesScreen(selection: max(0, count - 1)))
        case .retireTemplate:
            guard selection < count, !app.catalog.templates[selection].retired else { return [] }
            let id = app.catalog.templates[selection].templateId
            app.modal = .dangerous(DangerousChange(action: .retireTemplate, consequence: tr("modal.retire", UntrustedText.escaped(id)),
                                                   command: .retireTemplate(templateId: id), expecting: nil,
                                                   done: .templateRetired(templateId: id), changesPolicy: true, form: nil))
        default: break
        }
        return []
    }

    func draw(_ buffer: inout ScreenBuffer, _ app: AppState) {
        Renderer.drawTemplates(&buffer, app, selection: selection)
    }
}
