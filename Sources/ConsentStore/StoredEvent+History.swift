import ConsentModel
import Foundation

extension StoredEvent {
    /// `events` (oldest first) decoded (nil where a payload cannot be read), and which of
    /// them were voided, by which event and why: what every view of a history starts from.
    public static func decodedWithVoids(_ events: [StoredEvent])
        -> (events: [ConsentEvent?], voids: [Int64: (by: Int64, reason: String)]) {
        let decoded = events.map { try? $0.event() }
        let voids = ConsentHistory.voids(in: zip(events, decoded).compactMap { stored, event in
            event.map { (seq: stored.seq, event: $0) }
        })
        return (decoded, voids)
    }

    /// A customer's history (oldest first) as the summary shows it: each voided event
    /// marked with the void that voided it and why (rule 12), the void shown as itself.
    public static func historyEntries(_ events: [StoredEvent]) -> [HistoryEntry] {
        let (decoded, voids) = decodedWithVoids(events)
        return zip(events, decoded).map { stored, event in
            var summary = event?.summary(recordedBy: stored.employee) ?? UntrustedText.escaped(stored.kind)
            let void = voids[stored.seq]
            if let void { summary += " " + tr("history.voided", void.by, UntrustedText.escaped(void.reason)) }
            var entry = HistoryEntry(seq: stored.seq, at: stored.at, employee: stored.employee, summary: summary)
            entry.voidedBy = void?.by
            entry.kind = stored.kind
            entry.isVoidable = void == nil && event.map(ConsentHistory.isVoidable) == true
            if case .noted(_, let text)? = event { entry.note = text }
            return entry
        }
    }
}
