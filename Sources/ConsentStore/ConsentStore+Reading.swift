import ConsentModel
import Foundation
import GRDB

/// Everything the list needs, read in one transaction.
public struct StoreSnapshot: Sendable {
    public let profile: PartnerProfile
    public let catalog: TemplateCatalog
    /// Customers without their subscriptions (load one with `customer(_:)` for those),
    /// ordered by company name (byte order), then tenant id.
    public let customers: [Customer]
    /// The customers' last event, by tenant id: what an edit expects to still be true.
    public let lastSeqs: [String: Int64]
    /// The newest event's sequence number.
    public let headSeq: Int64
    /// The newest event's hash, read with the rest (what an export was taken at).
    public var headHash = EventChain.genesis
    /// How many customers the store holds (more than `customers` for a first page).
    public let totalCustomers: Int
}

/// What changed since a sequence number.
public struct StoreChanges: Sendable {
    public let headSeq: Int64
    public let profile: PartnerProfile
    public let catalog: TemplateCatalog
    public let customers: [Customer]
    public let lastSeqs: [String: Int64]
}

extension ConsentStore {
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw StoreError.from(error, path: location.file.path)
        }
    }

    /// The profile, catalogue and every customer; with `limit`, only the first customers
    /// in company order (a first page to show while the rest loads).
    public func snapshot(limit: Int? = nil) throws(StoreError) -> StoreSnapshot {
        var customers: [Customer] = []
        var seqs: [String: Int64] = [:]
        let header = try readCustomers(limit: limit) { customer, seq in
            customers.append(customer)
            seqs[customer.tenantId] = seq
        }
        return StoreSnapshot(profile: header.profile, catalog: header.catalog, customers: customers, lastSeqs: seqs,
                             headSeq: header.headSeq, headHash: header.headHash, totalCustomers: header.totalCustomers)
    }

    /// Reads like `snapshot`, but hands each customer (without subscriptions) and its last
    /// event to `each` as it is read, so a caller building its own rows never holds two
    /// copies. Returns the profile, catalogue and counts, with no customers in it.
    /// With `limit` 0 (the app's start: its list is read through its window) no customer
    /// is read or counted (`totalCustomers` is 0): a count would pass over every customer.
    public func readCustomers(limit: Int? = nil, _ each: (Customer, Int64) -> Void) throws(StoreError) -> StoreSnapshot {
        try read { db in
            var count = 0
            if limit != 0 {
                count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers") ?? 0
                let rows = try Row.fetchCursor(db, sql: "SELECT \(CustomerTable.columns), rowid FROM customers ORDER BY companyName, tenantId LIMIT ?",
                                               arguments: [limit ?? -1])
                let interner = Interner()
                while let row = try rows.next() {
                    each(try CustomerTable.customer(row, subscriptions: false, interner: interner), try CustomerTable.lastSeq(row))
                }
            }
            let head = try Self.head(db)
            return StoreSnapshot(profile: try StateTable.profile(db), catalog: try StateTable.catalog(db),
                                 customers: [], lastSeqs: [:], headSeq: head.seq, headHash: head.hash, totalCustomers: count)
        }
    }

    /// The newest event's sequence number: a cheap way for a running app to notice
    /// that another process wrote.
    public func headSeq() throws(StoreError) -> Int64 {
        try read { db in try Self.headSeq(db) }
    }

    static func headSeq(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM events") ?? 0
    }

    /// The customers changed after `seq`, with the current profile and catalogue.
    public func changes(since seq: Int64) throws(StoreError) -> StoreChanges {
        try read { db in
            var customers: [Customer] = []
            var seqs: [String: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT \(CustomerTable.columns), rowid FROM customers WHERE lastSeq > ?",
                                           arguments: [seq])
            while let row = try rows.next() {
                let customer = try CustomerTable.customer(row, subscriptions: false)
                customers.append(customer)
                seqs[customer.tenantId] = try CustomerTable.lastSeq(row)
            }
            return StoreChanges(headSeq: try Self.headSeq(db), profile: try StateTable.profile(db),
                                catalog: try StateTable.catalog(db), customers: customers, lastSeqs: seqs)
        }
    }

    /// The profile.
    public func profile() throws(StoreError) -> PartnerProfile { try read { db in try StateTable.profile(db) } }

    /// The catalogue.
    public func catalog() throws(StoreError) -> TemplateCatalog { try read { db in try StateTable.catalog(db) } }

    /// The customer with `tenantId`, subscriptions included, and its last event.
    public func customer(_ tenantId: String) throws(StoreError) -> (customer: Customer, lastSeq: Int64)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(CustomerTable.columns), rowid FROM customers WHERE tenantId = ?",
                                             arguments: [tenantId.lowercased()]) else { return nil }
            return (try CustomerTable.customer(row, subscriptions: true), try CustomerTable.lastSeq(row))
        }
    }

    /// The history of one customer, oldest first.
    public func history(of tenantId: String) throws(StoreError) -> [StoredEvent] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.eventColumns) FROM events WHERE customer = ? ORDER BY seq", arguments: [tenantId.lowercased()])
                .map { row throws(StoreError) in try Self.storedEvent(row) }
        }
    }

    /// Calls `body` with every event, oldest first, without holding them all in memory.
    public func forEachEvent(_ body: (StoredEvent) throws -> Void) throws(StoreError) {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.eventColumns) FROM events ORDER BY seq")
            while let row = try rows.next() { try body(Self.storedEvent(row)) }
        }
    }

    /// The events' columns in the order `storedEvent` reads them.
    static let eventColumns = "seq, at, userId, employee, kind, customer, payload, prevHash, hash, chainVersion"

    static func storedEvent(_ row: Row) throws(StoreError) -> StoredEvent {
        let cells = Cells(row: row, table: "events", names: ["seq", "at", "userId", "employee", "kind", "customer", "payload", "prevHash", "hash", "chainVersion"])
        let seq = try cells.integer(0)
        let atText = try cells.text(1)
        guard let at = ISO8601.date(atText) else { throw cells.unreadable(1) }
        var event = StoredEvent(seq: seq, at: at, userId: try cells.text(2), employee: try cells.text(3), kind: try cells.text(4),
                                customer: try cells.optionalText(5), payload: try cells.text(6), previousHash: try cells.text(7),
                                hash: try cells.text(8))
        event.chainVersion = Int(try cells.integer(9))
        event.atText = atText
        return event
    }
}
