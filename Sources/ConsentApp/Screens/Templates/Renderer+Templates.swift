import ConsentModel
import Foundation
import TerminalKit

/// The agreement templates screen.
extension Renderer {
    static func drawTemplates(_ buffer: inout ScreenBuffer, _ state: AppState, selection: Int) {
        drawTitle(&buffer, state, tr("templates.title"))
        let summary = TemplateSummary(state.catalog, required: state.profile.policy.requiredAgreementType, on: state.today)
        buffer.put(" " + summary.requirement, x: 0, y: 1, role: .dim)
        // Wide enough for every state ("upcoming, from 2026-12-01" is cut nowhere).
        let stateWidth = max(18, summary.rows.map(\.state.displayWidth).max() ?? 0)
        let header = " " + tr("field.agreementType").padded(toWidth: 30) + " " + tr("field.versionRank").padded(toWidth: 8)
            + " " + tr("col.state").padded(toWidth: stateWidth) + " " + tr("field.templateId")
        buffer.fill(x: 0, y: 2, width: buffer.width, height: 1, role: .header)
        buffer.put(header, x: 0, y: 2, role: .header)
        for (index, t) in summary.rows.enumerated() {
            let line = " " + t.agreementType.padded(toWidth: 30) + " " + t.versionRank.padded(toWidth: 8)
                + " " + t.state.padded(toWidth: stateWidth) + " " + t.templateId
            let role: StyleRole = index == selection ? .selected : t.retired ? .dim : .normal
            if index == selection { buffer.fill(x: 0, y: 3 + index, width: buffer.width, height: 1, role: role) }
            buffer.put(line, x: 0, y: 3 + index, role: role)
        }
    }
}
