import ConsentModel
import Foundation
import TerminalKit

extension Renderer {
    /// The customer detail: the model's `CustomerSummary` (the same one `show` prints),
    /// coloured by tone.
    static func detailLines(_ state: AppState, _ detail: DetailState) -> [(String, StyleRole)] {
        // Until its own read answers, the row the list held.
        guard let customer = detail.customer ?? state.row(detail.tenantId)?.customer else { return [(tr("app.loading"), .dim)] }
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
        // The selected history entry, with the lines it wraps onto.
        var selected = 0..<0
        if let start = detail.selectedSeq.flatMap({ historyLine(of: $0, in: lines) }) {
            let continuation = String(repeating: " ", count: 23)
            let end = lines[(start + 1)...].firstIndex { !$0.0.hasPrefix(continuation) || $0.0.allSatisfy { $0 == " " } } ?? lines.count
            selected = start..<end
        }
        for (offset, line) in lines.dropFirst(scroll).prefix(height).enumerated() {
            let role = selected.contains(scroll + offset) ? StyleRole.selected : line.1
            if role == .selected { buffer.fill(x: 1, y: 1 + offset, width: buffer.width - 2, height: 1, role: role) }
            buffer.put(line.0, x: 1, y: 1 + offset, role: role, maxWidth: buffer.width - 2)
        }
    }

    /// The line of the detail (as drawn, wrapped) where history entry `seq` starts.
    static func historyLine(of seq: Int64, in state: AppState, _ detail: DetailState) -> Int? {
        historyLine(of: seq, in: wrapped(detailLines(state, detail), width: state.width - 2, indent: 23))
    }

    static func historyLine(of seq: Int64, in lines: [(String, StyleRole)]) -> Int? {
        let mark = "#\(seq) "
        return lines.firstIndex { $0.0.drop { $0 == " " }.hasPrefix(mark) }
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
