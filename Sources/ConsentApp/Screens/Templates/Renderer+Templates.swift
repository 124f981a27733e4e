import ConsentModel
import Foundation
import TerminalKit

/// The agreement templates screen.
extension Renderer {
    static func drawTemplates(_ buffer: inout ScreenBuffer, _ state: AppState, selection: Int) {
        drawTitle(&buffer, state, tr("templates.title"))
        let required = state.profile.policy.requiredAgreementType
        buffer.put(" " + tr("templates.required", safe(required.displayName)), x: 0, y: 1, role: .dim)
        let header = " " + tr("field.agreementType").padded(toWidth: 30) + " " + tr("field.versionRank").padded(toWidth: 8)
            + " " + tr("col.state").padded(toWidth: 18) + " " + tr("field.templateId")
        buffer.fill(x: 0, y: 2, width: buffer.width, height: 1, role: .header)
        buffer.put(header, x: 0, y: 2, role: .header)
        for (index, t) in state.catalog.templates.enumerated() {
            let stateText = TemplateState(t, in: state.catalog, required: required, on: state.today).description
            let line = " " + safe(t.agreementType.displayName).padded(toWidth: 30) + " " + String(t.versionRank).padded(toWidth: 8)
                + " " + stateText.padded(toWidth: 18) + " " + safe(t.templateId)
            let role: StyleRole = index == selection ? .selected : t.retired ? .dim : .normal
            if index == selection { buffer.fill(x: 0, y: 3 + index, width: buffer.width, height: 1, role: role) }
            buffer.put(line, x: 0, y: 3 + index, role: role)
        }
    }
}
