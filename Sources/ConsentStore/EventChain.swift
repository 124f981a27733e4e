import Crypto
import Foundation

/// The hash chain over the history: each event's hash covers the previous hash and
/// every stored column of the event, so changing any byte breaks the chain there.
///
/// Two recipes ("chain formats") exist; each event records the one it was hashed with
/// (`events.chainVersion`), and a store never goes back from 2 to 1:
/// - **1** (stores made before the format was versioned): SHA-256 over
///   `prevHash, seq, at, userId, employee, kind, customer, payload`, each as UTF-8
///   followed by the byte 0x1F. Ambiguous when a field itself holds 0x1F.
/// - **2** (every event written today): SHA-256 over the fields
///   `"consentdesk-chain-v2", prevHash, seq, at, userId, employee, kind, customer, payload`,
///   each as an 8-byte big-endian length followed by its UTF-8 bytes. `seq` is written in
///   decimal; an event without a customer hashes an empty customer field.
public enum EventChain {
    /// The "previous hash" of the first event.
    public static let genesis = String(repeating: "0", count: 64)
    /// The recipe new events are hashed with.
    public static let currentVersion = 2
    /// The first field of every version-2 hash input.
    public static let versionTwoTag = "consentdesk-chain-v2"

    /// The exact bytes hashed for an event under chain format `version`; nil for a format
    /// this build does not know.
    public static func hashInput(version: Int, previous: String, seq: Int64, at: String, userId: String,
                                 employee: String, kind: String, customer: String?, payload: String) -> Data? {
        let fields = [previous, String(seq), at, userId, employee, kind, customer ?? "", payload]
        var input = Data()
        switch version {
        case 1:
            for field in fields {
                input.append(contentsOf: field.utf8)
                input.append(0x1F)
            }
        case 2:
            for field in [versionTwoTag] + fields {
                let bytes = Array(field.utf8)
                var length = UInt64(bytes.count).bigEndian
                withUnsafeBytes(of: &length) { input.append(contentsOf: $0) }
                input.append(contentsOf: bytes)
            }
        default:
            return nil
        }
        return input
    }

    /// Lower-case hex SHA-256 of `input`.
    public static func hash(input: Data) -> String {
        hex(SHA256.hash(data: input))
    }

    /// The hash of an event under chain format `version`; nil for an unknown format. The
    /// same bytes as `hashInput` go into SHA-256 field by field, without building them in
    /// memory first (this runs for every event written and verified).
    static func hash(version: Int, previous: String, seq: Int64, at: String, userId: String, employee: String,
                     kind: String, customer: String?, payload: String) -> String? {
        var hasher = SHA256()
        func field(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                if version == 2 {
                    var length = UInt64(bytes.count).bigEndian
                    withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
                }
                hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
                if version == 1 { withUnsafeBytes(of: UInt8(0x1F)) { hasher.update(bufferPointer: $0) } }
            }
        }
        switch version {
        case 1: break
        case 2: field(versionTwoTag)
        default: return nil
        }
        for text in [previous, String(seq), at, userId, employee, kind, customer ?? "", payload] { field(text) }
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
