/// What does not hold in a proof, a note, a key or a checkpoint. Each case is a code; the
/// command line words it for the reader in their language.
public enum TransparencyLogError: Error, Hashable, Sendable {
    /// The store of hashes did not give every hash asked for.
    case missingHashes
    /// Sizes or indexes that cannot go together (a leaf at or beyond the tree's size).
    case invalidRange
    /// The proof does not lead to the root it is checked against.
    case proofFailed
    /// A note, checkpoint or key that is not well-formed: what is wrong with it.
    case malformed(Defect)
    /// No signature of the note is by a key the verifier knows.
    case noKnownSignature
    /// A signature by a known key that does not verify.
    case badSignature(keyName: String)

    /// What is wrong with a note, a checkpoint or a key.
    public enum Defect: String, Hashable, Sendable, CaseIterable {
        case noteTooLarge, noteNotUTF8, noteControlCharacter, noteNoBlankLine, noteNoFinalNewline,
             noteNotASignatureLine, noteBadSignatureLine, noteNoSignature, noteTooManySignatures, textNoFinalNewline
        case checkpointNoFinalNewline, checkpointTooFewLines, checkpointEmptyOrigin, checkpointBadSize,
             checkpointBadRoot, checkpointEmptyExtension
        case keyBadName, keyNotThreeParts, keyBadId, keyNotEd25519, keyIdMismatch, keyBadPublicKey,
             signerNotFiveParts, signerNotEd25519, signingFailed
    }
}
