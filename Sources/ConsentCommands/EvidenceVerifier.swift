import ConsentModel
import ConsentStore
import Foundation
import TransparencyLog

/// `verify-evidence`: checks one customer's evidence pack with the verifier key alone — no
/// store, no network. Every readable field of every event is held to the bytes its hash
/// covers; each event is proved to be in the partner's log by its inclusion proof against
/// the signed checkpoint; the desk's signed statement says the pack holds all of the
/// customer's events at that size; and the pack's summary is recomputed from the events
/// (what depends on the catalogue and the policy is marked as not proven).
public enum EvidenceVerifier {
    /// The largest pack read.
    public static let maximumSize = 64 << 20

    /// Checks the pack in `file` with `keys`.
    public static func verify(file: String, keys: [VerifierKey]) throws -> EvidenceVerification {
        let data: Data
        do {
            data = try SafeFileReader.read(file, limit: maximumSize)
        } catch {
            throw CommandError.input(error.description)
        }
        return verify(data, keys: keys)
    }

    /// Checks `data` (a JSON pack) with `keys`.
    public static func verify(_ data: Data, keys: [VerifierKey]) -> EvidenceVerification {
        var result = EvidenceVerification()
        guard let pack = JSONValue(json: data), pack.object != nil else {
            result.fail("pack", tr("verifyEvidence.notJSON"))
            return result
        }
        guard pack["format"]?.string == "consentdesk-evidence-2" else {
            result.fail("pack", tr("verifyEvidence.format", UntrustedText.escaped(pack["format"]?.string ?? "-")))
            return result
        }
        // 1. The checkpoint, signed by a key the auditor holds.
        guard let checkpointText = pack["checkpoint"]?.string else {
            result.fail("checkpoint", tr("verifyEvidence.noCheckpoint"))
            return result
        }
        let checkpoint: Checkpoint
        let signers: [VerifierKey]
        do {
            let note = try SignedNote(parsing: Data(checkpointText.utf8))
            signers = try note.verified(by: keys)
            checkpoint = try Checkpoint(text: note.text)
        } catch {
            // Every step above throws `TransparencyLogError` (typed throws): worded for the reader.
            result.fail("checkpoint", tr("verifyEvidence.checkpointBad", ProofError.words(error)))
            return result
        }
        result.pass("checkpoint", tr("verifyEvidence.checkpointOK", signers.map { UntrustedText.escaped($0.name) }.joined(separator: ", "),
                                     UntrustedText.escaped(checkpoint.origin), checkpoint.size))

        // 2. Every event: its hash, its readable fields against the hashed bytes, its place in the log.
        guard let rawEvents = pack["events"]?.array, !rawEvents.isEmpty else {
            result.fail("events", tr("verifyEvidence.noEvents"))
            return result
        }
        var stored: [StoredEvent] = []
        for (index, raw) in rawEvents.enumerated() {
            let label = raw["seq"]?.integer.map { "#\($0)" } ?? "\(index + 1)"
            guard let input = raw["hashInput"]?.string.flatMap({ Data(base64Encoded: $0) }),
                  let event = StoredEvent(hashInput: input) else {
                result.fail("events", tr("verifyEvidence.eventUnreadable", label))
                return result
            }
            guard raw["hash"]?.string == event.hash else {
                result.fail("events", tr("verifyEvidence.eventHash", label))
                return result
            }
            if let previous = stored.last, event.seq <= previous.seq {
                result.fail("events", tr("verifyEvidence.eventOrder", label))
                return result
            }
            // The leaf, its index and its inclusion proof against the checkpoint's root.
            guard let leaf = TreeHash(hex: event.hash).map({ TreeHash.leaf($0.bytes) }),
                  raw["leafIndex"]?.integer == event.seq - 1,
                  let proofTexts = raw["inclusionProof"]?.array?.compactMap(\.string) else {
                result.fail("events", tr("verifyEvidence.eventNoProof", label))
                return result
            }
            let proof = proofTexts.compactMap(TreeHash.init(base64:))
            do {
                guard proof.count == raw["inclusionProof"]?.array?.count else { throw TransparencyLogError.proofFailed }
                try MerkleProofs.checkInclusion(proof, leaf: event.seq - 1, leaf, size: checkpoint.size, root: checkpoint.root)
            } catch {
                result.fail("events", tr("verifyEvidence.eventNotInLog", label, checkpoint.size))
                return result
            }
            stored.append(event)
        }
        // Each event's readable fields are what its hashed bytes say (recomputed the way the pack is written).
        let (decoded, voids) = StoredEvent.decodedWithVoids(stored)
        var lastDetails: Customer?
        for (position, event) in stored.enumerated() {
            var previous: Customer?
            switch decoded[position] {
            case .customerAdded(let customer)?: lastDetails = customer
            case .customerEdited(let customer)?:
                previous = lastDetails
                lastDetails = customer
            case nil, .profileSet?, .templateAdded?, .templateRetired?, .confirmed?, .requested?, .withdrawn?,
                 .imported?, .voided?, .noted?, .keyAdded?, .keyRetired?:
                break
            }
            var expected = EventJSON(event, previous: previous, voidedBy: voids[event.seq].map { ($0.by, $0.reason) }, includeHashInput: true)
            expected.inclusionProof = rawEvents[position]["inclusionProof"]?.array?.compactMap(\.string)
            guard let mine = try? EventJSON.encoder().encode(expected), Self.same(mine, rawEvents[position]) else {
                result.fail("events", tr("verifyEvidence.eventFields", "#\(event.seq)"))
                return result
            }
        }
        // Consecutive events of the log are linked by their hashes.
        for (a, b) in zip(stored, stored.dropFirst()) where b.seq == a.seq + 1 && b.previousHash != a.hash {
            result.fail("events", tr("verifyEvidence.chain", b.seq))
            return result
        }
        result.pass("events", tr("verifyEvidence.eventsOK", stored.count, checkpoint.size))

        // 3. All of the customer's events: the desk's signed statement at the checkpoint's size.
        let tenant = pack["customer"]?["tenantId"]?.string ?? ""
        if let statementText = pack["customerEvents"]?.string {
            // The status and gate the pack shows are what the desk signed.
            let gate = (pack["gate"]?.array ?? []).map { entry -> String in
                (entry["transaction"]?.string ?? "?") + "=" + (entry["allowed"] == .bool(true) ? "allowed" : "blocked")
            }
            var blocked = false
            if case .bool(let value)? = pack["blocked"] { blocked = value }
            let stated = EvidenceProof.Stated(day: pack["day"]?.string ?? "", status: pack["status"]?.string ?? "",
                                              blocked: blocked, gate: gate)
            let expected = EvidenceProof.statement(origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root,
                                                   tenantId: tenant, stated: stated, events: stored.map { ($0.seq, $0.hash) })
            do {
                let note = try SignedNote(parsing: Data(statementText.utf8))
                _ = try note.verified(by: signers)
                guard note.text == expected, pack["eventCount"]?.integer == Int64(stored.count),
                      stored.allSatisfy({ $0.customer == tenant }) else { throw TransparencyLogError.proofFailed }
                result.pass("complete", tr("verifyEvidence.completeOK", stored.count, UntrustedText.escaped(tenant), checkpoint.size))
            } catch {
                result.fail("complete", tr("verifyEvidence.completeBad"))
            }
        } else {
            result.fail("complete", tr("verifyEvidence.completeMissing"))
        }

        // 4. The summary, recomputed from the events.
        let events = zip(stored, decoded).compactMap { stored, event in event.map { (seq: stored.seq, event: $0) } }
        if let details = lastDetails {
            let customer = ConsentHistory.rebuilt(details, from: events)
            let shown = pack["customer"]?.object ?? [:]
            let encoder = EventJSON.encoder()
            func matches<T: Encodable>(_ value: T?, _ json: JSONValue?) -> Bool {
                guard let value else { return json == nil || json?.isNull == true }
                guard let mine = try? encoder.encode(value), let json else { return false }
                return same(mine, json)
            }
            let summary = [
                matches(customer.tenantId, shown["tenantId"]), matches(customer.companyName, shown["companyName"]),
                matches(customer.domains, shown["domains"]), matches(customer.country, shown["country"]),
                matches(customer.cloud, shown["cloud"]), matches(customer.resellerId, shown["resellerId"]),
                matches(customer.subscriptions, shown["subscriptions"]),
                matches(customer.confirmation, pack["confirmation"]), matches(customer.request, pack["request"]),
                matches(customer.withdrawal, pack["withdrawal"]),
                matches(NoteJSON.notes(stored), pack["notes"]),
            ]
            if summary.allSatisfy({ $0 }) {
                result.pass("summary", tr("verifyEvidence.summaryOK"))
            } else {
                result.fail("summary", tr("verifyEvidence.summaryBad"))
            }
        } else {
            result.fail("summary", tr("verifyEvidence.summaryBad"))
        }
        if pack["customerEvents"]?.string != nil, result.checks.last(where: { $0.name == "complete" })?.holds == true {
            result.pass("status", tr("verifyEvidence.statusSigned", UntrustedText.escaped(pack["status"]?.string ?? "-"),
                                     UntrustedText.escaped(pack["day"]?.string ?? "-")))
        } else {
            result.unproven("status", tr("verifyEvidence.statusUnproven"))
        }
        return result
    }

    /// Whether the JSON bytes `mine` and the value `theirs` are the same JSON value (keys in any order).
    static func same(_ mine: Data, _ theirs: JSONValue) -> Bool {
        JSONValue(json: mine) == theirs
    }
}

/// What `verify-evidence` found: each check passed, failed, or not provable from a pack.
public struct EvidenceVerification: Encodable, Sendable {
    public struct Check: Encodable, Sendable {
        public let name: String
        /// true: holds; false: does not; nil: cannot be proven from the pack.
        public let holds: Bool?
        public let detail: String
    }

    public private(set) var checks: [Check] = []

    /// Every check that can be proven holds, and nothing failed.
    public var proven: Bool { !checks.isEmpty && !checks.contains { $0.holds == false } }

    mutating func pass(_ name: String, _ detail: String) { checks.append(Check(name: name, holds: true, detail: detail)) }
    mutating func fail(_ name: String, _ detail: String) { checks.append(Check(name: name, holds: false, detail: detail)) }
    mutating func unproven(_ name: String, _ detail: String) { checks.append(Check(name: name, holds: nil, detail: detail)) }

    /// One line a check, then the verdict.
    public var lines: [String] {
        checks.map { check in
            let mark = check.holds.map { $0 ? tr("verifyEvidence.mark.ok") : tr("verifyEvidence.mark.failed") } ?? tr("verifyEvidence.mark.unproven")
            return mark + " " + check.detail
        } + [proven ? tr("verifyEvidence.verdict.ok") : tr("verifyEvidence.verdict.failed")]
    }

    enum Keys: String, CodingKey { case proven, checks }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(proven, forKey: .proven)
        try c.encode(checks, forKey: .checks)
    }
}
