/// What a partner wants to do for a customer.
public enum Transaction: String, CaseIterable, Sendable, Codable {
    /// A new purchase, for a new or an existing customer.
    case newPurchase
    /// A change of seats on an existing subscription.
    case seatChange
    /// A manual renewal.
    case renewal
    /// An automatic renewal: never blocked by this rule.
    case autoRenewal

    /// The command-line spelling (`new-purchase`).
    public var cliName: String {
        switch self {
        case .newPurchase: return "new-purchase"
        case .seatChange: return "seat-change"
        case .renewal: return "renewal"
        case .autoRenewal: return "auto-renewal"
        }
    }

    public init?(cliName: String) {
        guard let match = Transaction.allCases.first(where: { $0.cliName == cliName || $0.rawValue == cliName }) else { return nil }
        self = match
    }

    public var displayName: String { tr("transaction.\(rawValue)") }
}

/// Where the transaction is made. Enforcement started on different days.
public enum Channel: String, CaseIterable, Sendable, Codable {
    /// Partner Center's dashboard: confirmation required from 2018-11-07.
    case dashboard
    /// Partner Center's API: confirmation required from 2019-03-22.
    case api

    /// The first day confirmation is required on this channel.
    public var enforcedFrom: Day {
        switch self {
        case .dashboard: return Day(year: 2018, month: 11, day: 7)!
        case .api: return Day(year: 2019, month: 3, day: 22)!
        }
    }
}

/// The gate's answer.
public enum GateDecision: Hashable, Sendable, CustomStringConvertible {
    /// Allowed; a note when the user should know something (reconfirm before renewal).
    case allowed(note: String?)
    /// Blocked: what is missing and how to fix it.
    case blocked(reason: String, fix: String)

    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .allowed(let note): return note.map { tr("gate.allowedWithNote", $0) } ?? tr("gate.allowed")
        case .blocked(let reason, let fix): return tr("gate.blocked", reason, fix)
        }
    }
}

extension ConsentEvaluator {
    /// The transaction gate: may the partner make `transaction` for `customer` through
    /// `channel` on `asOf`? Every blocked answer names the missing piece and the fix.
    public func check(_ customer: Customer, _ transaction: Transaction, channel: Channel, asOf: Day) -> GateDecision {
        let report = status(of: customer, today: asOf)
        if report.status == .notApplicable {
            return .allowed(note: tr("gate.notApplicable", customer.cloud.displayName))
        }
        if asOf < channel.enforcedFrom {
            return .allowed(note: tr("gate.notYetEnforced", channel.enforcedFrom))
        }
        let fix = fixText(report)
        switch report.status {
        case .confirmed, .notApplicable:
            return .allowed(note: nil)
        case .withdrawn:
            if transaction == .autoRenewal { return .allowed(note: tr("gate.withdrawnAutoRenewal")) }
            return .blocked(reason: tr("gate.reason.withdrawn", customer.withdrawal?.date.iso ?? ""), fix: fix)
        case .missing:
            if transaction == .autoRenewal { return .allowed(note: tr("gate.missingAutoRenewal")) }
            return .blocked(reason: tr("gate.reason.missing"), fix: fix)
        case .requested:
            if transaction == .autoRenewal { return .allowed(note: tr("gate.missingAutoRenewal")) }
            return .blocked(reason: tr("gate.reason.requested", customer.request?.date.iso ?? "", report.daysWaiting ?? 0), fix: fix)
        case .outdated:
            if transaction == .autoRenewal { return .allowed(note: tr("gate.outdatedAutoRenewal")) }
            return .blocked(reason: tr("gate.reason.outdated", report.outdatedReason?.description ?? ""), fix: fix)
        }
    }

    private func fixText(_ report: StatusReport) -> String {
        guard let template = report.requiredTemplate else {
            return tr("gate.fix.addTemplate", profile.policy.requiredAgreementType.displayName)
        }
        let verb = profile.confirmsToMicrosoft ? tr("gate.fix.confirm", template.agreementType.displayName, template.templateId)
                                               : tr("gate.fix.collect", template.agreementType.displayName, template.templateId)
        return verb
    }
}
