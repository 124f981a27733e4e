import ConsentModel
import Foundation
import TerminalKit

extension Renderer {
    /// The customer detail: the model's `CustomerSummary` (the same one `show` prints),
    /// coloured by tone.
    static func detailLines(_ state: AppState, _ detail: DetailState) -> [(String, StyleRole)] {
        guard let index = state.indexByTenant[detail.tenantId] else { return [(tr("app.loading"), .dim)] }
        let customer = detail.customer ?? state.rows[index].customer
        let summary = CustomerSummary(customer, evaluator: state.evaluator, today: state.today,
                                      subscriptionsLoaded: detail.customer != nil,
                                      history: detail.customer == nil ? nil : detail.history)
        return summary.lines { $0.padded(toWidth: $1) }.map { ($0.text, role(of: $0.tone)) }
    }

    /// The style a summary tone is drawn in.
    static func role(of tone: SummaryTone) -> StyleRole {
        switch tone {
        case .plain: return .normal
        case .title: return .title
        case .heading: return .header
        case .good: return .confirmed
        case .warning: return .warning
        case .bad: return .blocked
        case .outdated: return .outdated
        case .accent: return .accent
        case .dim: return .dim
        }
    }

    static func drawDetail(_ buffer: inout ScreenBuffer, _ state: AppState, _ detail: DetailState) {
        drawTitle(&buffer, state, partnerTitle(state))
        let lines = wrapped(detailLines(state, detail), width: buffer.width - 2, indent: 23)
        let height = buffer.height - 3
        let scroll = min(detail.scroll, max(0, lines.count - height))
        for (offset, line) in lines.dropFirst(scroll).prefix(height).enumerated() {
            buffer.put(line.0, x: 1, y: 1 + offset, role: line.1, maxWidth: buffer.width - 2)
        }
    }

    /// Long lines wrapped, continuation lines indented under the value column.
    static func wrapped(_ lines: [(String, StyleRole)], width: Int, indent: Int) -> [(String, StyleRole)] {
        var out: [(String, StyleRole)] = []
        for (text, role) in lines {
            guard text.displayWidth > width, width > indent + 10 else { out.append((text, role)); continue }
            let first = wrap(text, width: width)
            out.append((first[0], role))
            let rest = first.dropFirst().joined(separator: " ")
            for part in wrap(rest, width: width - indent) { out.append((String(repeating: " ", count: indent) + part, role)) }
        }
        return out
    }
}
