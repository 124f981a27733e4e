import ConsentModel
import ConsentStore
import Foundation
import TransparencyLog

/// Signing keys, checkpoints and checking a checkpoint against the store (`key`,
/// `checkpoint`, `verify --checkpoint`).
extension DeskCommands {
    /// This desk's active signing key of the store, from `folder` (nil when it holds none).
    public func signer(in folder: SigningKeyFolder) throws -> SignerKey? {
        for key in try store.signingKeys().reversed() where key.isActive {
            guard let id = UInt32(key.record.keyId, radix: 16),
                  let held = try folder.key(id), held.verifier.description == key.record.verifierKey else { continue }
            return held
        }
        return nil
    }

    /// `key init`: makes an Ed25519 key, keeps the private key in `folder` (0600), records the
    /// verifier key in the history and prints it for the auditor.
    public func initKey(name given: String?, folder: SigningKeyFolder, output: Output) throws {
        if let held = try signer(in: folder) {
            throw CommandError.input(tr("cli.key.alreadyHeld", UntrustedText.escaped(held.name), String(format: "%08x", held.verifier.keyId)))
        }
        let origin = try store.transparencyOrigin()
        let name = given?.trimmedOfSpaces ?? origin
        let key = try Self.makeKey(named: name, in: folder)
        let id = String(format: "%08x", key.verifier.keyId)
        let record = SigningKeyRecord(name: name, keyId: id, verifierKey: key.verifier.description)
        do {
            try execute(.addSigningKey(record), done: tr("cli.key.added", UntrustedText.escaped(name), id))
        } catch {
            // Not recorded: the private key serves nothing, so it is not left behind.
            try? FileManager.default.removeItem(atPath: folder.file(for: key.verifier.keyId))
            throw error
        }
        notice(tr("cli.key.where", UntrustedText.escaped(folder.file(for: key.verifier.keyId))))
        notice(tr("cli.key.handOver"))
        output.line(key.verifier.description)
        try output.finish()
    }

    /// `key show`: every key the history records, with its verifier key.
    public func showKeys(folder: SigningKeyFolder, json: Bool, output: Output) throws {
        let keys = try store.signingKeys()
        if keys.isEmpty && !json {
            notice(tr("cli.key.none"))
            return
        }
        for key in keys {
            let held = (try? UInt32(key.record.keyId, radix: 16).flatMap { try folder.key($0) }) != nil
            if json {
                let object: [String: Any] = [
                    "name": key.record.name, "keyId": key.record.keyId, "verifierKey": key.record.verifierKey,
                    "addedSeq": key.addedSeq, "addedAt": ISO8601.string(key.addedAt), "addedBy": key.addedBy,
                    "active": key.isActive, "heldByThisDesk": held,
                ].merging(key.retiredSeq.map { ["retiredSeq": $0] } ?? [:]) { a, _ in a }
                output.json(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            } else {
                let state = key.isActive ? tr("cli.key.active") : tr("cli.key.retired", key.retiredSeq ?? 0)
                output.line(tr("cli.key.line", UntrustedText.escaped(key.record.name), key.record.keyId, ISO8601.string(key.addedAt).prefix(10) + "",
                               UntrustedText.escaped(key.addedBy), key.addedSeq, state + (held ? " · " + tr("cli.key.held") : "")))
                output.line("  " + UntrustedText.escaped(key.record.verifierKey))
            }
        }
        try output.finish()
    }

    /// `checkpoint`: signs the whole history with this desk's key and writes the signed note.
    public func checkpoint(folder: SigningKeyFolder, output: Output) throws {
        guard let signer = try signer(in: folder) else { throw StoreError.proof(.noSigningKey) }
        let note = try store.issueCheckpoint(signer: signer)
        output.text(note.formatted)
        try output.finish()
        if let checkpoint = try? Checkpoint(text: note.text) {
            notice(tr("cli.checkpoint.done", checkpoint.size, UntrustedText.escaped(signer.name)))
        }
    }

    /// `key init --witness`: makes a witness's Ed25519 key (a cosigner: the partner's
    /// compliance officer, an auditor) in `folder`, 0600. It is not recorded in any store (a
    /// witness need not write the store it watches); its verifier key is printed for the
    /// auditor, who names it with `verify --checkpoint --key … --require N`.
    public static func initWitnessKey(name: String, folder: SigningKeyFolder, output: Output) throws {
        let name = name.trimmedOfSpaces
        let key = try makeKey(named: name, in: folder)
        notice(tr("cli.key.witnessMade", UntrustedText.escaped(name), String(format: "%08x", key.verifier.keyId)))
        notice(tr("cli.key.where", UntrustedText.escaped(folder.file(for: key.verifier.keyId))))
        notice(tr("cli.key.witnessHandOver"))
        output.line(key.verifier.description)
        try output.finish()
    }

    /// A new Ed25519 key named `name` (refused when the name cannot name a key), saved in
    /// `folder` as a new owner-only file.
    static func makeKey(named name: String, in folder: SigningKeyFolder) throws -> SignerKey {
        guard VerifierKey.isValidName(name) else { throw StoreError.proof(.invalidKeyName(name)) }
        let key: SignerKey
        do {
            key = try SignerKey(generatingWithName: name)
        } catch {
            throw StoreError.proof(.malformed(what: tr("proof.what.verifierKey"), error))
        }
        try folder.save(key)
        return key
    }

    /// `checkpoint --cosign FILE`: a witness adds its signature to a checkpoint another desk
    /// signed, after checking it holds for this store (signed by a key the history records, of
    /// this log, and the store's history consistent with it): a witness vouches only for what
    /// it saw. The witness key is one this desk holds that the store does not record as a desk
    /// key (`witness` names it when there are several). The cosigned note goes to `output`.
    public func cosign(file: String, witness: String?, folder: SigningKeyFolder, output: Output) throws {
        let data = try Self.checkpointFile(file)
        let check = try store.checkCheckpoint(data, keys: nil)
        try Self.requireHolds(check, saying: tr("cli.checkpoint.notCosigned", UntrustedText.escaped(file)))
        let note: SignedNote
        do {
            note = try SignedNote(parsing: data)
        } catch {
            throw StoreError.proof(.malformed(what: tr("proof.what.checkpoint"), error))
        }
        let deskKeys = Set(try store.signingKeys().map(\.record.verifierKey))
        var witnesses = try folder.heldKeys().filter { !deskKeys.contains($0.verifier.description) }
        if let witness { witnesses = witnesses.filter { $0.name == witness.trimmedOfSpaces } }
        guard let signer = witnesses.first else { throw StoreError.proof(.noWitnessKey) }
        guard witnesses.count == 1 else { throw StoreError.proof(.witnessNotNamed(witnesses.map(\.name))) }
        if note.signatures.contains(where: { $0.keyName == signer.name && $0.keyId == signer.verifier.keyId }) {
            throw StoreError.proof(.alreadyCosigned(name: signer.name))
        }
        let signature: SignedNote.Signature
        do {
            signature = try signer.sign(note.text)
        } catch {
            throw StoreError.proof(.malformed(what: tr("proof.what.checkpoint"), error))
        }
        output.text(SignedNote(text: note.text, signatures: note.signatures + [signature]).formatted)
        try output.finish()
        notice(tr("cli.checkpoint.cosigned", check.checkpointSize, UntrustedText.escaped(signer.name),
                  check.signedBy.map(UntrustedText.escaped).joined(separator: ", ")))
    }

    /// Verifier keys given with `--key`, each checked.
    public static func verifierKeys(_ texts: [String]) throws -> [VerifierKey]? {
        guard !texts.isEmpty else { return nil }
        return try texts.map { text throws -> VerifierKey in
            do {
                return try VerifierKey(parsing: text)
            } catch {
                throw CommandError.usage(tr("cli.key.badVerifier", UntrustedText.escaped(text), ProofError.words(error as? TransparencyLogError ?? .proofFailed)))
            }
        }
    }

    /// `verify --checkpoint FILE`: the checkpoint's signature, origin, and the consistency of
    /// the store's history with it; with `required`, at least that many of `keys` must have
    /// signed it (k of n: the desk and its witnesses). Returns the lines to print; throws
    /// `verifyFailed` when it does not hold.
    public func checkCheckpoint(file: String, keys: [VerifierKey]?, required: Int = 1) throws -> [String] {
        let data = try Self.checkpointFile(file)
        let check = try store.checkCheckpoint(data, keys: keys)
        if check.signedBy.count < required {
            let missing = (keys ?? []).map(\.name).filter { !check.signedBy.contains($0) }
            throw CommandError.verifyFailed([
                tr("verify.checkpoint.failedSignatures", UntrustedText.escaped(file)),
                tr("verify.checkpoint.tooFewSignatures", check.signedBy.count, keys?.count ?? 0, required,
                   check.signedBy.map(UntrustedText.escaped).joined(separator: ", "),
                   missing.map(UntrustedText.escaped).joined(separator: ", ")),
            ].joined(separator: "\n"))
        }
        try Self.requireHolds(check, saying: tr("verify.checkpoint.failed", UntrustedText.escaped(file)))
        return [tr("verify.checkpoint.ok", UntrustedText.escaped(file), check.signedBy.map(UntrustedText.escaped).joined(separator: ", "),
                   check.checkpointSize, check.storeSize)]
    }

    /// A checkpoint file's bytes, read as every file we are handed is (regular, bounded).
    static func checkpointFile(_ file: String) throws -> Data {
        do {
            return try SafeFileReader.read(file, limit: SignedNote.maximumSize)
        } catch {
            throw CommandError.input(error.description)
        }
    }

    /// Throws `verifyFailed` (`lead`, the problem, and how far the store still matches its
    /// own checkpoints) when `check` found the store's history is not the one signed.
    static func requireHolds(_ check: CheckpointCheck, saying lead: String) throws {
        guard let problem = check.problem else { return }
        var lines = [lead, problem]
        if let matches = check.matchesUpTo { lines.append(tr("verify.checkpoint.matchesUpTo", matches)) }
        throw CommandError.verifyFailed(lines.joined(separator: "\n"))
    }
}
