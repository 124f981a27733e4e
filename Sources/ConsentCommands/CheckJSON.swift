import ConsentModel
import Foundation

/// `check --json`: the gate's answer as one JSON object (schema in the README). `reasons`
/// says why it is blocked (empty when allowed), `fix` what to do (absent when allowed),
/// `note` what to know when allowed; `status` and `outdatedReason` are stable codes.
struct CheckJSON: Encodable {
    let tenantId: String
    let companyName: String
    /// `Transaction.cliName`.
    let transaction: String
    /// `dashboard` or `api`.
    let channel: String
    /// The day the answer is for, `YYYY-MM-DD`.
    let asOf: String
    let allowed: Bool
    /// The customer's status on that day, `ConsentStatus.cliName`.
    let status: String
    let outdatedReason: String?
    let reasons: [String]
    let fix: String?
    let note: String?

    init(customer: Customer, report: StatusReport, decision: GateDecision, transaction: Transaction, channel: Channel, asOf: Day) {
        tenantId = customer.tenantId
        companyName = customer.companyName
        self.transaction = transaction.cliName
        self.channel = channel.rawValue
        self.asOf = asOf.iso
        status = report.status.cliName
        outdatedReason = report.status == .outdated ? report.outdatedReason?.code : nil
        switch decision {
        case .allowed(let note):
            allowed = true
            reasons = []
            fix = nil
            self.note = note
        case .blocked(let reason, let fix):
            allowed = false
            reasons = [reason]
            self.fix = fix
            note = nil
        }
    }
}
