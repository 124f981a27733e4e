/// Works out a customer's status and answers the transaction gate, from the
/// partner's profile, its catalogue and a day.
public struct ConsentEvaluator: Sendable {
    public let profile: PartnerProfile
    public let catalog: TemplateCatalog
    /// The day `requiredTemplate` was looked up for.
    public let day: Day
    /// The current template of the required type on `day`, looked up once.
    public let requiredTemplate: AgreementTemplate?

    /// An evaluator for `day`: templates whose effective date is after it are upcoming,
    /// not current. `status(of:today:)` for another day looks the template up again.
    public init(profile: PartnerProfile, catalog: TemplateCatalog, day: Day) {
        self.profile = profile
        self.catalog = catalog
        self.day = day
        self.requiredTemplate = catalog.current(of: profile.policy.requiredAgreementType, on: day)
    }

    /// The current template of the required type on `day`.
    public func requiredTemplate(on day: Day) -> AgreementTemplate? {
        day == self.day ? requiredTemplate : catalog.current(of: profile.policy.requiredAgreementType, on: day)
    }

    /// The status of `customer` on `today` (DOMAIN.md's table, in order of precedence).
    public func status(of customer: Customer, today: Day) -> StatusReport {
        let required = requiredTemplate(on: today)
        func report(_ status: ConsentStatus, _ reason: OutdatedReason? = nil, waiting: Int? = nil) -> StatusReport {
            StatusReport(status: status, outdatedReason: reason, daysWaiting: waiting, requiredTemplate: required)
        }
        if !customer.cloud.supportsConfirmation { return report(.notApplicable) }
        if customer.withdrawal != nil { return report(.withdrawn) }
        guard let confirmation = customer.confirmation else {
            if let request = customer.request {
                return report(.requested, waiting: max(0, request.date.days(until: today)))
            }
            return report(.missing)
        }
        if let reason = outdatedReason(confirmation, required: required, on: today) { return report(.outdated, reason) }
        return report(.confirmed)
    }

    /// The days after `day` on which a status can change with no event recorded: the
    /// effective date of each template still to come and the re-acceptance cut-off, in order.
    public func statusChangeDays(after day: Day) -> [Day] {
        var days = Set(catalog.templates.compactMap(\.effectiveDate).filter { $0 > day })
        if let cutoff = profile.policy.reacceptanceCutoff, cutoff > day { days.insert(cutoff) }
        return days.sorted()
    }

    /// The first day after `day` on which `customer`, confirmed and current on `day`, turns
    /// outdated with no event recorded (an upcoming template or cut-off); nil when none will.
    public func outdatedFrom(_ customer: Customer, after day: Day) -> Day? {
        guard let confirmation = customer.confirmation, customer.withdrawal == nil else { return nil }
        return statusChangeDays(after: day).first { outdatedReason(confirmation, on: $0) != nil }
    }

    /// Why `confirmation` is outdated on `day` (the evaluator's day by default), or nil when it is current.
    public func outdatedReason(_ confirmation: Confirmation, on day: Day? = nil) -> OutdatedReason? {
        let day = day ?? self.day
        return outdatedReason(confirmation, required: requiredTemplate(on: day), on: day)
    }

    private func outdatedReason(_ confirmation: Confirmation, required currentTemplate: AgreementTemplate?,
                                on day: Day) -> OutdatedReason? {
        let required = profile.policy.requiredAgreementType
        guard let current = currentTemplate else { return .noCurrentTemplate(required) }
        if confirmation.agreementType != required { return .otherAgreementType(required: required) }
        guard let accepted = catalog.template(id: confirmation.templateId) else {
            return .unknownTemplate(confirmation.templateId)
        }
        if accepted.retired { return .retiredTemplate }
        if accepted.templateId != current.templateId && accepted.versionRank < current.versionRank {
            return .olderVersion(current: current)
        }
        // A re-acceptance cut-off takes effect on its day, like a template's effective date.
        if let cutoff = profile.policy.reacceptanceCutoff, day >= cutoff, confirmation.dateAgreed < cutoff {
            return .beforeCutoff(cutoff)
        }
        return nil
    }
}
