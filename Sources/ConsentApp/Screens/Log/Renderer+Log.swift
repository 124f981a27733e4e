import ConsentModel
import ConsentStore
import Foundation
import TerminalKit

/// The activity log screen: the filters in use, then when · who · customer · what.
extension Renderer {
    static func drawLog(_ buffer: inout ScreenBuffer, _ state: AppState, _ log: LogScreen) {
        drawTitle(&buffer, state, tr("log.title"))
        buffer.put(" " + filterDescription(log.query), x: 0, y: 1, role: .dim, maxWidth: buffer.width - 1)
        let who = 12, customer = max(12, min(28, (buffer.width - 20) / 4))
        // Each column cut with "…" to its width, and the line to the screen's, so a long name
        // never pushes the next column and a cut text says so.
        func line(_ when: String, _ by: String, _ company: String, _ what: String) -> String {
            (" " + when.padded(toWidth: 16) + "  " + by.truncated(toWidth: who).padded(toWidth: who) + "  "
                + company.truncated(toWidth: customer).padded(toWidth: customer) + "  " + what).truncated(toWidth: buffer.width)
        }
        buffer.fill(x: 0, y: 2, width: buffer.width, height: 1, role: .header)
        buffer.put(line(tr("col.when"), tr("col.who"), tr("col.customer"), tr("col.what")), x: 0, y: 2, role: .header,
                   maxWidth: buffer.width)
        let height = LogScreen.visibleRows(state)
        for (offset, row) in log.rows.dropFirst(log.scroll).prefix(height).enumerated() {
            let index = log.scroll + offset
            let role: StyleRole = index == log.selection ? .selected : .normal
            if role == .selected { buffer.fill(x: 0, y: 3 + offset, width: buffer.width, height: 1, role: role) }
            buffer.put(line(row.when, row.who, row.customer, row.what), x: 0, y: 3 + offset, role: role, maxWidth: buffer.width)
        }
        let shown = min(height, max(0, log.rows.count - log.scroll))
        if shown < height {
            let text = log.loading ? tr("app.loading") : log.rows.isEmpty ? tr("log.none") : tr("log.end")
            buffer.put(" " + text, x: 0, y: 3 + shown, role: .dim, maxWidth: buffer.width - 1)
        }
    }

    /// "Newest first · since … · employee … · customer … · kind …", or every event.
    static func filterDescription(_ query: ActivityQuery) -> String {
        var parts: [String] = []
        if let since = query.since { parts.append(tr("log.since", since.iso)) }
        if let until = query.until { parts.append(tr("log.until", until.iso)) }
        if let employee = query.employee { parts.append(tr("log.employee", UntrustedText.escaped(employee))) }
        if let customer = query.customer { parts.append(tr("log.customer", UntrustedText.escaped(customer))) }
        if let kinds = query.kinds { parts.append(tr("log.kind", kinds.map(ConsentEvent.kindInWords).joined(separator: tr("text.listJoin")))) }
        return ([tr("log.newestFirst")] + (parts.isEmpty ? [tr("log.everything")] : parts)).joined(separator: " · ") + "   " + tr("log.filterHint")
    }
}
