import ConsentModel
import Foundation
import GRDB
import TransparencyLog

/// The events as the leaves of an RFC 6962 Merkle tree, kept in the store: leaf i
/// (zero-based) is event i + 1, its data the 32 bytes of the event's `hash`. The hashes of
/// complete subtrees are stored by `StoredHashIndex` (`merkle`, append-only), so appending
/// an event stores 1 + (trailing ones) hashes and a proof reads O(log n) of them.
/// `meta.treeSize` says how many events the stored tree covers; every write transaction
/// that appends events brings it up to the head before it commits.
enum MerkleTable {
    /// Migration: the tables, their append-only triggers, and the tree of the events so far.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE merkle (idx INTEGER PRIMARY KEY, hash BLOB NOT NULL);
            CREATE TRIGGER merkle_no_update BEFORE UPDATE ON merkle
                BEGIN SELECT RAISE(ABORT, 'the Merkle tree is append-only'); END;
            CREATE TRIGGER merkle_no_delete BEFORE DELETE ON merkle
                BEGIN SELECT RAISE(ABORT, 'the Merkle tree is append-only'); END;
            CREATE TABLE checkpoints (
                size INTEGER NOT NULL,
                keyId TEXT NOT NULL,
                at TEXT NOT NULL,
                note TEXT NOT NULL
            );
            CREATE INDEX checkpoints_size ON checkpoints(size);
            CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
                BEGIN SELECT RAISE(ABORT, 'issued checkpoints are kept as they are'); END;
            CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
                BEGIN SELECT RAISE(ABORT, 'issued checkpoints are kept as they are'); END;
            INSERT INTO meta (key, value) VALUES ('treeSize', '0');
            """)
        try catchUp(db)
    }

    /// How many events the stored tree covers.
    static func size(_ db: Database) throws -> Int64 {
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'treeSize'"), let size = Int64(text), size >= 0 else {
            throw StoreError.damaged(table: "meta", row: "treeSize", detail: tr("store.damaged.unreadable", "value"))
        }
        return size
    }

    /// Stored hashes by index, for the proof functions.
    static func reader(_ db: Database) -> MerkleProofs.HashReader {
        { indexes in
            let select = try db.cachedStatement(sql: "SELECT hash FROM merkle WHERE idx = ?")
            return try indexes.map { index in
                guard let data = try Data.fetchOne(select, arguments: [index]), let hash = TreeHash(bytes: Array(data)) else {
                    throw StoreError.damaged(table: "merkle", row: String(index), detail: tr("store.damaged.unreadable", "hash"))
                }
                return hash
            }
        }
    }

    /// The leaf of an event: SHA-256(0x00 ‖ the 32 bytes of its hash); nil for a hash that
    /// is not 64 hex digits (`verify` reports that event).
    static func leaf(eventHash: String) -> TreeHash? {
        TreeHash(hex: eventHash).map { .leaf($0.bytes) }
    }

    /// Brings the stored tree up to the newest event. Stops before an event whose hash
    /// cannot be read or whose number leaves a gap (the chain check names it); never rewrites.
    static func catchUp(_ db: Database) throws {
        let start = try size(db)
        var builder = try TreeBuilder(size: start, read: reader(db))
        let events = try Row.fetchCursor(db, sql: "SELECT seq, hash FROM events WHERE seq > ? ORDER BY seq", arguments: [start])
        let insert = try db.cachedStatement(sql: "INSERT INTO merkle (idx, hash) VALUES (?, ?)")
        while let row = try events.next() {
            let seq: Int64 = row[0]
            guard seq == builder.size + 1, let hash: String = row[1], let leaf = leaf(eventHash: hash) else { break }
            var index = StoredHashIndex.index(level: 0, builder.size)
            for stored in builder.append(leaf) {
                try insert.execute(arguments: [index, Data(stored.bytes)])
                index += 1
            }
        }
        if builder.size != start {
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'treeSize'", arguments: [String(builder.size)])
        }
    }

    /// The root of the first `size` events from the stored tree.
    static func root(_ db: Database, size: Int64) throws -> TreeHash {
        try MerkleProofs.treeHash(size: size, read: reader(db))
    }

    /// Recomputes the tree from the events and compares it with every stored hash. Returns
    /// the first event whose stored hashes differ (or that the tree lacks), nil when they agree.
    static func firstDifference(_ db: Database) throws -> (seq: Int64, problem: String)? {
        let stored = try size(db)
        let head = try ConsentStore.headSeq(db)
        var builder = TreeBuilder()
        let events = try Row.fetchCursor(db, sql: "SELECT seq, hash FROM events ORDER BY seq")
        let hashes = try Row.fetchCursor(db, sql: "SELECT idx, hash FROM merkle ORDER BY idx")
        var expectedIndex: Int64 = 0
        while let row = try events.next(), builder.size < stored {
            let seq: Int64 = row[0]
            guard let hash: String = row[1], let leaf = leaf(eventHash: hash) else {
                return (seq, tr("verify.tree.unreadableHash"))
            }
            for computed in builder.append(leaf) {
                guard let next = try hashes.next() else { return (seq, tr("verify.tree.missing", stored)) }
                let index: Int64 = next[0]
                let data: Data? = next[1]
                if index != expectedIndex || data.map({ Array($0) }) != computed.bytes {
                    return (seq, tr("verify.tree.differs"))
                }
                expectedIndex += 1
            }
        }
        if builder.size < stored { return (builder.size + 1, tr("verify.tree.beyondHead", stored, head)) }
        if try hashes.next() != nil { return (stored, tr("verify.tree.extra", stored)) }
        return nil
    }
}
