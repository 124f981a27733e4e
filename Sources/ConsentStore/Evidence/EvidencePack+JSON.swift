import ConsentModel
import Foundation

/// The evidence pack as JSON: what the HTML page shows, with every event in the stable
/// event shape (`EventJSON`) plus `hashInput`, so a third party can check each hash with
/// SHA-256 alone and follow the chain through `prevHash`.
extension EvidencePack {
    /// The pack's JSON (pretty-printed, keys sorted).
    public func json() throws -> Data {
        try EventJSON.encoder(pretty: true).encode(EvidenceJSON(pack: self))
    }
}

struct EvidenceJSON: Encodable {
    let pack: EvidencePack

    typealias Key = EventJSON.Key

    struct Gate: Encodable {
        let transaction: String
        let allowed: Bool
        let note: String?
        let reason: String?
        let fix: String?
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        let customer = pack.customer
        let evaluator = pack.evaluator
        let report = evaluator.status(of: customer, today: pack.day)
        try c.encode("consentdesk-evidence-2", forKey: Key("format"))
        try c.encode(ISO8601.string(pack.madeAt), forKey: Key("madeAt"))
        try c.encode(pack.day.iso, forKey: Key("day"))
        var head = c.nestedContainer(keyedBy: Key.self, forKey: Key("storeHead"))
        try head.encode(pack.head.seq, forKey: Key("seq"))
        try head.encode(pack.head.hash, forKey: Key("hash"))
        var shown = c.nestedContainer(keyedBy: Key.self, forKey: Key("customer"))
        try shown.encode(customer.tenantId, forKey: Key("tenantId"))
        try shown.encode(customer.companyName, forKey: Key("companyName"))
        try shown.encode(customer.domains, forKey: Key("domains"))
        try shown.encode(customer.country, forKey: Key("country"))
        try shown.encode(customer.cloud, forKey: Key("cloud"))
        try shown.encode(customer.resellerId, forKey: Key("resellerId"))
        try shown.encode(customer.resellerId.flatMap { pack.profile.reseller($0)?.name }, forKey: Key("resellerName"))
        try shown.encode(customer.subscriptions, forKey: Key("subscriptions"))
        try c.encode(report.status.cliName, forKey: Key("status"))
        try c.encode(report.status.blocksNewPurchases, forKey: Key("blocked"))
        try c.encode(report.outdatedReason?.description, forKey: Key("outdatedReason"))
        let gate = Transaction.allCases.map { transaction -> Gate in
            switch evaluator.check(customer, transaction, channel: .api, asOf: pack.day) {
            case .allowed(let note): return Gate(transaction: transaction.cliName, allowed: true, note: note, reason: nil, fix: nil)
            case .blocked(let reason, let fix): return Gate(transaction: transaction.cliName, allowed: false, note: nil, reason: reason, fix: fix)
            }
        }
        try c.encode(gate, forKey: Key("gate"))
        try c.encode(customer.confirmation, forKey: Key("confirmation"))
        try c.encode(customer.confirmation.flatMap { pack.catalog.template(id: $0.templateId) }, forKey: Key("confirmedTemplate"))
        try c.encode(customer.request, forKey: Key("request"))
        try c.encode(customer.withdrawal, forKey: Key("withdrawal"))
        try c.encode(pack.notes, forKey: Key("notes"))
        let voids = pack.decoded.voids
        let previous = pack.previousForEdits
        let events = pack.events.map { stored in
            var event = EventJSON(stored, previous: previous[stored.seq], voidedBy: voids[stored.seq].map { ($0.by, $0.reason) },
                                  includeHashInput: true)
            event.inclusionProof = pack.proof?.inclusion[stored.seq]?.map(\.base64)
            return event
        }
        try c.encode(events, forKey: Key("events"))
        try c.encode(pack.events.count, forKey: Key("eventCount"))
        if let proof = pack.proof {
            try c.encode(proof.checkpoint, forKey: Key("checkpoint"))
            try c.encode(proof.customerEvents, forKey: Key("customerEvents"))
        } else {
            try c.encode(tr("evidence.proof.none"), forKey: Key("proofMissing"))
        }
    }
}
