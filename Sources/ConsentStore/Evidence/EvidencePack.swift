import ConsentModel
import Foundation
import GRDB
import TransparencyLog

/// A customer's evidence pack (issue 15.6), read in one transaction: the customer, its
/// status and gate on the pack's day, its confirmation, notes and whole history with each
/// event's hash, and the store's head at the time. `html()` is one self-contained page for
/// an auditor; `json()` the same as JSON, each event with `hashInput` so its hash can be
/// checked with SHA-256 alone.
public struct EvidencePack: Sendable {
    public let customer: Customer
    public let profile: PartnerProfile
    public let catalog: TemplateCatalog
    /// The customer's history, oldest first.
    public let events: [StoredEvent]
    /// The store's newest event when the pack was read.
    public let head: StoreHead
    /// When the pack was made, and the day its status and gate are for (UTC).
    public let madeAt: Date
    /// The checkpoint and proofs that let an auditor check the pack alone (nil when no
    /// signed checkpoint covers the customer's events: the desk has no signing key).
    public var proof: EvidenceProof?
    public var day: Day { Day(utcOf: madeAt) }

    /// Reads customer `tenantId`'s pack from `store` as of `now`. With `signer` (this desk's
    /// active signing key) a checkpoint of the whole history is signed first when the newest
    /// one does not cover it, and the pack carries the signed statement of the customer's events.
    public static func read(from store: any DeskStore, tenantId: String, now: Date, signer: SignerKey? = nil) throws(StoreError) -> EvidencePack {
        try store.evidencePack(of: tenantId, now: now, signer: signer)
    }

    /// The format of a pack's file.
    public enum Format: String, CaseIterable, Sendable {
        case html, json

        /// JSON for a name ending in `.json`, else HTML.
        public static func guessed(from path: String) -> Format {
            path.lowercased().hasSuffix(".json") ? .json : .html
        }
    }

    /// The pack in `format`, as bytes.
    public func data(_ format: Format) throws -> Data {
        switch format {
        case .html: return Data(html().utf8)
        case .json: return try json()
        }
    }

    /// Reads customer `tenantId`'s pack and writes it to `path` through the one writer
    /// (never over an existing file, a link or the store's files); returns the head it holds.
    @discardableResult
    public static func write(store: any DeskStore, tenantId: String, path: String, now: Date,
                             format: Format? = nil, signer: SignerKey? = nil) throws(StoreError) -> StoreHead {
        let pack = try read(from: store, tenantId: tenantId, now: now, signer: signer)
        let bytes: Data
        do {
            bytes = try pack.data(format ?? Format.guessed(from: path))
        } catch {
            throw StoreError.evidenceNotMade
        }
        let writer: SafeFileWriter
        do {
            writer = try SafeFileWriter(path: path, force: false, protecting: store.location)
            try writer.write(bytes)
            try writer.commit()
        } catch {
            throw StoreError.file(error)
        }
        return pack.head
    }

    // MARK: what both formats show

    var evaluator: ConsentEvaluator { ConsentEvaluator(profile: profile, catalog: catalog, day: day) }

    /// The status and gate the pack shows, as the desk signs them.
    var stated: EvidenceProof.Stated {
        let evaluator = self.evaluator
        let status = evaluator.status(of: customer, today: day).status
        let gate = Transaction.allCases.map { transaction -> String in
            if case .allowed = evaluator.check(customer, transaction, channel: .api, asOf: day) { return transaction.cliName + "=allowed" }
            return transaction.cliName + "=blocked"
        }
        return EvidenceProof.Stated(day: day.iso, status: status.cliName, blocked: status.blocksNewPurchases, gate: gate)
    }

    /// The decoded events and which were voided, by which event and why.
    var decoded: (events: [ConsentEvent?], voids: [Int64: (by: Int64, reason: String)]) {
        StoredEvent.decodedWithVoids(events)
    }

    /// For each edit of the customer, its master data just before (from the history itself).
    var previousForEdits: [Int64: Customer] {
        var last: Customer?
        var out: [Int64: Customer] = [:]
        for (stored, event) in zip(events, decoded.events) {
            switch event {
            case .customerAdded(let customer)?: last = customer
            case .customerEdited(let customer)?:
                if let last { out[stored.seq] = last }
                last = customer
            case nil, .profileSet?, .templateAdded?, .templateRetired?, .confirmed?, .requested?, .withdrawn?,
                 .imported?, .voided?, .noted?, .keyAdded?, .keyRetired?:
                break
            }
        }
        return out
    }

    /// The notes, newest first.
    var notes: [NoteJSON] { NoteJSON.notes(events) }
}
