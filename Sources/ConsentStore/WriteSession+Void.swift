import ConsentModel
import Foundation
import GRDB

extension WriteSession {
    /// Rule 12: the void of event `seq`, validated against the stored history (the event
    /// exists, changes a customer's consent state, is not a void and is not voided yet).
    func planVoid(seq: Int64, reason: String) throws -> ConsentEvent {
        var target: ConsentEvent?
        var voidedBy: Int64?
        if let stored = try Row.fetchOne(db, sql: "SELECT \(ConsentStore.eventColumns) FROM events WHERE seq = ?",
                                         arguments: [seq]) {
            let event = try ConsentStore.storedEvent(stored).event()
            target = event
            if let id = event.tenantId {
                voidedBy = ConsentHistory.voids(in: try history(of: id))[seq]?.by
            }
        }
        let reason = try ConsentRules.void(seq: seq, target: target, reason: reason, alreadyVoidedBy: voidedBy)
        guard let target, let id = target.tenantId else { throw ValidationError([.unknownEvent(seq)]) }
        let void = ConsentEvent.voided(tenantId: id, seq: seq, reason: reason)
        // Rule 10 still holds afterwards: a withdrawal never stands without the acceptance it withdrew.
        if let current = try customer(id)?.customer {
            var history = try self.history(of: id)
            history.append((seq: headSeq + 1, event: void))
            let rebuilt = ConsentHistory.rebuilt(current, from: history)
            if rebuilt.withdrawal != nil, rebuilt.confirmation == nil {
                throw ValidationError([.voidLeavesWithdrawalAlone(seq)])
            }
        }
        return void
    }

    /// The events of customer `tenantId` as written so far in this transaction, oldest first.
    func history(of tenantId: String) throws -> [ConsentHistory.Item] {
        try Row.fetchAll(db, sql: "SELECT \(ConsentStore.eventColumns) FROM events WHERE customer = ? ORDER BY seq",
                         arguments: [tenantId]).map { row in
            let stored = try ConsentStore.storedEvent(row)
            return (seq: stored.seq, event: try stored.event())
        }
    }

    /// Re-projects customer `tenantId` from its history minus the voided events (after the
    /// void at `seq` was appended); its company details stay as they are.
    func reproject(_ tenantId: String, seq: Int64) throws {
        guard let current = try customer(tenantId) else { throw StoreError.unknownCustomer(tenantId) }
        customers[tenantId] = (ConsentHistory.rebuilt(current.customer, from: try history(of: tenantId)), seq)
        dirty.insert(tenantId)
    }
}
