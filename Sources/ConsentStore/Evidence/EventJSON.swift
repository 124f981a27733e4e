import ConsentModel
import Foundation

/// The one stable JSON shape of an event, used by `export --format history`, `log --json`
/// and the evidence pack (never Swift's own enum encoding). Keys are camelCase, kinds
/// kebab-case; times are ISO 8601 UTC, days `YYYY-MM-DD`:
///
/// `{"seq", "at", "kind", "employee", "partnerUserId", "customer" (tenant id or null),
///   the kind's named fields, ["voidedBy", "voidReason"], "hash", "prevHash", ["hashInput"]}`
///
/// Named fields by kind: `profile-set` `profile`; `template-added` `template`;
/// `template-retired` `templateId`; `customer-added` `details`; `customer-edited` `details`
/// and, when the state before is known, `changes` (`{"field": {"old", "new"}}`);
/// `confirmed` `confirmation`; `requested` `request`; `withdrawn` `withdrawal`;
/// `imported` `source`, `rows`; `voided` `voids` (the event number), `reason`; `noted` `text`;
/// `key-added` `key` (`name`, `keyId`, `verifierKey`); `key-retired` `keyId`.
/// An event this build cannot read has `"unreadable": true` and no named fields.
public struct EventJSON: Encodable {
    let stored: StoredEvent
    let event: ConsentEvent?
    /// The customer's master data before an edit, for `changes`.
    var previous: Customer?
    /// The void that voided this event, if any.
    var voidedBy: (seq: Int64, reason: String)?
    /// Adds `hashInput`: base64 of the exact bytes whose SHA-256 is `hash`.
    var includeHashInput = false
    /// Adds `leafIndex` (seq − 1) and `inclusionProof` (base64 hashes, RFC 9162 order):
    /// the event's place in the tree of the pack's checkpoint.
    public var inclusionProof: [String]?

    /// The JSON of `stored`; `previous` is the customer before it when it is an edit.
    public init(_ stored: StoredEvent, previous: Customer? = nil, voidedBy: (seq: Int64, reason: String)? = nil,
                includeHashInput: Bool = false) {
        self.stored = stored
        self.event = try? stored.event()
        self.previous = previous
        self.voidedBy = voidedBy
        self.includeHashInput = includeHashInput
    }

    /// The encoder for this shape: keys sorted (the same bytes every time), dates ISO 8601.
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    struct Key: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(stored.seq, forKey: Key("seq"))
        try c.encode(ISO8601.string(stored.at), forKey: Key("at"))
        try c.encode(ConsentEvent.kebabKind(stored.kind), forKey: Key("kind"))
        try c.encode(stored.employee, forKey: Key("employee"))
        try c.encode(stored.userId, forKey: Key("partnerUserId"))
        try c.encode(stored.customer, forKey: Key("customer"))
        switch event {
        case .profileSet(let profile)?: try c.encode(profile, forKey: Key("profile"))
        case .templateAdded(let template)?: try c.encode(template, forKey: Key("template"))
        case .templateRetired(let id)?: try c.encode(id, forKey: Key("templateId"))
        case .customerAdded(let customer)?: try c.encode(customer, forKey: Key("details"))
        case .customerEdited(let customer)?:
            try c.encode(customer, forKey: Key("details"))
            if let previous { try encodeChanges(from: previous, to: customer, in: &c) }
        case .confirmed(_, let confirmation)?: try c.encode(confirmation, forKey: Key("confirmation"))
        case .requested(_, let request)?: try c.encode(request, forKey: Key("request"))
        case .withdrawn(_, let withdrawal)?: try c.encode(withdrawal, forKey: Key("withdrawal"))
        case .imported(let source, let rows)?:
            try c.encode(source, forKey: Key("source"))
            try c.encode(rows, forKey: Key("rows"))
        case .voided(_, let seq, let reason)?:
            try c.encode(seq, forKey: Key("voids"))
            try c.encode(reason, forKey: Key("reason"))
        case .noted(_, let text)?: try c.encode(text, forKey: Key("text"))
        case .keyAdded(let key)?: try c.encode(key, forKey: Key("key"))
        case .keyRetired(let keyId)?: try c.encode(keyId, forKey: Key("keyId"))
        case nil: try c.encode(true, forKey: Key("unreadable"))
        }
        if let voidedBy {
            try c.encode(voidedBy.seq, forKey: Key("voidedBy"))
            try c.encode(voidedBy.reason, forKey: Key("voidReason"))
        }
        try c.encode(stored.hash, forKey: Key("hash"))
        try c.encode(stored.previousHash, forKey: Key("prevHash"))
        if includeHashInput, let input = stored.hashInput {
            try c.encode(input.base64EncodedString(), forKey: Key("hashInput"))
        }
        if let inclusionProof {
            try c.encode(stored.seq - 1, forKey: Key("leafIndex"))
            try c.encode(inclusionProof, forKey: Key("inclusionProof"))
        }
    }

    /// One changed field: its value before and after.
    struct Change<Value: Encodable>: Encodable {
        let old: Value
        let new: Value

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(old, forKey: Key("old"))
            try c.encode(new, forKey: Key("new"))
        }
    }

    /// One field of a customer's master data: its JSON name, whether two records differ in
    /// it, and how its change is written. The one list behind `changes` and `changedFields`.
    struct MasterField {
        let name: String
        let differs: (Customer, Customer) -> Bool
        let encode: (Customer, Customer, inout KeyedEncodingContainer<Key>) throws -> Void

        init<Value: Encodable & Equatable>(_ name: String, _ path: KeyPath<Customer, Value>) {
            self.name = name
            differs = { $0[keyPath: path] != $1[keyPath: path] }
            encode = { old, new, c in try c.encode(Change(old: old[keyPath: path], new: new[keyPath: path]), forKey: Key(name)) }
        }
    }

    /// The master data an edit can change, in the order `changes` lists it.
    static var masterFields: [MasterField] {
        [MasterField("companyName", \.companyName), MasterField("domains", \.domains), MasterField("country", \.country),
         MasterField("cloud", \.cloud), MasterField("resellerId", \.resellerId), MasterField("subscriptions", \.subscriptions)]
    }

    /// `"changes": {"companyName": {"old": …, "new": …}, …}`: the master data that differs.
    func encodeChanges(from old: Customer, to new: Customer, in c: inout KeyedEncodingContainer<Key>) throws {
        var changes = c.nestedContainer(keyedBy: Key.self, forKey: Key("changes"))
        for field in Self.masterFields where field.differs(old, new) { try field.encode(old, new, &changes) }
    }

    /// The changed fields' names, in the order `changes` lists them (for a one-line summary).
    public static func changedFields(from old: Customer, to new: Customer) -> [String] {
        masterFields.filter { $0.differs(old, new) }.map(\.name)
    }
}
