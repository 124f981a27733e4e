import ConsentModel
import Foundation

/// One event of the history as stored: who, when, what, and its place in the chain.
public struct StoredEvent: Hashable, Sendable {
    public let seq: Int64
    /// UTC time it was recorded.
    public let at: Date
    public let userId: String
    public let employee: String
    public let kind: String
    public let customer: String?
    /// The event's JSON as stored.
    public let payload: String
    public let previousHash: String
    public let hash: String
    /// The chain format the hash was computed with (see `EventChain`).
    public internal(set) var chainVersion = 1
    /// `at` exactly as stored (what the hash covers).
    public internal(set) var atText = ""

    /// The exact bytes hashed for this event (nil for a chain format this build does not know):
    /// SHA-256 of them is `hash`.
    public var hashInput: Data? {
        EventChain.hashInput(version: chainVersion, previous: previousHash, seq: seq, at: atText,
                             userId: userId, employee: employee, kind: kind, customer: customer, payload: payload)
    }

    /// The kind as `EventKind`; nil for a kind this build does not know (a newer desk's).
    public var eventKind: EventKind? { EventKind(rawValue: kind) }

    /// The decoded event.
    public func event() throws -> ConsentEvent {
        try StoreCoding.decoder.decode(ConsentEvent.self, from: payload)
    }
}

/// Who is making changes: recorded with every event.
public struct StoreActor: Hashable, Sendable {
    public var userId: String
    public var employee: String
    public init(userId: String, employee: String) {
        self.userId = userId
        self.employee = employee
    }

    /// The OS user, as the default employee.
    public static var osUser: String {
        ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? NSUserName()
    }
}

enum StoreCoding {
    /// The store's own payloads: keys unsorted (faster; the stored text is what is hashed).
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
    /// Reads exactly what `InterchangeJSON.decoder()` reads, faster (`CompactJSONDecoder`).
    static var decoder: StoreDecoder { CompactJSONDecoder() }
}

/// The decoder of stored payloads.
typealias StoreDecoder = CompactJSONDecoder
