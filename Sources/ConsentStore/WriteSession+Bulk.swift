import ConsentModel
import Foundation

extension WriteSession {
    /// The events of one request for each of `tenantIds`: every customer is checked, and
    /// when any is refused nothing is planned and `StoreError.bulkRefused` names each refused
    /// customer with its reasons.
    func planRequests(_ tenantIds: [String], _ draft: RequestDraft) throws -> (events: [ConsentEvent], warnings: [ConsentWarning]) {
        var events: [ConsentEvent] = []
        var refusals: [String] = []
        for id in tenantIds {
            do {
                events += try plan(.request(tenantId: id, draft)).events
            } catch let error as ValidationError {
                let name = (try? customer(id))??.customer.companyName ?? id
                refusals.append(tr("cli.bulk.problem", UntrustedText.escaped(name), error.violations.map(\.description).joined(separator: " ")))
            }
        }
        if !refusals.isEmpty { throw StoreError.bulkRefused(refusals) }
        return (events, [])
    }
}
