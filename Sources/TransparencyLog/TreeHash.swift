import Crypto
import Foundation

/// A SHA-256 hash in a transparency log: a leaf, an interior node or a tree's root
/// (RFC 6962 / RFC 9162 hashing).
public struct TreeHash: Hashable, Sendable, CustomStringConvertible {
    /// Its 32 bytes.
    public let bytes: [UInt8]

    /// Wraps 32 bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    init<D: Digest>(digest: D) {
        bytes = Array(digest)
    }

    /// Standard base64, as checkpoints and proofs write hashes.
    public var base64: String { Data(bytes).base64EncodedString() }

    /// Lower-case hex.
    public var hex: String { bytes.map { String(format: "%02x", $0) }.joined() }

    public var description: String { base64 }

    /// Reads standard base64 of exactly 32 bytes.
    public init?(base64: String) {
        guard base64.count == 44, let data = Data(base64Encoded: base64), data.count == 32 else { return nil }
        bytes = Array(data)
    }

    /// Reads 64 hex digits (either case).
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: return nil
            }
        }
        var i = 0
        while i < 64 {
            guard let high = value(digits[i]), let low = value(digits[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        bytes = out
    }

    /// The hash of a leaf holding `data`: SHA-256(0x00 ‖ data).
    public static func leaf<Bytes: Sequence>(_ data: Bytes) -> TreeHash where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: Array(data))
        return TreeHash(digest: hasher.finalize())
    }

    /// The hash of an interior node: SHA-256(0x01 ‖ left ‖ right).
    public static func node(_ left: TreeHash, _ right: TreeHash) -> TreeHash {
        var buffer = [UInt8](repeating: 0, count: 65)
        buffer[0] = 0x01
        buffer.replaceSubrange(1..<33, with: left.bytes)
        buffer.replaceSubrange(33..<65, with: right.bytes)
        return TreeHash(digest: SHA256.hash(data: buffer))
    }

    /// The root of the empty tree: SHA-256 of nothing.
    public static let empty = TreeHash(digest: SHA256.hash(data: [UInt8]()))
}
