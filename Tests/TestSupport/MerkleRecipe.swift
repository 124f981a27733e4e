import Foundation
import TransparencyLog

/// What an attacker who rewrites the history also does to hide it from the store's own
/// checks: rebuilds the Merkle tree of the events (RFC 6962, the published recipe).
public enum MerkleRecipe {
    /// Every hash the store keeps for the tree of `eventHashes` (lower-case hex, in index order).
    public static func storedHashes(eventHashes: [String]) -> [String] {
        var builder = TreeBuilder()
        return eventHashes.flatMap { hash in
            builder.append(.leaf(TreeHash(hex: hash)?.bytes ?? [])).map(\.hex)
        }
    }

    /// SQL that replaces the store's Merkle tree with the tree of `eventHashes` (hex, in
    /// event order): the triggers dropped, the rows and the tree size rewritten.
    public static func rebuildSQL(eventHashes: [String]) -> String {
        var builder = TreeBuilder()
        var values: [String] = []
        for hash in eventHashes {
            guard let bytes = TreeHash(hex: hash)?.bytes else { continue }
            var index = StoredHashIndex.index(level: 0, builder.size)
            for stored in builder.append(.leaf(bytes)) {
                values.append("(\(index), X'\(stored.hex)')")
                index += 1
            }
        }
        var sql = "DROP TRIGGER IF EXISTS merkle_no_delete; DELETE FROM merkle;"
        if !values.isEmpty { sql += "INSERT INTO merkle (idx, hash) VALUES " + values.joined(separator: ",") + ";" }
        return sql + "UPDATE meta SET value = '\(builder.size)' WHERE key = 'treeSize';"
    }
}
