import Foundation

/// The README's hash recipe, recomputed the way a third party would: without the store's
/// code, with the system's `sha256sum`.
public enum ChainRecipe {
    /// SHA-256 of `data` (lower-case hex) through `sha256sum`.
    public static func sha256Hex(_ data: Data, in dir: TemporaryDirectory) throws -> String {
        let file = dir.file("hash-input-\(UUID().uuidString.prefix(8))")
        try data.write(to: URL(fileURLWithPath: file))
        return String(try shell("sha256sum \(shellQuote(file))").stdout.prefix(64))
    }

    /// Each field as an 8-byte big-endian length and its UTF-8 bytes.
    public static func lengthPrefixed(_ fields: [String]) -> Data {
        var data = Data()
        for field in fields {
            let bytes = Array(field.utf8)
            let length = UInt64(bytes.count)
            for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8((length >> UInt64(shift)) & 0xFF)) }
            data.append(contentsOf: bytes)
        }
        return data
    }

    /// The version-2 hash input of an event's fields (prevHash, seq, at, userId, employee,
    /// kind, customer, payload).
    public static func versionTwoInput(_ fields: [String]) -> Data {
        lengthPrefixed(["consentdesk-chain-v2"] + fields)
    }
}

/// Whether this run may mount a small tmpfs (root, and a kernel that lets it): the full-disk
/// tests need one.
public var canMountTmpfs: Bool {
    guard getuid() == 0 else { return false }
    let probe = TemporaryDirectory("probe")
    guard (try? shell("mount -t tmpfs -o size=1m tmpfs \(shellQuote(probe.path))"))?.status == 0 else { return false }
    _ = try? shell("umount \(shellQuote(probe.path))")
    return true
}
