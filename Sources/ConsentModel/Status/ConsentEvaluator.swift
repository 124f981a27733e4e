/// Works out a customer's status and answers the transaction gate, from the
/// partner's profile, its catalogue and a day.
public struct ConsentEvaluator: Sendable {
    public let profile: PartnerProfile
    public let catalog: TemplateCatalog
    /// The current template of the required type, looked up once.
    public let requiredTemplate: AgreementTemplate?

    public init(profile: PartnerProfile, catalog: TemplateCatalog) {
        self.profile = profile
        self.catalog = catalog
        self.requiredTemplate = catalog.current(of: profile.policy.requiredAgreementType)
    }

    /// The status of `customer` on `today` (DOMAIN.md's table, in order of precedence).
    public func status(of customer: Customer, today: Day) -> StatusReport {
        func report(_ status: ConsentStatus, _ reason: OutdatedReason? = nil, waiting: Int? = nil) -> StatusReport {
            StatusReport(status: status, outdatedReason: reason, daysWaiting: waiting, requiredTemplate: requiredTemplate)
        }
        if !customer.cloud.supportsConfirmation { return report(.notApplicable) }
        if customer.withdrawal != nil { return report(.withdrawn) }
        guard let confirmation = customer.confirmation else {
            if let request = customer.request {
                return report(.requested, waiting: max(0, request.date.days(until: today)))
            }
            return report(.missing)
        }
        if let reason = outdatedReason(confirmation) { return report(.outdated, reason) }
        return report(.confirmed)
    }

    /// Why `confirmation` is outdated, or nil when it is current.
    public func outdatedReason(_ confirmation: Confirmation) -> OutdatedReason? {
        let required = profile.policy.requiredAgreementType
        guard let current = requiredTemplate else { return .noCurrentTemplate(required) }
        if confirmation.agreementType != required { return .otherAgreementType(required: required) }
        guard let accepted = catalog.template(id: confirmation.templateId) else {
            return .unknownTemplate(confirmation.templateId)
        }
        if accepted.retired { return .retiredTemplate }
        if accepted.templateId != current.templateId && accepted.versionRank < current.versionRank {
            return .olderVersion(current: current)
        }
        if let cutoff = profile.policy.reacceptanceCutoff, confirmation.dateAgreed < cutoff {
            return .beforeCutoff(cutoff)
        }
        return nil
    }
}
