/// A customer's history read with its corrections (rule 12): a voided event counts as if
/// it never happened, and the history shows both.
public enum ConsentHistory {
    /// One event of a history with its sequence number.
    public typealias Item = (seq: Int64, event: ConsentEvent)

    /// Whether an event of this kind changes a customer's consent state and so can be voided.
    public static func isVoidable(_ event: ConsentEvent) -> Bool {
        switch event {
        case .confirmed, .requested, .withdrawn: return true
        case .profileSet, .templateAdded, .templateRetired, .customerAdded, .customerEdited, .imported, .voided,
             .noted, .keyAdded, .keyRetired:
            return false
        }
    }

    /// The voided events of `events`: voided seq → the void's seq and reason.
    public static func voids(in events: [Item]) -> [Int64: (by: Int64, reason: String)] {
        var voids: [Int64: (by: Int64, reason: String)] = [:]
        for item in events {
            if case .voided(_, let target, let reason) = item.event, voids[target] == nil {
                voids[target] = (item.seq, reason)
            }
        }
        return voids
    }

    /// `customer` with its consent record (confirmation, request, withdrawal, latest
    /// withdrawal date) rebuilt from its own `events` (oldest first), skipping the voided
    /// ones; the company details are kept as they are. The same result as replaying the
    /// history without the voided events, which is what `verify` does.
    public static func rebuilt(_ customer: Customer, from events: [Item]) -> Customer {
        let voided = voids(in: events)
        var next = customer
        next.confirmation = nil
        next.request = nil
        next.withdrawal = nil
        next.lastWithdrawalDate = nil
        for item in events where item.event.tenantId == customer.tenantId {
            switch item.event {
            case .customerAdded(let added):
                next.confirmation = added.confirmation
                next.request = added.request
                next.withdrawal = added.withdrawal
                next.lastWithdrawalDate = added.lastWithdrawalDate
            case .confirmed, .requested, .withdrawn:
                if voided[item.seq] == nil { next = next.applying(item.event) }
            case .profileSet, .templateAdded, .templateRetired, .customerEdited, .imported, .voided, .noted,
                 .keyAdded, .keyRetired:
                // Company details and notes are kept as they are; the rest hold no consent record.
                break
            }
        }
        return next
    }
}

extension Customer {
    /// The consent record as it stood on `day` from a history with sequence numbers: a
    /// voided event (rule 12) never counts, on any day.
    public func asOf(_ day: Day, history events: [ConsentHistory.Item]) -> Customer {
        let voided = ConsentHistory.voids(in: events)
        return asOf(day, history: events.filter { voided[$0.seq] == nil }.map(\.event))
    }
}
