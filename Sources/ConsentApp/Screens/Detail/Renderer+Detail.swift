import ConsentModel
import Foundation
import TerminalKit

extension Renderer {
    /// The customer detail: the model's `CustomerSummary` (the same one `show` prints),
    /// coloured by tone, each line with the column its wrapped text continues at.
    static func detailLines(_ state: AppState, _ detail: DetailState) -> [(String, StyleRole, Int)] {
        // Until its own read answers, the row the list held.
        guard let customer = detail.customer ?? state.row(detail.tenantId)?.customer else { return [(tr("app.loading"), .dim, 0)] }
        let summary = CustomerSummary(customer, evaluator: state.evaluator, today: state.today,
                                      subscriptionsLoaded: detail.customer != nil,
                                      history: detail.customer == nil ? nil : detail.history, reader: .app)
        return summary.layout(pad: { $0.padded(toWidth: $1) }, width: { $0.displayWidth })
            .map { ($0.text, role(of: $0.tone), $0.indent) }
    }

    /// The detail as drawn at `width`: the customer's name (kept on screen while the rest
    /// scrolls) and the body wrapped, each body line with the summary line it comes from.
    /// What another desk changed (after a refused save) comes first.
    static func detailBody(_ state: AppState, _ detail: DetailState, width: Int)
        -> (title: (String, StyleRole), body: [(text: String, role: StyleRole, source: Int)]) {
        let lines = detailLines(state, detail)
        var body: [(String, StyleRole, Int)] = []
        if !detail.changes.isEmpty {
            body.append(("  " + tr("detail.changedByOtherDesk"), .warning, 2))
            body += detail.changes.map { ("    " + $0, .warning, 4) }
        }
        body += lines.dropFirst()
        return (lines.first.map { ($0.0, $0.1) } ?? ("", .normal), wrapped(body, width: width))
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
        let (title, lines) = detailBody(state, detail, width: buffer.width - 2)
        let height = detailHeight(buffer.height)
        let scroll = min(detail.scroll, max(0, lines.count - height))
        // The customer's name stays on the first line; where the body is longer than the
        // screen, which lines are shown, at the right.
        var position = ""
        if lines.count > height {
            position = tr("detail.position", scroll + 1, min(lines.count, scroll + height), lines.count)
                + (scroll + height < lines.count ? " ↓" : "") + (scroll > 0 ? " ↑" : "")
        }
        let nameRoom = buffer.width - 2 - (position.isEmpty ? 0 : position.displayWidth + 2)
        buffer.put(title.0, x: 1, y: 1, role: title.1, maxWidth: max(1, nameRoom))
        if !position.isEmpty { buffer.put(position, x: buffer.width - 1 - position.displayWidth, y: 1, role: .dim) }
        // The selected history entry, with the lines it wraps onto.
        var selected: Set<Int> = []
        if let start = detail.selectedSeq.flatMap({ historyLine(of: $0, in: lines) }) {
            selected = Set(lines.indices.filter { lines[$0].source == lines[start].source })
        }
        for (offset, line) in lines.dropFirst(scroll).prefix(height).enumerated() {
            let role = selected.contains(scroll + offset) ? StyleRole.selected : line.role
            if role == .selected { buffer.fill(x: 1, y: 2 + offset, width: buffer.width - 2, height: 1, role: role) }
            buffer.put(line.text, x: 1, y: 2 + offset, role: role, maxWidth: buffer.width - 2)
        }
    }

    /// The rows the detail's body gets on a screen `height` rows high (below the title and
    /// the customer's name, above the message line and the status bar).
    static func detailHeight(_ height: Int) -> Int { max(1, height - 4) }

    /// The body line (as drawn, wrapped) where history entry `seq` starts.
    static func historyLine(of seq: Int64, in state: AppState, _ detail: DetailState) -> Int? {
        historyLine(of: seq, in: detailBody(state, detail, width: state.width - 2).body)
    }

    static func historyLine(of seq: Int64, in lines: [(text: String, role: StyleRole, source: Int)]) -> Int? {
        let mark = "#\(seq) "
        return lines.firstIndex { $0.text.drop { $0 == " " }.hasPrefix(mark) }
    }

    /// Long lines wrapped; each continuation starts at its line's own indent (under a
    /// field's value, a history entry's text, a note's text). Each line out names the line
    /// it came from.
    static func wrapped(_ lines: [(String, StyleRole, Int)], width: Int) -> [(text: String, role: StyleRole, source: Int)] {
        var out: [(text: String, role: StyleRole, source: Int)] = []
        for (source, (text, role, wanted)) in lines.enumerated() {
            // A line whose indent leaves too little room continues at the left instead.
            let indent = width - wanted >= 20 ? wanted : min(wanted, 2)
            guard text.displayWidth > width, width > indent + 10 else { out.append((text, role, source)); continue }
            let first = wrap(text, width: width)
            out.append((first[0], role, source))
            let rest = first.dropFirst().joined(separator: " ")
            for part in wrap(rest, width: width - indent) { out.append((String(repeating: " ", count: indent) + part, role, source)) }
        }
        return out
    }

    /// Long lines wrapped, continuation lines indented by `indent` columns.
    static func wrapped(_ lines: [(String, StyleRole)], width: Int, indent: Int) -> [(String, StyleRole)] {
        wrapped(lines.map { ($0.0, $0.1, indent) }, width: width).map { ($0.text, $0.role) }
    }
}
