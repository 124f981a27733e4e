/// The numbered rules of the consent model (DOMAIN.md, "Rules").
public enum ConsentRule: Int, CaseIterable, Sendable, CustomStringConvertible {
    /// 1. Date, first name, last name and email are required; phone is optional.
    case requiredFields = 1
    /// 2. The email must be a plausible address; trimmed, compared case-insensitively.
    case emailFormat = 2
    /// 3. The acceptance date may not be later than today (UTC) nor earlier than the
    ///    template's effective date.
    case acceptanceDate = 3
    /// 4. Text fields refuse control characters and bidi overrides; names are trimmed,
    ///    non-empty, at most 100 characters, in any script.
    case textFields = 4
    /// 5. A reseller (or the partner) cannot consent for the customer.
    case resellerCannotConsent = 5
    /// 6. One confirmation per customer at a time; the same contact twice is a duplicate.
    case oneConfirmationPerCustomer = 6
    /// 7. National clouds do not support confirmation.
    case nationalCloudsExcluded = 7
    /// 8. Each partner confirms for itself: the store holds only this partner's view.
    case eachPartnerConfirmsForItself = 8
    /// 9. An indirect reseller collects acceptance and hands it to its provider.
    case resellerCollectsOnly = 9
    /// 10. A withdrawal blocks the customer; its subscriptions must be cancelled.
    case withdrawal = 10
    /// 11. Nothing is ever deleted: every change is an event in the history.
    case nothingDeleted = 11
    /// 12. Corrections are voids, not deletions: the status is as if the voided event never happened.
    case corrections = 12

    public var description: String { tr("rule.\(rawValue)") }
}

/// A form field, named for messages and for placing them beside the field.
public enum Field: String, CaseIterable, Sendable, Codable {
    case dateAgreed, firstName, lastName, email, phoneNumber, template, partnerUserId, employee, evidence, reseller
    case tenantId, companyName, domains, country, cloud, subscriptions
    case withdrawalDate, reason, requestDate, sentTo, note
    case templateId, agreementType, agreementLink, versionRank, effectiveDate, regions, languages
    case partnerName, partnerTenantId, partnerDomains, role, resellers, defaultUserId, requiredAgreementType, reacceptanceCutoff
    case resellerId, resellerName, resellerDomains
    case since, until, customer, kind, outputFile
    case exportFile
    case followUpWaitingDays, followUpRenewingDays

    /// The label shown beside the field.
    public var label: String { tr("field.\(rawValue)") }
}
