import ConsentModel
import Foundation
import GRDB
import TransparencyLog

/// A signing key as the store's history records it.
public struct RecordedSigningKey: Sendable, Hashable {
    public let record: SigningKeyRecord
    /// The event that added it, when and by whom.
    public let addedSeq: Int64
    public let addedAt: Date
    public let addedBy: String
    /// The event that retired it, if any.
    public let retiredSeq: Int64?

    public var isActive: Bool { retiredSeq == nil }
}

/// A checkpoint the store issued (`checkpoints`): its signed note exactly as written.
public struct IssuedCheckpoint: Sendable, Hashable {
    public let size: Int64
    public let keyId: String
    public let at: String
    /// The signed note's text.
    public let note: String
}

/// What `verify --checkpoint` found.
public struct CheckpointCheck: Sendable, Hashable {
    /// The checkpoint's tree size and the store's.
    public let checkpointSize: Int64
    public let storeSize: Int64
    /// Which keys' signatures verified (their names).
    public let signedBy: [String]
    /// Nil when the store's history extends the checkpoint's unaltered; else what does not
    /// hold, in words.
    public let problem: String?
    /// The largest size up to which the store still matches a checkpoint it issued, when the
    /// store can tell where the difference begins.
    public let matchesUpTo: Int64?
}

extension ConsentStore {
    /// The log's origin line: `consentdesk/<store id>` (a backup or copy keeps it).
    static func origin(_ db: Database) throws -> String {
        "consentdesk/" + (try StoreIdentity.read(db) ?? "unknown")
    }

    /// This desk's active signing key of the store, when it signs checkpoints
    /// (`signCheckpoints(with:)`) and holds one; nil otherwise.
    public func deskSigner() -> SignerKey? {
        guard let signing = signing.signing else { return nil }
        return try? read { db in try signing.signer(db) }
    }

    /// The store's origin line for checkpoints.
    public func transparencyOrigin() throws(StoreError) -> String {
        try read { db in try Self.origin(db) }
    }

    /// Every signing key the history records, oldest first.
    public func signingKeys() throws(StoreError) -> [RecordedSigningKey] {
        try read { db in try Self.signingKeys(db) }
    }

    static func signingKeys(_ db: Database) throws -> [RecordedSigningKey] {
        var keys: [RecordedSigningKey] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(eventColumns) FROM events WHERE kind IN (\(EventKind.sqlList([.keyAdded, .keyRetired]))) ORDER BY seq
            """)
        while let row = try rows.next() {
            let stored = try storedEvent(row)
            switch try? stored.event() {
            case .keyAdded(let record)?:
                keys.append(RecordedSigningKey(record: record, addedSeq: stored.seq, addedAt: stored.at,
                                               addedBy: stored.employee, retiredSeq: nil))
            case .keyRetired(let keyId)?:
                keys = keys.map { key in
                    key.record.keyId == keyId && key.isActive
                        ? RecordedSigningKey(record: key.record, addedSeq: key.addedSeq, addedAt: key.addedAt,
                                             addedBy: key.addedBy, retiredSeq: stored.seq)
                        : key
                }
            case nil, .profileSet?, .templateAdded?, .templateRetired?, .customerAdded?, .customerEdited?, .confirmed?,
                 .requested?, .withdrawn?, .imported?, .voided?, .noted?:
                continue
            }
        }
        return keys
    }

    /// The verifier keys of every key the history records (retired ones too: their old
    /// signatures still verify).
    static func verifierKeys(_ db: Database) throws -> [VerifierKey] {
        try signingKeys(db).compactMap { try? VerifierKey(parsing: $0.record.verifierKey) }
    }

    /// The checkpoints the store issued, smallest tree first.
    public func issuedCheckpoints() throws(StoreError) -> [IssuedCheckpoint] {
        try read { db in try Self.issuedCheckpoints(db) }
    }

    static func issuedCheckpoints(_ db: Database) throws -> [IssuedCheckpoint] {
        try Row.fetchAll(db, sql: "SELECT size, keyId, at, note FROM checkpoints ORDER BY size, rowid").map {
            IssuedCheckpoint(size: $0[0], keyId: $0[1], at: $0[2], note: $0[3])
        }
    }

    /// Signs a checkpoint of the whole history with `signer` (a key the store records and has
    /// not retired), keeps it in the store, and returns its signed note.
    public func issueCheckpoint(signer: SignerKey) throws(StoreError) -> SignedNote {
        let (note, anchor) = try write { session in
            let note = try Self.issueCheckpoint(session.db, signer: signer, at: session.at)
            let anchor = Anchor(store: try StoreIdentity.id(session.db), seq: session.headSeq, hash: session.headHash,
                                at: session.at, file: location.resolvedFilePath, checkpoint: note.formatted)
            return ((note, anchor), true)
        }
        // The anchor journal keeps the checkpoint too, outside the store (after the commit).
        if let journal = anchors.journal { journal.append(anchor, protecting: location) }
        return note
    }

    /// Whether a checkpoint kept in an anchor journal still holds for the store: signed by a
    /// key the history records, of this log, and the store's tree at its size has its root.
    /// Nil when it holds; otherwise why not, in words.
    static func anchoredCheckpointProblem(_ db: Database, _ text: String) throws -> String? {
        guard let note = try? SignedNote(parsing: Data(text.utf8)), let checkpoint = try? Checkpoint(text: note.text) else {
            return tr("verify.anchorCheckpoint.unreadable")
        }
        if (try? note.verified(by: try verifierKeys(db))) == nil { return tr("verify.anchorCheckpoint.signature", checkpoint.size) }
        if checkpoint.origin != (try origin(db)) { return nil } // another store's: its own anchors say so
        let size = try MerkleTable.size(db)
        if checkpoint.size > size { return tr("verify.checkpoint.truncated", checkpoint.size, size) }
        if checkpoint.size > 0, try MerkleTable.root(db, size: checkpoint.size) != checkpoint.root {
            return tr("verify.checkpoint.rewritten", checkpoint.size)
        }
        return nil
    }

    static func issueCheckpoint(_ db: Database, signer: SignerKey, at: String) throws -> SignedNote {
        let id = String(format: "%08x", signer.verifier.keyId)
        guard let recorded = try signingKeys(db).first(where: { $0.record.keyId == id && $0.record.verifierKey == signer.verifier.description }) else {
            throw StoreError.proof(.unknownKey(id))
        }
        guard recorded.isActive else { throw StoreError.proof(.keyRetired(keyId: id)) }
        try MerkleTable.catchUp(db)
        let size = try MerkleTable.size(db)
        let checkpoint = Checkpoint(origin: try origin(db), size: size, root: try MerkleTable.root(db, size: size))
        let note: SignedNote
        do {
            note = try signer.signedNote(checkpoint.text)
        } catch {
            throw StoreError.proof(.malformed(what: tr("proof.what.checkpoint"), error))
        }
        try db.execute(sql: "INSERT INTO checkpoints (size, keyId, at, note) VALUES (?, ?, ?, ?)",
                       arguments: [size, id, at, note.formatted])
        return note
    }

    /// Checks a signed checkpoint against the store: the signature (by `keys`, else by the
    /// keys the history records), the origin, and that the store's history up to the
    /// checkpoint's size is the one it signed (the store's tree at that size has its root,
    /// and a consistency proof leads from it to today's root). Call `verify` too: it checks
    /// the stored tree against the events.
    public func checkCheckpoint(_ data: Data, keys given: [VerifierKey]?) throws(StoreError) -> CheckpointCheck {
        try read { db in
            let note: SignedNote
            do {
                note = try SignedNote(parsing: data)
            } catch {
                throw StoreError.proof(.malformed(what: tr("proof.what.checkpoint"), error as? TransparencyLogError ?? .proofFailed))
            }
            let keys = try given ?? Self.verifierKeys(db)
            guard !keys.isEmpty else { throw StoreError.proof(.noSigningKey) }
            let signers: [VerifierKey]
            do {
                signers = try note.verified(by: keys)
            } catch {
                throw StoreError.proof(.malformed(what: tr("proof.what.checkpoint"), error as? TransparencyLogError ?? .proofFailed))
            }
            let checkpoint: Checkpoint
            do {
                checkpoint = try Checkpoint(text: note.text)
            } catch {
                throw StoreError.proof(.malformed(what: tr("proof.what.checkpoint"), error as? TransparencyLogError ?? .proofFailed))
            }
            let storeSize = try MerkleTable.size(db)
            func result(_ problem: String?, matches: Int64? = nil) -> CheckpointCheck {
                CheckpointCheck(checkpointSize: checkpoint.size, storeSize: storeSize, signedBy: signers.map(\.name),
                                problem: problem, matchesUpTo: matches)
            }
            let origin = try Self.origin(db)
            guard checkpoint.origin == origin else {
                return result(tr("verify.checkpoint.otherOrigin", UntrustedText.escaped(checkpoint.origin), origin))
            }
            guard checkpoint.size <= storeSize else {
                return result(tr("verify.checkpoint.truncated", checkpoint.size, storeSize), matches: try Self.lastMatchingCheckpoint(db, below: storeSize + 1))
            }
            if checkpoint.size == 0 { return result(nil) }
            let old = try MerkleTable.root(db, size: checkpoint.size)
            guard old == checkpoint.root else {
                return result(tr("verify.checkpoint.rewritten", checkpoint.size), matches: try Self.lastMatchingCheckpoint(db, below: checkpoint.size))
            }
            let root = try MerkleTable.root(db, size: storeSize)
            let proof = try MerkleProofs.consistencyProof(from: checkpoint.size, to: storeSize, read: MerkleTable.reader(db))
            do {
                try MerkleProofs.checkConsistency(proof, from: checkpoint.size, checkpoint.root, to: storeSize, root)
            } catch {
                return result(tr("verify.checkpoint.inconsistent", checkpoint.size, storeSize))
            }
            return result(nil)
        }
    }

    /// The largest size below `limit` at which the store's tree still has the root of a
    /// checkpoint it issued and whose signature verifies (nil when none does): the history
    /// up to there is as signed.
    static func lastMatchingCheckpoint(_ db: Database, below limit: Int64) throws -> Int64? {
        let keys = try verifierKeys(db)
        let origin = try origin(db)
        let size = try MerkleTable.size(db)
        var best: Int64?
        for issued in try issuedCheckpoints(db) where issued.size < limit && issued.size <= size {
            guard let note = try? SignedNote(parsing: Data(issued.note.utf8)), (try? note.verified(by: keys)) != nil,
                  let checkpoint = try? Checkpoint(text: note.text), checkpoint.origin == origin,
                  checkpoint.size == issued.size, try MerkleTable.root(db, size: issued.size) == checkpoint.root else { continue }
            best = max(best ?? 0, issued.size)
        }
        return best
    }

    /// For `verify`: the stored tree against the events, and every issued checkpoint against
    /// the tree and its signature. Nil when all hold; else the first event concerned and why.
    static func verifyTransparency(_ db: Database) throws -> (seq: Int64?, problem: String)? {
        guard try db.tableExists("merkle") else { return nil }
        if let difference = try MerkleTable.firstDifference(db) { return (difference.seq, difference.problem) }
        let size = try MerkleTable.size(db)
        let head = try headSeq(db)
        if size < head { return (size + 1, tr("verify.tree.behind", size, head)) }
        let keys = try verifierKeys(db)
        let origin = try origin(db)
        for issued in try issuedCheckpoints(db) {
            guard let note = try? SignedNote(parsing: Data(issued.note.utf8)), let checkpoint = try? Checkpoint(text: note.text),
                  checkpoint.size == issued.size else {
                return (nil, tr("verify.checkpoint.storedUnreadable", issued.size))
            }
            if (try? note.verified(by: keys)) == nil { return (nil, tr("verify.checkpoint.storedSignature", issued.size)) }
            if checkpoint.origin != origin { return (nil, tr("verify.checkpoint.storedOrigin", issued.size)) }
            var matches = checkpoint.size <= size
            if matches && checkpoint.size > 0 { matches = try MerkleTable.root(db, size: checkpoint.size) == checkpoint.root }
            if !matches {
                return (min(checkpoint.size, size), tr("verify.checkpoint.storedRoot", issued.size))
            }
        }
        return nil
    }

    /// Inclusion proofs of events `seqs` in the tree of `size` leaves (each RFC 9162 order).
    static func inclusionProofs(_ db: Database, seqs: [Int64], size: Int64) throws -> [Int64: [TreeHash]] {
        let read = MerkleTable.reader(db)
        var out: [Int64: [TreeHash]] = [:]
        for seq in seqs where seq <= size {
            out[seq] = try MerkleProofs.inclusionProof(leaf: seq - 1, size: size, read: read)
        }
        return out
    }
}
