import ConsentModel
import ConsentStore
import Foundation

/// One customer as `list --json` and `show --json` print it (the schema is in the README):
/// camelCase keys, Partner Center's names where it has one; days as `YYYY-MM-DD`, instants
/// as ISO 8601 in UTC (`…Z`); codes in kebab-case, never prose; a key with no value is left out.
struct CustomerJSON: Encodable {
    struct PrimaryContact: Encodable {
        let firstName: String
        let lastName: String
        let email: String
        let phoneNumber: String?
    }
    struct ConfirmationJSON: Encodable {
        let primaryContact: PrimaryContact
        let templateId: String
        let type: String
        /// A day, `YYYY-MM-DD` (Partner Center's own bodies, from `export`, keep its timestamp).
        let dateAgreed: String
        let userId: String
        let employee: String
        let evidence: String?
        let collectedBy: String?
        let collectedByName: String?
        /// An instant, ISO 8601 UTC.
        let recordedAt: String
    }
    struct RequestJSON: Encodable {
        let sentTo: String
        let date: String
        let note: String?
    }
    struct WithdrawalJSON: Encodable {
        let date: String
        let reason: String
    }
    struct SubscriptionJSON: Encodable {
        let id: String
        let offer: String
        let seats: Int
        let autoRenew: Bool
        let renewalDate: String?
    }
    let tenantId: String
    let companyName: String
    let domains: [String]
    let country: String
    /// `global`, `us-government`, `germany`, `china-21vianet`.
    let cloud: String
    let resellerId: String?
    let resellerName: String?
    /// `ConsentStatus.cliName`.
    let status: String
    /// New purchases are blocked (withdrawn, missing, requested or outdated).
    let blocked: Bool
    /// `requested` only: whole days since the request.
    let daysWaiting: Int?
    /// `outdated` only: `OutdatedReason.code`.
    let outdatedReason: String?
    /// The template a new confirmation should accept (absent when none is current).
    let requiredTemplateId: String?
    let confirmation: ConfirmationJSON?
    let request: RequestJSON?
    let withdrawal: WithdrawalJSON?
    let subscriptions: [SubscriptionJSON]?
    /// `show --json` only: the customer's history, oldest first, voided events marked.
    var history: [HistoryJSON]?
    /// The customer's notes, newest first (`show --json`).
    var notes: [NoteJSON]?

    init(_ customer: Customer, report: StatusReport, profile: PartnerProfile, includeSubscriptions: Bool) {
        func nameOfReseller(_ id: String?) -> String? {
            guard let id else { return nil }
            return profile.resellers.first { $0.id == id }?.name
        }
        tenantId = customer.tenantId
        companyName = customer.companyName
        domains = customer.domains
        country = customer.country
        cloud = customer.cloud.cliName
        resellerId = customer.resellerId
        resellerName = nameOfReseller(customer.resellerId)
        status = report.status.cliName
        blocked = report.status.blocksNewPurchases
        daysWaiting = report.status == .requested ? report.daysWaiting : nil
        outdatedReason = report.status == .outdated ? report.outdatedReason?.code : nil
        requiredTemplateId = report.requiredTemplate?.templateId
        confirmation = customer.confirmation.map { c in
            ConfirmationJSON(primaryContact: PrimaryContact(firstName: c.contact.firstName, lastName: c.contact.lastName,
                                                            email: c.contact.email, phoneNumber: c.contact.phoneNumber),
                             templateId: c.templateId, type: c.agreementType.rawValue, dateAgreed: c.dateAgreed.iso,
                             userId: c.partnerUserId, employee: c.employee, evidence: c.evidence,
                             collectedBy: c.collectedByResellerId, collectedByName: nameOfReseller(c.collectedByResellerId),
                             recordedAt: ISO8601.string(c.recordedAt))
        }
        request = customer.request.map { RequestJSON(sentTo: $0.sentTo, date: $0.date.iso, note: $0.note?.isEmpty == false ? $0.note : nil) }
        withdrawal = customer.withdrawal.map { WithdrawalJSON(date: $0.date.iso, reason: $0.reason) }
        subscriptions = includeSubscriptions
            ? customer.subscriptions.map { SubscriptionJSON(id: $0.id, offer: $0.offer, seats: $0.seats, autoRenew: $0.autoRenew,
                                                            renewalDate: $0.renewalDate?.iso) }
            : nil
    }
}
