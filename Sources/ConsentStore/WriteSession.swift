import ConsentModel
import Foundation
import GRDB

/// One write transaction: the head of the chain, the profile, the catalogue and the
/// customers touched so far, so each command is validated against what is really there.
final class WriteSession {
    let db: Database
    let actor: StoreActor
    let now: Date
    let at: String
    var headSeq: Int64
    var headHash: String
    private(set) var profile: PartnerProfile
    private(set) var catalog: TemplateCatalog
    var customers: [String: (customer: Customer, lastSeq: Int64)] = [:]
    /// Customers changed in this transaction, written once by `flush()`.
    var dirty: Set<String> = []
    /// The stored row (`CustomerTable.names`, then `ListProjection.columns`) of each customer
    /// read from the store in this transaction: `flush()` updates only the columns that changed.
    var storedRows: [String: [DatabaseValue]] = [:]
    /// Customers read without decoding their subscriptions (`customer(_:subscriptions: false)`):
    /// their stored subscriptions are decoded when first asked for, and written back as stored.
    var subscriptionsUnread: Set<String> = []
    private let encoder = StoreCoding.encoder
    /// Event payloads and subscriptions as JSON, without Foundation's cost per value.
    static let payloadEncoder = CompactJSONEncoder()
    /// The day statuses are evaluated for in this transaction.
    let today: Day
    /// Set when the policy or the catalogue changed: every status is evaluated again.
    private var policyChanged = false
    /// The profile the stored list columns were last evaluated with: when only resellers'
    /// names changed since, only their customers are evaluated again.
    private var evaluatedProfile: PartnerProfile
    /// Told (done, total) while every customer is evaluated again.
    var recomputeProgress: ((Int, Int) -> Void)?
    /// A bulk write's indexes: paused when its first event is appended (a batch that writes
    /// nothing makes no index again), made again by the batch once its rows are in.
    var bulk: BulkIndexes?

    init(db: Database, actor: StoreActor, now: Date) throws {
        self.db = db
        // Rule 4 for who makes the change, on every kind of write.
        let audit = try ConsentRules.auditTrail(employee: actor.employee, partnerUserId: actor.userId)
        self.actor = StoreActor(userId: audit.partnerUserId, employee: audit.employee)
        // Whole seconds, so what the JSON payload keeps is exactly what the projection keeps.
        self.now = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        self.at = ISO8601.string(now)
        if let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1") {
            headSeq = row[0]
            headHash = row[1]
        } else {
            headSeq = 0
            headHash = EventChain.genesis
        }
        profile = try StateTable.profile(db)
        evaluatedProfile = profile
        catalog = try StateTable.catalog(db)
        // Statuses are evaluated for this desk's day, or for the stored one when another desk's
        // clock is already on the next day (the stored day never goes back: `refresh`).
        let clockDay = Day(utcOf: now)
        today = max(clockDay, try ListProjection.statusDay(db) ?? clockDay)
        // The first write of a new day brings the stored statuses up to it.
        try ListProjection.refresh(db, profile: profile, catalog: catalog, day: today)
    }

    var context: ConsentContext { ConsentContext(profile: profile, catalog: catalog, now: now) }

    /// The customer with `tenantId` as this transaction sees it. With `subscriptions: false`
    /// its subscriptions may be left empty (undecoded): for a change that never reads them.
    func customer(_ tenantId: String, subscriptions: Bool = true) throws -> (customer: Customer, lastSeq: Int64)? {
        let id = tenantId.lowercased()
        if let cached = customers[id] {
            guard subscriptions, subscriptionsUnread.contains(id) else { return cached }
            return try readingSubscriptions(id, cached)
        }
        // Prepared once per transaction: an import looks up every row's customer.
        let select = try db.cachedStatement(sql: "SELECT \(CustomerTable.columns), \(ListProjection.columns.joined(separator: ", ")) FROM customers WHERE tenantId = ?")
        guard let row = try Row.fetchOne(select, arguments: [id]) else { return nil }
        let entry = (try CustomerTable.customer(row, subscriptions: subscriptions), try CustomerTable.lastSeq(row))
        customers[id] = entry
        storedRows[id] = Array(row.databaseValues)
        if !subscriptions { subscriptionsUnread.insert(id) }
        return entry
    }

    /// The cached `entry` of `id` with its stored subscriptions decoded (it was read without).
    private func readingSubscriptions(_ id: String, _ entry: (customer: Customer, lastSeq: Int64)) throws -> (customer: Customer, lastSeq: Int64) {
        guard let stored = storedRows[id], case .string(let json) = stored[CustomerTable.subscriptionsIndex].storage,
              let list = try? StoreCoding.decoder.decode([Subscription].self, from: Data(json.utf8)) else {
            throw StoreError.damaged(table: "customers", row: id, detail: tr("store.damaged.unreadable", "subscriptions"))
        }
        var entry = entry
        entry.customer.subscriptions = list
        customers[id] = entry
        subscriptionsUnread.remove(id)
        return entry
    }

    /// Appends `event` to the chain and updates the projections; returns its sequence number.
    @discardableResult
    func append(_ event: ConsentEvent) throws -> Int64 {
        // Sorted keys (the stored text is what is hashed; any key order decodes the same).
        let payload = String(decoding: try Self.payloadEncoder.encode(event), as: UTF8.self)
        let seq = headSeq + 1
        // The event is recorded by this desk's employee, whatever the input says: an imported
        // confirmation keeps the file's employee as who confirmed with the customer, but the
        // import was run by this desk. A confirmation is made under its partner user id.
        let employee = actor.employee
        let userId: String
        if case .confirmed(_, let confirmation) = event {
            userId = confirmation.partnerUserId
        } else {
            userId = actor.userId.isEmpty ? profile.defaultUserId : actor.userId
        }
        let customerId = event.tenantId
        // The replay refuses a customer added twice; so does every write, whatever its source.
        if case .customerAdded(let customer) = event, try exists(customer.tenantId) {
            throw ValidationError([.customerExists(customer.tenantId)])
        }
        if let bulk, !bulk.paused { try bulk.pause() }
        let version = EventChain.currentVersion
        guard let hash = EventChain.hash(version: version, previous: headHash, seq: seq, at: at, userId: userId,
                                         employee: employee, kind: event.kind, customer: customerId, payload: payload) else {
            throw StoreError.io("chain format \(version)")
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO events (seq, at, userId, employee, kind, customer, payload, prevHash, hash, chainVersion)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [seq, at, userId, employee, event.kind, customerId, payload, headHash, hash, version])
        headSeq = seq
        headHash = hash
        try project(event, seq: seq)
        return seq
    }

    /// Whether the customer is stored or was added earlier in this transaction.
    private func exists(_ tenantId: String) throws -> Bool {
        if customers[tenantId] != nil { return true }
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM customers WHERE tenantId = ?")
        return try Int.fetchOne(statement, arguments: [tenantId]) != nil
    }

    private func project(_ event: ConsentEvent, seq: Int64) throws {
        switch event {
        case .profileSet(let profile):
            // Statuses follow the policy; a new name, domain, user id or threshold moves none.
            if profile.policy != self.profile.policy { policyChanged = true }
            self.profile = profile
            try StateTable.save(profile, key: "profile", seq: seq, in: db)
        case .templateAdded(let template):
            catalog.upsert(template)
            policyChanged = true
            try StateTable.save(catalog, key: "catalog", seq: seq, in: db)
        case .templateRetired(let id):
            catalog.retire(id: id)
            policyChanged = true
            try StateTable.save(catalog, key: "catalog", seq: seq, in: db)
        case .customerAdded(let customer):
            customers[customer.tenantId] = (customer, seq)
            subscriptionsUnread.remove(customer.tenantId)
            dirty.insert(customer.tenantId)
        case .customerEdited, .confirmed, .requested, .withdrawn, .noted:
            // Applying an event never reads the subscriptions (an edit brings its own).
            guard let id = event.tenantId, let current = try customer(id, subscriptions: false) else {
                throw StoreError.unknownCustomer(event.tenantId ?? "")
            }
            customers[id] = (current.customer.applying(event), seq)
            if case .customerEdited = event { subscriptionsUnread.remove(id) }
            dirty.insert(id)
        case .voided(let id, _, _):
            try reproject(id, seq: seq)
        case .imported, .keyAdded, .keyRetired:
            break
        }
    }

    /// Writes the projection rows of the customers this transaction changed, with their
    /// statuses; after a profile or catalogue change, every customer's. With `forgetting`, the
    /// customers read so far are dropped too (a large batch keeps memory flat).
    func flush(forgetting: Bool = false) throws {
        defer {
            if forgetting {
                customers.removeAll(keepingCapacity: true)
                storedRows.removeAll(keepingCapacity: true)
                subscriptionsUnread.removeAll(keepingCapacity: true)
            }
        }
        let evaluator = ConsentEvaluator(profile: profile, catalog: catalog, day: today)
        func save() throws {
            for id in dirty {
                guard let entry = customers[id] else { continue }
                // A stored row is updated in the columns that changed only (its indexes, search
                // text and renewals are touched only when theirs did); a new one is inserted.
                if let stored = storedRows[id] {
                    var row = try CustomerTable.values(entry.customer, seq: entry.lastSeq, evaluator: evaluator, day: today, encoder: encoder)
                    // Subscriptions never decoded were not changed: they stay as stored.
                    if subscriptionsUnread.contains(id) { row[CustomerTable.subscriptionsIndex] = stored[CustomerTable.subscriptionsIndex] }
                    try CustomerTable.update(from: stored, to: row, in: db)
                    storedRows[id] = row
                } else {
                    try CustomerTable.save(entry.customer, seq: entry.lastSeq, evaluator: evaluator, day: today, in: db, encoder: encoder)
                }
            }
        }
        // A large import re-indexes the search text once instead of row by row (when it
        // touches a good part of the store: a rebuild reads every customer).
        if dirty.count >= 5_000, dirty.count * 4 >= (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers") ?? 0) {
            try ListProjection.withSearchIndexRebuiltAfter(db, save)
        } else {
            try save()
        }
        let written = dirty.count
        dirty.removeAll()
        // Rows kept to compare with are stale once list columns are evaluated again.
        if policyChanged || profile != evaluatedProfile { storedRows.removeAll(keepingCapacity: true) }
        if policyChanged {
            policyChanged = false
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers") ?? 0
            // Customers written just now already have the new policy's values.
            if total > written {
                try ListProjection.recomputeAll(db, evaluator: evaluator, day: today, progress: recomputeProgress)
            }
        } else if profile != evaluatedProfile {
            // A reseller renamed, added or removed: its customers' sort key and search text.
            try ListProjection.recomputeResellerCustomers(db, from: evaluatedProfile, evaluator: evaluator, day: today,
                                                          progress: recomputeProgress)
        }
        evaluatedProfile = profile
    }

    /// The events `command` asks for, validated against the current state; [] when it
    /// changes nothing (an import row identical to what is stored).
    func plan(_ command: StoreCommand) throws -> (events: [ConsentEvent], warnings: [ConsentWarning]) {
        let context = self.context
        func existing(_ id: String) throws -> Customer {
            guard let found = try customer(id) else { throw ValidationError([.unknownCustomer(id)]) }
            return found.customer
        }
        // The decision is the model's (`ConsentDecisions`): here only what it needs is read.
        func decided(_ decision: ConsentDecision) -> (events: [ConsentEvent], warnings: [ConsentWarning]) {
            (decision.events, decision.warnings)
        }
        switch command {
        case .addCustomer(let draft):
            return decided(try ConsentDecisions.addCustomer(draft, in: context) { try self.customer($0) != nil })
        case .editCustomer(let id, let draft):
            return decided(try ConsentDecisions.editCustomer(draft, current: try existing(id), in: context))
        case .setSubscriptions(let id, let subscriptions):
            return decided(ConsentDecisions.setSubscriptions(subscriptions, current: try existing(id)))
        case .confirm(let id, let draft):
            return decided(try ConsentDecisions.confirm(draft, tenantId: id, current: try existing(id), employee: actor.employee,
                                                        userId: actor.userId, in: context))
        case .request(let id, let draft):
            return decided(try ConsentDecisions.request(draft, tenantId: id, current: try existing(id), in: context))
        case .withdraw(let id, let draft):
            return decided(try ConsentDecisions.withdraw(draft, tenantId: id, current: try existing(id), in: context))
        case .addTemplate(let draft):
            return decided(try ConsentDecisions.addTemplate(draft, in: context))
        case .retireTemplate(let id):
            return decided(try ConsentDecisions.retireTemplate(id, in: context))
        case .setProfile(let draft):
            return decided(try ConsentDecisions.setProfile(draft, in: context))
        case .addReseller(let id, let name, let domains):
            return decided(try ConsentDecisions.addReseller(id: id, name: name, domains: domains, in: context))
        case .editReseller(let id, let name, let domains):
            return decided(try ConsentDecisions.editReseller(id: id, name: name, domains: domains, in: context))
        case .removeReseller(let id):
            // Customers it serves, and confirmations it collected (their records name it).
            let stored = ConsentRules.reseller(id, in: profile)?.id ?? id
            let using = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers WHERE resellerId = ?1 OR cReseller = ?1",
                                         arguments: [stored]) ?? 0
            return decided(try ConsentDecisions.removeReseller(id: id, customersNamingIt: using, in: context))
        case .importCustomer(let parsed):
            return try planImport(parsed, context: context)
        case .importConfirmation(let id, let domain, let draft):
            return try planImportedConfirmation(tenantId: id, domain: domain, draft, context: context)
        case .void(let seq, let reason):
            return ([try planVoid(seq: seq, reason: reason)], [])
        case .note(let id, let text):
            return decided(try ConsentDecisions.note(text, current: try existing(id)))
        case .requestAll(let ids, let draft):
            return try planRequests(ids, draft)
        case .addSigningKey(let key):
            return ([try planSigningKey(key)], [])
        case .retireSigningKey(let keyId):
            return ([try planKeyRetirement(keyId)], [])
        }
    }

    /// Fills who confirms from this desk when the input leaves it empty.
    func withDefaults(_ draft: ConfirmationDraft) -> ConfirmationDraft {
        ConsentDecisions.recordedBy(draft, employee: actor.employee, userId: actor.userId, profile: profile)
    }
}

/// The `state` projection: the profile and the catalogue as JSON.
enum StateTable {
    static func profile(_ db: Database) throws -> PartnerProfile {
        try value(PartnerProfile.self, key: "profile", in: db) ?? .unnamed
    }

    static func catalog(_ db: Database) throws -> TemplateCatalog {
        try value(TemplateCatalog.self, key: "catalog", in: db) ?? .default
    }

    /// The value stored under `key`; a value that is not text or not readable JSON of the
    /// right shape is `StoreError.damaged` (table state, row `key`).
    static func value<T: Decodable>(_ type: T.Type, key: String, in db: Database) throws -> T? {
        guard let stored = try DatabaseValue.fetchOne(db, sql: "SELECT value FROM state WHERE key = ?", arguments: [key]) else {
            return nil
        }
        guard case .string(let json) = stored.storage else {
            throw StoreError.damaged(table: "state", row: key, detail: tr(stored.isNull ? "store.damaged.null" : "store.damaged.type", "value"))
        }
        guard let decoded = try? StoreCoding.decoder.decode(T.self, from: Data(json.utf8)) else {
            throw StoreError.damaged(table: "state", row: key, detail: tr("store.damaged.unreadable", "value"))
        }
        return decoded
    }

    static func save<T: Encodable>(_ value: T, key: String, seq: Int64, in db: Database) throws {
        let json = String(decoding: try StoreCoding.encoder.encode(value), as: UTF8.self)
        try db.execute(sql: "INSERT OR REPLACE INTO state (key, value, lastSeq) VALUES (?, ?, ?)", arguments: [key, json, seq])
    }
}
