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

    /// The columns `recomputed` reads, in its order: `SELECT` them from `events ORDER BY seq`.
    public static let rowColumns = "seq, at, userId, employee, kind, ifnull(customer, ''), hex(payload)"

    /// What an attacker who knows the recipe writes after changing the history: for each row
    /// of `rows` (sqlite3's output of `rowColumns`), `edit` may change the fields (seq, at,
    /// userId, employee, kind, customer, payload), and every hash is recomputed in order.
    /// Returns the SQL that writes the new employee, prevHash and hash of each event, and the hashes.
    public static func recomputed(_ rows: String, in dir: TemporaryDirectory,
                                  edit: ([String]) -> [String] = { $0 }) throws -> (sql: String, hashes: [String]) {
        var previous = String(repeating: "0", count: 64)
        var sql = ""
        var hashes: [String] = []
        for line in rows.split(separator: "\n") {
            var f = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let bytes = stride(from: 0, to: f[6].count, by: 2).compactMap { i -> UInt8? in
                let start = f[6].index(f[6].startIndex, offsetBy: i)
                return UInt8(f[6][start..<f[6].index(start, offsetBy: 2)], radix: 16)
            }
            f[6] = String(decoding: bytes, as: UTF8.self)
            f = edit(f)
            let hash = try sha256Hex(versionTwoInput([previous] + f), in: dir)
            sql += "UPDATE events SET employee = '\(f[3].replacingOccurrences(of: "'", with: "''"))', prevHash = '\(previous)', hash = '\(hash)' WHERE seq = \(f[0]);"
            previous = hash
            hashes.append(hash)
        }
        return (sql, hashes)
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
