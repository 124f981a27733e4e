import ConsentModel
import ConsentStore
import Foundation

/// One event of a customer's history as `show --json` prints it; a voided event names
/// the void that voided it and why (rule 12), a void names the event it voids. Kinds are
/// spelled as in every other event JSON (kebab-case: `customer-edited`).
struct HistoryJSON: Encodable {
    let seq: Int64
    let at: String
    let employee: String
    let kind: String
    let summary: String
    let voidedBy: Int64?
    let voidReason: String?
    let voids: Int64?

    /// `events` (oldest first) with their voids.
    static func entries(_ events: [StoredEvent]) -> [HistoryJSON] {
        let (decoded, voids) = StoredEvent.decodedWithVoids(events)
        return zip(events, decoded).map { stored, event in
            var target: Int64?
            if case .voided(_, let seq, _)? = event { target = seq }
            return HistoryJSON(seq: stored.seq, at: ISO8601.string(stored.at), employee: stored.employee,
                               kind: ConsentEvent.kebabKind(stored.kind),
                               summary: event?.summary(recordedBy: stored.employee) ?? stored.kind, voidedBy: voids[stored.seq]?.by,
                               voidReason: voids[stored.seq]?.reason, voids: target)
        }
    }
}
