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
        return hex(hasher.finalize())
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of `bytes`, without a formatter per byte.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
