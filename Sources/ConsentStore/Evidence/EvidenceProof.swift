import ConsentModel
import Foundation
import GRDB
import TransparencyLog

/// What an evidence pack carries so an auditor can check it without the store: a signed
/// checkpoint of the partner's whole log, each of the customer's events' inclusion proofs
/// in that tree, and — when this desk holds the key — the desk's signed statement of which
/// events the log holds for the customer at that size (so a left-out event is a signed lie
/// that any later pack or the store refutes).
public struct EvidenceProof: Sendable, Hashable {
    /// The signed checkpoint's note, exactly as signed.
    public let checkpoint: String
    public let origin: String
    public let treeSize: Int64
    public let root: TreeHash
    /// Inclusion proof of each of the customer's events, by sequence number.
    public let inclusion: [Int64: [TreeHash]]
    /// The signed statement of the customer's events at `treeSize` (nil without a key).
    public internal(set) var customerEvents: String?
    /// Whether the checkpoint was signed by the key that can sign the statement.
    let signedBySigner: Bool

    /// The first line of a customer-events statement.
    public static let statementTag = "consentdesk-customer-events/v1"

    /// What the desk states of the customer on the pack's day, beside its events: the
    /// status and the gate (they depend on the catalogue and the policy, which the pack does
    /// not prove, so the desk signs them).
    public struct Stated: Sendable, Hashable {
        public let day: String
        public let status: String
        public let blocked: Bool
        /// `transaction=allowed|blocked`, in `Transaction.allCases` order.
        public let gate: [String]

        public init(day: String, status: String, blocked: Bool, gate: [String]) {
            self.day = day
            self.status = status
            self.blocked = blocked
            self.gate = gate
        }
    }

    /// The statement's text: tag, origin, tree size, root, tenant id, `day D`, `status S`,
    /// `blocked B`, `gate T=A …`, the count, then one line `seq hash` per event, oldest first.
    public static func statement(origin: String, size: Int64, root: TreeHash, tenantId: String, stated: Stated,
                                 events: [(seq: Int64, hash: String)]) -> String {
        var lines = [statementTag, origin, String(size), root.base64, tenantId, "day " + stated.day, "status " + stated.status,
                     "blocked " + String(stated.blocked), "gate " + stated.gate.joined(separator: " "), String(events.count)]
        lines += events.map { "\($0.seq) \($0.hash)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The proof for `events` (the customer's, oldest first) in `db`: the newest issued
    /// checkpoint that covers them all; nil when none does.
    static func read(_ db: Database, events: [StoredEvent], signer: SignerKey?) throws -> EvidenceProof? {
        let last = events.last?.seq ?? 0
        let origin = try ConsentStore.origin(db)
        let keys = try ConsentStore.verifierKeys(db)
        // The newest checkpoint first: the largest tree the store signed that holds every event.
        for issued in try ConsentStore.issuedCheckpoints(db).reversed() where issued.size >= last && issued.size > 0 {
            guard let note = try? SignedNote(parsing: Data(issued.note.utf8)), (try? note.verified(by: keys)) != nil,
                  let checkpoint = try? Checkpoint(text: note.text), checkpoint.origin == origin, checkpoint.size == issued.size,
                  try MerkleTable.size(db) >= checkpoint.size,
                  try MerkleTable.root(db, size: checkpoint.size) == checkpoint.root else { continue }
            let inclusion = try ConsentStore.inclusionProofs(db, seqs: events.map(\.seq), size: checkpoint.size)
            let bySigner = signer.map { signer in
                note.signatures.contains { $0.keyId == signer.verifier.keyId && $0.keyName == signer.name }
            } ?? false
            return EvidenceProof(checkpoint: issued.note, origin: origin, treeSize: checkpoint.size, root: checkpoint.root,
                                 inclusion: inclusion, customerEvents: nil, signedBySigner: bySigner)
        }
        return nil
    }
}
