import ConsentModel
import ConsentStore
import TerminalKit

extension Renderer {
    /// The status words with a text marker, so blocked rows stand out without colour.
    static func statusText(_ row: ListRow, role: PartnerRole) -> String {
        let status = row.status
        let marker: String
        switch status {
        case .withdrawn, .missing, .requested: marker = "!"
        case .outdated: marker = "~"
        case .notApplicable: marker = "-"
        case .confirmed: marker = " "
        }
        var text = "\(marker) \(status.label(for: role))"
        if let days = row.daysWaiting { text += " \(days)d" }
        return text
    }

    static func rowRole(_ status: ConsentStatus, selected: Bool) -> StyleRole {
        switch status {
        case .withdrawn, .missing, .requested: return selected ? .blockedSelected : .blocked
        case .outdated: return selected ? .outdatedSelected : .outdated
        case .notApplicable: return selected ? .selected : .dim
        case .confirmed: return selected ? .selected : .normal
        }
    }

    /// The columns that fit in `width`, in display order, with their widths.
    static func layout(width: Int) -> [(Column, Int)] {
        var chosen: [Column] = []
        var used = 0
        for column in Column.allCases.sorted(by: { $0.priority > $1.priority }) {
            let needed = column.width + (chosen.isEmpty ? 0 : 1)
            if used + needed <= width - 1 {
                chosen.append(column)
                used += needed
            }
        }
        let extra = max(0, width - 1 - used)
        return Column.allCases.filter(chosen.contains).map { ($0, $0 == .company ? $0.width + extra : $0.width) }
    }

    static func cell(_ column: Column, _ row: ListRow, _ state: AppState) -> String {
        let customer = row.customer
        let confirmation = customer.confirmation
        switch column {
        case .status: return statusText(row, role: state.profile.role)
        case .company: return safe(customer.companyName)
        case .domain: return safe(customer.primaryDomain)
        case .country: return safe(customer.country)
        case .cloud: return customer.cloud.displayName
        case .reseller: return safe(customer.resellerId.map { state.profile.reseller($0)?.name ?? $0 } ?? "")
        case .agreement: return confirmation.map { safe($0.agreementType.shortName) } ?? ""
        case .date: return confirmation?.dateAgreed.iso ?? ""
        case .contact: return confirmation.map { safe($0.contact.fullName) } ?? ""
        }
    }

    static func drawList(_ buffer: inout ScreenBuffer, _ state: AppState) {
        drawTitle(&buffer, state, partnerTitle(state))
        // Counts per status.
        // "116 blocked: 60 no acceptance · 56 outdated": outdated is a kind of blocked; until
        // the store has counted, "counting…".
        var summary: [(String, StyleRole)] = []
        if let counts = state.counts {
            summary.append((tr("app.count.customers", formatted(counts.values.reduce(0, +))), .header))
            summary.append((tr("app.count.blocked", formatted(StatusGroup.blocked.count(in: counts)),
                               formatted(StatusGroup.noAcceptance.count(in: counts))), .blocked))
            summary.append((tr("app.count.outdated", formatted(counts[.outdated] ?? 0)), .outdated))
            if let na = counts[.notApplicable], na > 0 { summary.append((tr("app.count.notApplicable", formatted(na)), .dim)) }
        } else {
            summary.append((tr("app.counting"), .dim))
        }
        if !state.marked.isEmpty { summary.insert((tr("app.marked", formatted(state.marked.count)), .accent), at: 1) }
        let arrow = state.ascending ? "▲" : "▼"
        // A follow-up view or a reseller filter is always said (the counts' tail gives way);
        // otherwise the view and sort show when they fit.
        let view = tr("app.view", state.viewLabel)
        let narrowed = state.view != .all || state.resellerFilter != nil
        let counted = summary.reduce(1) { $0 + $1.0.displayWidth } + 3 * (summary.count - 1)
        let full = "\(view) · \(tr("app.sort", state.sort.title, arrow)) "
        let right = counted + full.displayWidth + 2 < buffer.width ? full : (narrowed ? view + " " : nil)
        let limit = right == nil ? buffer.width : buffer.width - (right?.displayWidth ?? 0) - 1
        var x = buffer.put(" " + summary[0].0, x: 0, y: 1, role: summary[0].1, maxWidth: max(0, limit))
        for part in summary.dropFirst() {
            if right != nil, x + 3 + part.0.displayWidth > limit { break }
            x += buffer.put(" · ", x: x, y: 1, role: .dim)
            x += buffer.put(part.0, x: x, y: 1, role: part.1)
        }
        if let right {
            buffer.put(right.truncated(toWidth: buffer.width), x: max(0, buffer.width - right.displayWidth), y: 1, role: .dim)
        }
        // Header and rows.
        let columns = layout(width: buffer.width - 1)
        buffer.fill(x: 0, y: 2, width: buffer.width, height: 1, role: .header)
        var column = 1
        for (c, width) in columns {
            let title = c == state.sort ? "\(c.title) \(arrow)" : c.title
            buffer.put(title, x: column, y: 2, role: .header, maxWidth: width)
            column += width + 1
        }
        let top = 3
        let height = state.listHeight
        if state.shownCount == 0 {
            buffer.put(" " + tr("app.noMatches"), x: 0, y: top + 1, role: .dim)
            return
        }
        // The window's rows (while a read is pending, the last page stays shown).
        for line in 0..<height {
            let position = state.scroll + line
            guard let row = state.window.row(at: position) else { continue }
            let selected = position == state.selection
            let role = rowRole(row.status, selected: selected)
            let y = top + line
            if selected || role != .normal { buffer.fill(x: 0, y: y, width: buffer.width, height: 1, role: role) }
            if state.isMarked(row.customer.tenantId) { buffer.put("*", x: 0, y: y, role: role) }
            var x = 1
            for (c, width) in columns {
                buffer.put(cell(c, row, state).truncated(toWidth: width), x: x, y: y, role: role, maxWidth: width)
                x += width + 1
            }
        }
        // Scroll position on the right edge.
        if let total = state.shownCount, total > height {
            let thumb = top + (height - 1) * state.scroll / max(1, total - height)
            buffer.put("┃", x: buffer.width - 1, y: thumb, role: .border)
        }
    }
}
