import ConsentModel
import Foundation
import GRDB

/// What one change for several customers at once did: written for every customer, or
/// refused for all (nothing written) with every customer's reasons.
public struct BulkOutcome: Sendable {
    /// One customer's change, written.
    public struct Done: Sendable {
        public let tenantId: String
        /// The event recorded for it (nil when nothing changed).
        public let seq: Int64?
        public let warnings: [ConsentWarning]
    }

    /// Why one customer's change was refused.
    public struct Refusal: Sendable {
        /// Its place in the list given (0 first).
        public let index: Int
        public let tenantId: String
        public let reasons: [String]
    }

    public let done: [Done]
    public let refusals: [Refusal]

    /// Whether the changes were written (none was refused).
    public var wrote: Bool { refusals.isEmpty }
}

extension ConsentStore {
    /// Runs `commands` (one per customer) in one write transaction, all or nothing: every
    /// command is checked against the state the ones before it leave, and when any is
    /// refused nothing is written and the outcome lists every refusal. With
    /// `expectingCustomerSeqs`, a customer another desk changed since (its last event is
    /// no longer the one given) is refused as a conflict. With `checkOnly`, nothing is
    /// written either way (the caller already knows it must refuse, and wants every reason).
    public func executeAll(_ commands: [StoreCommand], expectingCustomerSeqs: [String: Int64] = [:],
                           checkOnly: Bool = false) throws(StoreError) -> BulkOutcome {
        try write { session in
            var done: [BulkOutcome.Done] = []
            var refusals: [BulkOutcome.Refusal] = []
            for (index, command) in commands.enumerated() {
                let id = command.tenantId ?? ""
                do {
                    if let expected = expectingCustomerSeqs[id], let current = try session.customer(id), current.lastSeq != expected {
                        let employee = try String.fetchOne(session.db, sql: "SELECT employee FROM events WHERE seq = ?",
                                                           arguments: [current.lastSeq]) ?? "?"
                        refusals.append(.init(index: index, tenantId: id,
                                              reasons: [StoreError.conflict(company: current.customer.companyName, employee: employee).description]))
                        continue
                    }
                    let (events, warnings) = try session.plan(command)
                    var last: Int64?
                    for event in events { last = try session.append(event) }
                    done.append(.init(tenantId: id, seq: last, warnings: warnings))
                } catch let error as ValidationError {
                    refusals.append(.init(index: index, tenantId: id, reasons: error.violations.map(\.description)))
                } catch let error as ReplayError {
                    refusals.append(.init(index: index, tenantId: id, reasons: [error.description]))
                }
            }
            return (BulkOutcome(done: done, refusals: refusals), !checkOnly && refusals.isEmpty && !done.isEmpty)
        }
    }
}
