import ConsentModel
import ConsentStore
import Foundation

/// One customer as `list --json` and `show --json` print it: camelCase, Partner Center's
/// names where it has one.
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
        let dateAgreed: String
        let userId: String
        let employee: String
        let evidence: String?
        let collectedBy: String?
        let recordedAt: String
    }
    let tenantId: String
    let companyName: String
    let domains: [String]
    let country: String
    let cloud: String
    let resellerId: String?
    let status: String
    let statusDetail: String?
    let confirmation: ConfirmationJSON?
    let request: ConsentRequest?
    let withdrawal: Withdrawal?
    let subscriptions: [Subscription]?
    /// `show --json` only: the customer's history, oldest first, voided events marked.
    var history: [HistoryJSON]?
    /// The customer's notes, newest first (`show --json`).
    var notes: [NoteJSON]?

    init(_ customer: Customer, report: StatusReport, includeSubscriptions: Bool) {
        tenantId = customer.tenantId
        companyName = customer.companyName
        domains = customer.domains
        country = customer.country
        cloud = customer.cloud.rawValue
        resellerId = customer.resellerId
        status = report.status.cliName
        statusDetail = report.outdatedReason?.description ?? report.daysWaiting.map { tr("cli.daysWaiting", $0) }
        confirmation = customer.confirmation.map { c in
            ConfirmationJSON(primaryContact: PrimaryContact(firstName: c.contact.firstName, lastName: c.contact.lastName,
                                                            email: c.contact.email, phoneNumber: c.contact.phoneNumber),
                             templateId: c.templateId, type: c.agreementType.rawValue, dateAgreed: c.dateAgreed.partnerCenterTimestamp,
                             userId: c.partnerUserId, employee: c.employee, evidence: c.evidence,
                             collectedBy: c.collectedByResellerId, recordedAt: ISO8601.string(c.recordedAt))
        }
        request = customer.request
        withdrawal = customer.withdrawal
        subscriptions = includeSubscriptions ? customer.subscriptions : nil
    }
}
