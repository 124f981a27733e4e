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
        if let days = row.daysWaiting { text += " " + tr("list.daysWaiting", days) }
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

    /// The columns that fit in `width`, in display order, with their widths. Spare width
    /// goes first to the columns whose text in `rows` was cut (Company first — the name is
    /// what a desk worker reads — then Domain, Contact, Reseller, Agreement), up to what
    /// their text needs; what is left goes to Company. Contact and Reseller give back what
    /// their names do not use.
    static func layout(width: Int, rows: [ListRow] = [], state: AppState? = nil) -> [(Column, Int)] {
        var chosen: [Column] = []
        var used = 0
        for column in Column.allCases.sorted(by: { $0.priority > $1.priority }) {
            let needed = column.width + (chosen.isEmpty ? 0 : 1)
            if used + needed <= width - 1 {
                chosen.append(column)
                used += needed
            }
        }
        var extra = max(0, width - 1 - used)
        var widths = Dictionary(uniqueKeysWithValues: chosen.map { ($0, $0.width) })
        if let state, !rows.isEmpty {
            // A column of names shorter than its width (Contact, Reseller) gives the rest back.
            for column in [Column.contact, .reseller] where chosen.contains(column) {
                let wanted = max(column.title.displayWidth + 2, rows.map { cell(column, $0, state).displayWidth }.max() ?? 0)
                let width = widths[column] ?? column.width
                if wanted < width {
                    widths[column] = wanted
                    extra += width - wanted
                }
            }
            for column in [Column.company, .domain, .contact, .reseller, .agreement] where chosen.contains(column) && extra > 0 {
                let wanted = rows.map { cell(column, $0, state).displayWidth }.max() ?? 0
                let grow = min(extra, max(0, wanted - (widths[column] ?? 0)))
                widths[column, default: 0] += grow
                extra -= grow
            }
        }
        widths[.company, default: 0] += chosen.contains(.company) ? extra : 0
        return Column.allCases.filter(chosen.contains).map { ($0, widths[$0] ?? $0.width) }
    }

    /// The header's second line: the counts on the left, and on the right the view and the
    /// filter, which are always shown whole (a filtered list must not look like the whole
    /// list); the sort, then the counts' details give way when the line is short.
    static func summaryLine(_ state: AppState, width: Int) -> (left: [(String, StyleRole)], right: String) {
        var variants: [[(String, StyleRole)]] = []
        if let counts = state.counts {
            let total = (tr("app.count.customers", formatted(counts.values.reduce(0, +))), StyleRole.header)
            let blocked = StatusGroup.blocked.count(in: counts)
            // "116 blocked: 60 no acceptance · 56 outdated": outdated is a kind of blocked.
            let detail = (tr("app.count.blocked", formatted(blocked), formatted(StatusGroup.noAcceptance.count(in: counts))), StyleRole.blocked)
            let outdated = (tr("app.count.outdated", formatted(counts[.outdated] ?? 0)), StyleRole.outdated)
            var full = [total, detail, outdated]
            if let na = counts[.notApplicable], na > 0 { full.append((tr("app.count.notApplicable", formatted(na)), .dim)) }
            variants = [full, [total, detail, outdated], [total, detail],
                        [total, (tr("app.count.blockedShort", formatted(blocked)), .blocked)], [total]]
        } else if let total = state.shownCount, state.view == .all, state.filter.text.isEmpty {
            // The first page's total is every customer; the counts per status follow.
            let customers = (tr("app.count.customers", formatted(total)), StyleRole.header)
            variants = [[customers, (tr("app.counting"), .dim)], [customers]]
        } else {
            variants = [[(tr("app.counting"), .dim)]]
        }
        if !state.marked.isEmpty {
            // How many are marked for bulk work stays while the counts' details give way.
            let marked = (tr("app.marked", formatted(state.marked.count)), StyleRole.accent)
            variants = variants.map { variant in
                var variant = variant
                variant.insert(marked, at: min(1, variant.count))
                return variant
            }
        }
        // The view, and the filter when one is set (kept or being typed).
        var essential = tr("app.view", state.viewLabel)
        let filter = state.filter.text.trimmingCharacters(in: .whitespaces)
        if !filter.isEmpty {
            let label = tr("app.filterShown", "")
            // The filter is shortened before the counts give way: the fewest counts stay.
            let counts = (variants.last ?? []).map { $0.0.displayWidth + 3 }.reduce(0, +)
            let room = max(4, width - 2 - counts - essential.displayWidth - 3 - label.displayWidth - 2)
            essential += " · " + tr("app.filterShown", safe(filter).truncated(toWidth: room))
        }
        let arrow = state.ascending ? "▲" : "▼"
        let withSort = state.followUpQuery.followUp == nil ? essential + " · " + tr("app.sort", state.sort.title, arrow) : essential
        func fits(_ left: [(String, StyleRole)], _ right: String) -> Bool {
            1 + left.map(\.0.displayWidth).reduce(0, +) + 3 * max(0, left.count - 1) + 2 + right.displayWidth + 1 <= width
        }
        // The counts' details before the sort (the sorted column's title has its arrow).
        for left in variants {
            for right in [withSort, essential] where fits(left, right) { return (left, right + " ") }
        }
        return ([], essential + " ")
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
        // A withdrawn acceptance is not shown as an accepted agreement.
        case .agreement where row.status == .withdrawn && confirmation != nil: return tr("list.agreementWithdrawn")
        case .agreement: return confirmation.map { safe($0.agreementType.shortName) } ?? ""
        case .date:
            // Customers renewing soon: the date that matters is the renewal.
            if case .renewingWithin = state.followUpQuery.followUp { return row.renewsOn?.iso ?? "" }
            return confirmation?.dateAgreed.iso ?? ""
        case .contact: return confirmation.map { safe($0.contact.fullName) } ?? ""
        }
    }

    static func drawList(_ buffer: inout ScreenBuffer, _ state: AppState) {
        drawTitle(&buffer, state, partnerTitle(state))
        // Counts per status ("counting…" until the store has counted), the view and filter.
        let (summary, right) = summaryLine(state, width: buffer.width)
        var x = 0
        for (index, part) in summary.enumerated() {
            if index > 0 { x += buffer.put(" · ", x: x, y: 1, role: .dim) }
            x += buffer.put((index == 0 ? " " : "") + part.0, x: x, y: 1, role: part.1)
        }
        buffer.put(right, x: max(x, buffer.width - right.displayWidth), y: 1, role: .dim, maxWidth: buffer.width - x)
        let arrow = state.ascending ? "▲" : "▼"
        // Header and rows.
        let columns = layout(width: buffer.width - 1, rows: state.windowRows, state: state)
        buffer.fill(x: 0, y: 2, width: buffer.width, height: 1, role: .header)
        var column = 1
        for (c, width) in columns {
            // The sorted column keeps its arrow even when its title is cut ("Ct ▲").
            // A follow-up view has its own order (longest waiting, soonest renewal): no column arrow.
            let sorted = c == state.sort && state.followUpQuery.followUp == nil
            var name = c.title
            if c == .date, case .renewingWithin = state.followUpQuery.followUp { name = tr("col.renews") }
            let title = sorted ? "\(name.truncated(toWidth: max(1, width - 2), ellipsis: false)) \(arrow)" : name
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
            let position = state.window.shownStart + line
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
