import ConsentModel
import Foundation
import TerminalKit

extension Renderer {
    /// The customer detail: everything known, what is blocked and why, subscriptions, history.
    static func detailLines(_ state: AppState, _ detail: DetailState) -> [(String, StyleRole)] {
        guard let index = state.indexByTenant[detail.tenantId] else { return [(tr("app.loading"), .dim)] }
        let row = state.rows[index]
        let customer = detail.customer ?? row.customer
        let profile = state.profile
        var lines: [(String, StyleRole)] = []
        func field(_ label: String, _ value: String, _ role: StyleRole = .normal) {
            lines.append(("  " + label.padded(toWidth: 20) + " " + value, role))
        }
        func section(_ title: String) {
            lines.append(("", .normal))
            lines.append((title, .header))
        }
        let report = state.evaluator.status(of: customer, today: state.today)
        let status = report.status
        var statusLine = statusText(row, role: profile.role)
        if let reason = report.outdatedReason { statusLine += " — " + safe(reason.description) }
        lines.append((safe(customer.companyName), .title))
        field(tr("col.status"), statusLine, rowRole(status, selected: false))
        field(tr("field.tenantId"), safe(customer.tenantId))
        field(tr("field.domains"), safe(customer.domains.joined(separator: ", ")))
        field(tr("field.country"), safe(customer.country))
        field(tr("field.cloud"), customer.cloud.displayName)
        if let id = customer.resellerId { field(tr("field.reseller"), safe(profile.reseller(id)?.name ?? id)) }

        section(tr("detail.gate"))
        let evaluator = state.evaluator
        var fixes: [String] = []
        for transaction in Transaction.allCases {
            let decision = evaluator.check(customer, transaction, channel: .api, asOf: state.today)
            switch decision {
            case .allowed(let note):
                field(transaction.displayName, tr("gate.allowed") + (note.map { " " + safe($0) } ?? ""), note == nil ? .confirmed : .warning)
            case .blocked(let reason, let fix):
                field(transaction.displayName, tr("detail.blockedBecause", safe(reason)), .blocked)
                if !fixes.contains(safe(fix)) { fixes.append(safe(fix)) }
            }
        }
        for fix in fixes { lines.append(("  " + tr("detail.fix", fix), .accent)) }

        section(tr("detail.confirmation"))
        if let c = customer.confirmation {
            let template = state.catalog.template(id: c.templateId)
            field(tr("field.template"), safe(c.agreementType.displayName) + (template.map { " · " + tr("template.rank", $0.versionRank) } ?? "") + " (\(safe(c.templateId)))")
            field(tr("field.dateAgreed"), c.dateAgreed.iso)
            field(tr("detail.contact"), safe("\(c.contact.fullName) <\(c.contact.email)>" + (c.contact.phoneNumber.map { "  \($0)" } ?? "")))
            field(tr("field.partnerUserId"), safe(c.partnerUserId))
            field(tr("field.employee"), safe(c.employee))
            field(tr("field.evidence"), safe(c.evidence ?? "—"))
            if let r = c.collectedByResellerId { field(tr("field.reseller"), safe(profile.reseller(r)?.name ?? r)) }
            field(tr("detail.recordedAt"), ISO8601.string(c.recordedAt).prefix(19).replacingOccurrences(of: "T", with: " ") + " UTC")
        } else {
            lines.append(("  " + tr("detail.noConfirmation"), .blocked))
        }
        if let r = customer.request {
            field(tr("detail.request"), safe(r.sentTo) + ", " + r.date.iso + (report.daysWaiting.map { " (" + tr("cli.daysWaiting", $0) + ")" } ?? ""))
        }
        if let w = customer.withdrawal { field(tr("detail.withdrawal"), w.date.iso + ": " + safe(w.reason), .blocked) }

        section(tr("detail.subscriptions"))
        if detail.customer == nil {
            lines.append(("  " + tr("app.loading"), .dim))
        } else if customer.subscriptions.isEmpty {
            lines.append(("  —", .dim))
        }
        for s in customer.subscriptions {
            var text = "  \(safe(s.offer)) · \(tr("detail.seats", s.seats)) · \(s.autoRenew ? tr("detail.autoRenew") : tr("detail.manualRenew"))"
            if let renewal = s.renewalDate { text += " · \(renewal.iso)" }
            if status == .withdrawn {
                lines.append(("! " + text.dropFirst(2) + "  — " + tr("detail.mustCancel"), .blocked))
            } else {
                lines.append((text, .normal))
            }
        }

        section(tr("detail.history"))
        for entry in detail.history.reversed() {
            let when = ISO8601.string(entry.at).prefix(16).replacingOccurrences(of: "T", with: " ")
            lines.append(("  #\(entry.seq)  \(when)  \(safe(entry.employee).padded(toWidth: 10))  \(safe(entry.summary))", .normal))
        }
        return lines
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

    static func drawHelp(_ buffer: inout ScreenBuffer, _ state: AppState, scroll: Int) {
        drawTitle(&buffer, state, tr("help.title"))
        var lines: [(String, StyleRole)] = [(tr("help.intro"), .normal), ("", .normal)]
        for (context, bindings) in Keymap.helpSections() where !bindings.isEmpty {
            lines.append((tr("help.context.\(context.rawValue)"), .header))
            for binding in bindings {
                lines.append(("  " + binding.keyLabel.padded(toWidth: 14) + " " + binding.label, .normal))
            }
            lines.append(("", .normal))
        }
        lines.append((tr("help.statuses"), .header))
        for status in ConsentStatus.allCases {
            lines.append(("  " + status.label(for: state.profile.role).padded(toWidth: 16) + " " + tr("help.status.\(status.rawValue)"),
                          rowRole(status, selected: false)))
        }
        lines = wrapped(lines, width: buffer.width - 2, indent: 17)
        let height = buffer.height - 3
        let top = min(scroll, max(0, lines.count - height))
        for (offset, line) in lines.dropFirst(top).prefix(height).enumerated() {
            buffer.put(line.0, x: 1, y: 1 + offset, role: line.1, maxWidth: buffer.width - 2)
        }
    }

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
