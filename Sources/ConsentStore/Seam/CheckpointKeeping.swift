import ConsentModel
import Foundation
import TransparencyLog

/// Signed checkpoints of the history (RFC 6962 tree, signed notes) and the signing keys
/// recorded for them, as `proof` and `checkpoint` use them.
public protocol CheckpointKeeping: AnyObject, Sendable {
    /// The origin line of this store's checkpoints.
    func transparencyOrigin() throws(StoreError) -> String
    /// Every signing key recorded, oldest first.
    func signingKeys() throws(StoreError) -> [RecordedSigningKey]
    /// Signs a checkpoint of the whole history with `signer` and records it.
    func issueCheckpoint(signer: SignerKey) throws(StoreError) -> SignedNote
    /// Checks a checkpoint's signatures and that this history extends it.
    func checkCheckpoint(_ data: Data, keys given: [VerifierKey]?) throws(StoreError) -> CheckpointCheck
    /// This desk's active signing key, if it holds one.
    func deskSigner() -> SignerKey?
    /// Customer `tenantId`'s evidence pack as of `now`, read at one moment (signed by
    /// `signer`, or this desk's key, when the store was opened to write).
    func evidencePack(of tenantId: String, now: Date, signer: SignerKey?) throws(StoreError) -> EvidencePack
}
