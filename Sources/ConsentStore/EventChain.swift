import Crypto
import Foundation

/// The hash chain over the history: each event's hash covers the previous hash and
/// every stored column of the event, so changing any byte breaks the chain there.
enum EventChain {
    /// The "previous hash" of the first event.
    static let genesis = String(repeating: "0", count: 64)

    static func hash(previous: String, seq: Int64, at: String, userId: String, employee: String,
                     kind: String, customer: String?, payload: String) -> String {
        var hasher = SHA256()
        for part in [previous, String(seq), at, userId, employee, kind, customer ?? "", payload] {
            hasher.update(data: Data(part.utf8))
            hasher.update(data: Data([0x1F]))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
