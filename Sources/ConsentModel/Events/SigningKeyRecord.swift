/// A desk's signing key as the history records it (`key init` adds one, `key retire`
/// retires it): the C2SP verifier key an auditor is handed, never the private key.
public struct SigningKeyRecord: Hashable, Sendable, Codable {
    /// The key's name (a checkpoint's signature line names it).
    public let name: String
    /// The key id, 8 lower-case hex digits.
    public let keyId: String
    /// `name+keyid+base64(0x01 ‖ Ed25519 public key)`.
    public let verifierKey: String

    public init(name: String, keyId: String, verifierKey: String) {
        self.name = name
        self.keyId = keyId
        self.verifierKey = verifierKey
    }
}
