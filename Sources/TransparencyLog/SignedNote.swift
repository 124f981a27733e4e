import Crypto
import Foundation

/// A signed note (C2SP signed-note): text ending in a newline, a blank line, then one or
/// more lines `— <key name> base64(key id ‖ signature)`.
public struct SignedNote: Hashable, Sendable {
    /// One signature line.
    public struct Signature: Hashable, Sendable {
        public let keyName: String
        public let keyId: UInt32
        /// The signature's bytes after the key id.
        public let signature: [UInt8]

        /// The line as written, with its newline.
        public var line: String {
            var bytes = withUnsafeBytes(of: keyId.bigEndian) { Array($0) }
            bytes += signature
            return "— \(keyName) \(Data(bytes).base64EncodedString())\n"
        }
    }

    /// The signed text, with its final newline.
    public let text: String
    public let signatures: [Signature]

    /// A note too large to be one of ours is refused before it is read.
    public static let maximumSize = 1 << 20
    /// Verifiers must take at least 16 signatures; more are refused.
    public static let maximumSignatures = 100

    public init(text: String, signatures: [Signature]) {
        self.text = text
        self.signatures = signatures
    }

    /// The note as written: text, blank line, signature lines.
    public var formatted: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Reads a signed note, strictly: valid UTF-8, no control character but newline, a text
    /// ending in a newline, a blank line, and only well-formed signature lines after it.
    public init(parsing data: Data) throws(TransparencyLogError) {
        guard data.count <= Self.maximumSize else { throw .malformed(.noteTooLarge) }
        guard let whole = String(data: data, encoding: .utf8) else { throw .malformed(.noteNotUTF8) }
        for scalar in whole.unicodeScalars where scalar.value < 0x20 && scalar != "\n" || scalar.value == 0x7F {
            throw .malformed(.noteControlCharacter)
        }
        // The text ends at the last blank line; signatures follow it.
        guard let split = whole.range(of: "\n\n", options: .backwards) else { throw .malformed(.noteNoBlankLine) }
        let text = String(whole[whole.startIndex..<whole.index(after: split.lowerBound)])
        let tail = String(whole[split.upperBound...])
        guard tail.hasSuffix("\n"), !tail.isEmpty else { throw .malformed(.noteNoFinalNewline) }
        var signatures: [Signature] = []
        for line in tail.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("— ") else { throw .malformed(.noteNotASignatureLine) }
            let parts = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[0].contains("+"),
                  let raw = Data(base64Encoded: String(parts[1])), raw.count >= 5 else {
                throw .malformed(.noteBadSignatureLine)
            }
            let bytes = Array(raw)
            let id = bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            signatures.append(Signature(keyName: String(parts[0]), keyId: id, signature: Array(bytes[4...])))
            guard signatures.count <= Self.maximumSignatures else { throw .malformed(.noteTooManySignatures) }
        }
        guard !signatures.isEmpty else { throw .malformed(.noteNoSignature) }
        self.text = text
        self.signatures = signatures
    }

    /// The signatures by keys in `keys` that verify. A note with no signature by a known key
    /// is refused; so is one whose signature by a known key fails.
    public func verified(by keys: [VerifierKey]) throws(TransparencyLogError) -> [VerifierKey] {
        var good: [VerifierKey] = []
        for signature in signatures {
            guard let key = keys.first(where: { $0.name == signature.keyName && $0.keyId == signature.keyId }) else { continue }
            guard key.verifies(signature.signature, over: Array(text.utf8)) else {
                throw .badSignature(keyName: key.name)
            }
            if !good.contains(key) { good.append(key) }
        }
        guard !good.isEmpty else { throw .noKnownSignature }
        return good
    }
}

/// An Ed25519 verifier key as C2SP signed-note writes it: `name+hex(key id)+base64(0x01 ‖ public key)`.
public struct VerifierKey: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let keyId: UInt32
    /// The 32-byte Ed25519 public key.
    public let publicKey: [UInt8]

    /// The key id of `name` and `publicKey`: the first four bytes of
    /// SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), big-endian.
    public static func keyId(name: String, publicKey: [UInt8]) -> UInt32 {
        let digest = Array(SHA256.hash(data: Array(name.utf8) + [0x0A, 0x01] + publicKey))
        return digest[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// Whether `name` may name a key: not empty, no Unicode space, no `+`, no control character.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 200 && !name.unicodeScalars.contains {
            $0 == "+" || $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F || $0.properties.generalCategory == .control
        }
    }

    public init(name: String, publicKey: [UInt8]) throws(TransparencyLogError) {
        guard Self.isValidName(name) else { throw .malformed(.keyBadName) }
        guard publicKey.count == 32 else { throw .malformed(.keyBadPublicKey) }
        self.name = name
        self.publicKey = publicKey
        self.keyId = Self.keyId(name: name, publicKey: publicKey)
    }

    /// Reads `name+hex+base64`; the id must be the one the name and key give.
    public init(parsing text: String) throws(TransparencyLogError) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // name+id+base64: the base64 may itself hold '+'.
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed(.keyNotThreeParts) }
        guard parts[1].count == 8, let id = UInt32(parts[1], radix: 16), parts[1].lowercased() == parts[1] else {
            throw .malformed(.keyBadId)
        }
        guard let raw = Data(base64Encoded: String(parts[2])), raw.count == 33, raw.first == 0x01 else {
            throw .malformed(.keyNotEd25519)
        }
        try self.init(name: String(parts[0]), publicKey: Array(raw.dropFirst()))
        guard keyId == id else { throw .malformed(.keyIdMismatch) }
    }

    /// `name+hex(id)+base64(0x01 ‖ key)`.
    public var description: String {
        name + "+" + String(format: "%08x", keyId) + "+" + Data([0x01] + publicKey).base64EncodedString()
    }

    /// Whether `signature` is this key's Ed25519 signature of `message`.
    public func verifies(_ signature: [UInt8], over message: [UInt8]) -> Bool {
        guard signature.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}

/// An Ed25519 signing key with its name; written as Go's `note` writes one:
/// `PRIVATE+KEY+name+hex(id)+base64(0x01 ‖ 32-byte seed)`.
public struct SignerKey: Sendable {
    public let name: String
    /// The 32-byte Ed25519 seed (the private key is made from it when signing).
    let seed: [UInt8]
    var key: Curve25519.Signing.PrivateKey? { try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) }
    /// The key that verifies its signatures.
    public let verifier: VerifierKey

    /// A new random key named `name`.
    public init(generatingWithName name: String) throws(TransparencyLogError) {
        try self.init(name: name, key: Curve25519.Signing.PrivateKey())
    }

    init(name: String, key: Curve25519.Signing.PrivateKey) throws(TransparencyLogError) {
        self.name = name
        self.seed = Array(key.rawRepresentation)
        verifier = try VerifierKey(name: name, publicKey: Array(key.publicKey.rawRepresentation))
    }

    /// Reads `PRIVATE+KEY+name+hex+base64`.
    public init(parsing text: String) throws(TransparencyLogError) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = text.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw .malformed(.signerNotFiveParts)
        }
        guard let raw = Data(base64Encoded: String(parts[4])), raw.count == 33, raw.first == 0x01,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw.dropFirst()) else {
            throw .malformed(.signerNotEd25519)
        }
        try self.init(name: String(parts[2]), key: key)
        guard String(format: "%08x", verifier.keyId) == parts[3] else { throw .malformed(.keyIdMismatch) }
    }

    /// `PRIVATE+KEY+name+hex(id)+base64(0x01 ‖ seed)`: keep it secret.
    public var secretText: String {
        "PRIVATE+KEY+" + name + "+" + String(format: "%08x", verifier.keyId) + "+"
            + Data([0x01] + seed).base64EncodedString()
    }

    /// The signature line of `text` (which must end in a newline).
    public func sign(_ text: String) throws(TransparencyLogError) -> SignedNote.Signature {
        guard text.hasSuffix("\n") else { throw .malformed(.textNoFinalNewline) }
        guard let signature = try? key?.signature(for: Array(text.utf8)) else { throw .malformed(.signingFailed) }
        return SignedNote.Signature(keyName: name, keyId: verifier.keyId, signature: Array(signature))
    }

    /// `text` signed by this key.
    public func signedNote(_ text: String) throws(TransparencyLogError) -> SignedNote {
        SignedNote(text: text, signatures: [try sign(text)])
    }
}
