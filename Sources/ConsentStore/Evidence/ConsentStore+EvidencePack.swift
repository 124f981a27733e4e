import ConsentModel
import Foundation
import GRDB
import TransparencyLog

extension ConsentStore {
    /// Customer `tenantId`'s evidence pack as of `now`, read in one transaction. With `signer`
    /// (this desk's active signing key) a checkpoint of the whole history is signed first when
    /// the newest one does not cover it, and the pack carries the signed statement of the
    /// customer's events.
    public func evidencePack(of tenantId: String, now: Date, signer: SignerKey?) throws(StoreError) -> EvidencePack {
        let id = tenantId.lowercased()
        // A desk that signs checkpoints (the app, a writing command) signs the pack's proof too.
        let signer = mode == .readWrite ? signer ?? deskSigner() : nil
        if let signer {
            let covered = try read { db in
                try Self.issuedCheckpoints(db).last.map { $0.size >= (try Self.headSeq(db)) } ?? false
            }
            if !covered { _ = try issueCheckpoint(signer: signer) }
        }
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(CustomerTable.columns) FROM customers WHERE tenantId = ?",
                                             arguments: [id]) else { throw StoreError.unknownCustomer(tenantId) }
            let customer = try CustomerTable.customer(row, subscriptions: true)
            let events = try Row.fetchAll(db, sql: "SELECT \(Self.eventColumns) FROM events WHERE customer = ? ORDER BY seq",
                                          arguments: [id]).map { row throws(StoreError) in try Self.storedEvent(row) }
            let head = try Self.head(db)
            var pack = EvidencePack(customer: customer, profile: try StateTable.profile(db), catalog: try StateTable.catalog(db),
                                    events: events, head: StoreHead(seq: head.seq, hash: head.hash), madeAt: now)
            if try db.tableExists("merkle"), var proof = try EvidenceProof.read(db, events: events, signer: signer) {
                if let signer, proof.signedBySigner {
                    let text = EvidenceProof.statement(origin: proof.origin, size: proof.treeSize, root: proof.root,
                                                       tenantId: customer.tenantId, stated: pack.stated,
                                                       events: events.map { ($0.seq, $0.hash) })
                    proof.customerEvents = try? signer.signedNote(text).formatted
                }
                pack.proof = proof
            }
            return pack
        }
    }
}
