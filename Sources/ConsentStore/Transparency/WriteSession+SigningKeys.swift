import ConsentModel
import Foundation
import TransparencyLog

extension WriteSession {
    /// `key init`: a well-formed verifier key the history does not record yet.
    func planSigningKey(_ record: SigningKeyRecord) throws -> ConsentEvent {
        let parsed: VerifierKey
        do {
            parsed = try VerifierKey(parsing: record.verifierKey)
        } catch {
            throw StoreError.proof(.malformed(what: tr("proof.what.verifierKey"), error))
        }
        guard parsed.name == record.name, String(format: "%08x", parsed.keyId) == record.keyId else {
            throw StoreError.proof(.malformed(what: tr("proof.what.verifierKey"), .malformed(.keyIdMismatch)))
        }
        if try ConsentStore.signingKeys(db).contains(where: { $0.record.keyId == record.keyId && $0.record.name == record.name }) {
            throw StoreError.proof(.keyExists(keyId: record.keyId))
        }
        return .keyAdded(SigningKeyRecord(name: parsed.name, keyId: record.keyId, verifierKey: parsed.description))
    }

    /// `key retire`: a key the history records, not retired yet. `keyId` may also be the whole verifier key.
    func planKeyRetirement(_ given: String) throws -> ConsentEvent {
        let text = given.trimmingCharacters(in: .whitespaces)
        let keys = try ConsentStore.signingKeys(db)
        guard let key = keys.last(where: { $0.record.keyId == text.lowercased() || $0.record.verifierKey == text }) else {
            throw StoreError.proof(.unknownKey(text))
        }
        guard key.isActive else { throw StoreError.proof(.keyRetired(keyId: key.record.keyId)) }
        return .keyRetired(keyId: key.record.keyId)
    }
}
