import ConsentModel
import TransparencyLog

/// Why a signing key, a checkpoint or a proof could not be made or does not hold. Every
/// message says what to do.
public enum ProofError: Error, Equatable, Sendable, CustomStringConvertible {
    /// This desk holds no active signing key of this store.
    case noSigningKey
    /// The key folder could not be made.
    case keyFolder(path: String)
    /// A key file could not be written or read (the words say which and why).
    case keyFile(String)
    /// A private key file others can read: it is not used.
    case keyShared(path: String)
    /// The store already records this key.
    case keyExists(keyId: String)
    /// No key with this id (or verifier key) is recorded in the store.
    case unknownKey(String)
    /// The key was retired already.
    case keyRetired(keyId: String)
    /// A key name that cannot name a key.
    case invalidKeyName(String)
    /// This desk holds no witness key (one not recorded as a desk key of the store).
    case noWitnessKey
    /// Several witness keys are held and none was named: their names.
    case witnessNotNamed([String])
    /// The checkpoint already carries this key's signature.
    case alreadyCosigned(name: String)
    /// A verifier key, checkpoint, note or pack that is not well-formed, or a proof that
    /// fails: `what` names the thing (a file name, "the checkpoint").
    case malformed(what: String, TransparencyLogError)

    public var description: String {
        switch self {
        case .noSigningKey: return tr("proof.noSigningKey")
        case .noWitnessKey: return tr("proof.noWitnessKey")
        case .witnessNotNamed(let names): return tr("proof.witnessNotNamed", names.map(UntrustedText.escaped).joined(separator: ", "))
        case .alreadyCosigned(let name): return tr("proof.alreadyCosigned", UntrustedText.escaped(name))
        case .keyFolder(let path): return tr("proof.keyFolder", UntrustedText.escaped(path))
        case .keyFile(let words): return words
        case .keyShared(let path): return tr("proof.keyShared", UntrustedText.escaped(path))
        case .keyExists(let id): return tr("proof.keyExists", UntrustedText.escaped(id))
        case .unknownKey(let id): return tr("proof.unknownKey", UntrustedText.escaped(id))
        case .keyRetired(let id): return tr("proof.keyRetired", UntrustedText.escaped(id))
        case .invalidKeyName(let name): return tr("proof.invalidKeyName", UntrustedText.escaped(name))
        case .malformed(let what, let error): return tr("proof.malformed", UntrustedText.escaped(what), ProofError.words(error))
        }
    }

    /// The reader's words for what does not hold.
    public static func words(_ error: TransparencyLogError) -> String {
        switch error {
        case .missingHashes: return tr("proof.why.missingHashes")
        case .invalidRange: return tr("proof.why.invalidRange")
        case .proofFailed: return tr("proof.why.proofFailed")
        case .malformed(let defect): return tr("proof.defect.\(defect.rawValue)")
        case .noKnownSignature: return tr("proof.why.noKnownSignature")
        case .badSignature(let name): return tr("proof.why.badSignature", UntrustedText.escaped(name))
        }
    }
}
