import ConsentModel
import Foundation

/// One note of a customer as `show --json` and the evidence pack write it (issue 15.1).
public struct NoteJSON: Encodable, Sendable, Hashable {
    public let seq: Int64
    public let at: String
    public let employee: String
    public let text: String

    /// The notes among `events` (oldest first), newest first.
    public static func notes(_ events: [StoredEvent]) -> [NoteJSON] {
        events.reversed().compactMap { stored in
            guard stored.eventKind == .noted, case .noted(_, let text)? = try? stored.event() else { return nil }
            return NoteJSON(seq: stored.seq, at: ISO8601.string(stored.at), employee: stored.employee, text: text)
        }
    }
}
