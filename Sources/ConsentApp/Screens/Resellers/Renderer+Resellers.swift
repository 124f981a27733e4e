import ConsentModel
import TerminalKit

/// The resellers screen: id, name, customers, domains.
extension Renderer {
    static func drawResellers(_ buffer: inout ScreenBuffer, _ state: AppState, _ screen: ResellersScreen) {
        drawTitle(&buffer, state, tr("resellers.title"))
        let resellers = state.profile.resellers
        if state.profile.role != .indirectProvider {
            buffer.put(" " + tr("resellers.notProvider", state.profile.role.displayName), x: 0, y: 1, role: .dim, maxWidth: buffer.width)
        }
        let idWidth = min(20, max(tr("field.resellerId").displayWidth, resellers.map { safe($0.id).displayWidth }.max() ?? 0))
        let nameWidth = min(30, max(tr("field.resellerName").displayWidth, resellers.map { safe($0.name).displayWidth }.max() ?? 0))
        let countWidth = max(8, tr("resellers.customers").displayWidth)
        func line(_ id: String, _ name: String, _ count: String, _ domains: String) -> String {
            " " + id.padded(toWidth: idWidth) + "  " + name.padded(toWidth: nameWidth) + "  "
                + String(repeating: " ", count: max(0, countWidth - count.displayWidth)) + count + "  " + domains
        }
        buffer.fill(x: 0, y: 2, width: buffer.width, height: 1, role: .header)
        buffer.put(line(tr("field.resellerId"), tr("field.resellerName"), tr("resellers.customers"), tr("field.resellerDomains")),
                   x: 0, y: 2, role: .header, maxWidth: buffer.width)
        if resellers.isEmpty {
            buffer.put(" " + tr("resellers.none"), x: 0, y: 4, role: .dim, maxWidth: buffer.width)
            return
        }
        let rows = max(1, buffer.height - 5)
        let first = max(0, min(screen.selection - rows + 1, resellers.count - rows))
        for (offset, reseller) in resellers.enumerated().dropFirst(first).prefix(rows) {
            let y = 3 + offset - first
            let count = screen.counts.map { formatted($0[reseller.id] ?? 0) } ?? tr("resellers.counting")
            let text = line(safe(reseller.id).truncated(toWidth: idWidth), safe(reseller.name).truncated(toWidth: nameWidth), count,
                            safe(reseller.domains.joined(separator: ", ")))
            let selected = offset == screen.selection
            if selected { buffer.fill(x: 0, y: y, width: buffer.width, height: 1, role: .selected) }
            buffer.put(text, x: 0, y: y, role: selected ? .selected : .normal, maxWidth: buffer.width)
        }
    }
}
