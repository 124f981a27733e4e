import ConsentModel
import Foundation
import GRDB

/// Which events the activity log shows (issue 15.4): newest first, a page at a time.
public struct ActivityQuery: Hashable, Sendable {
    /// Events recorded on or after this day (UTC).
    public var since: Day?
    /// Events recorded on or before this day (UTC).
    public var until: Day?
    /// Only this employee's events (any letter case).
    public var employee: String?
    /// Only this customer's events (tenant id).
    public var customer: String?
    /// Only these stored kinds (`ConsentEvent.storedKinds`); nil: every kind.
    public var kinds: [String]?
    /// Only events older than this one (the next page after a page ending with it).
    public var before: Int64?
    /// The most events a page holds.
    public var limit: Int

    public init(since: Day? = nil, until: Day? = nil, employee: String? = nil, customer: String? = nil,
                kinds: [String]? = nil, before: Int64? = nil, limit: Int = 100) {
        self.since = since
        self.until = until
        self.employee = employee
        self.customer = customer
        self.kinds = kinds
        self.before = before
        self.limit = limit
    }
}

/// One event of the activity log with the company it is about (nil when about none, or
/// when the customer is not in the store).
public struct ActivityEntry: Sendable, Hashable {
    public let event: StoredEvent
    public let companyName: String?
    /// The void that voided this event (rule 12), if one did.
    public internal(set) var voidedBy: Int64?
    /// Why it was voided.
    public internal(set) var voidReason: String?
}

extension ConsentStore {
    /// Migration v6: the notes' texts beside each customer (for search), and the indexes the
    /// activity log pages with (by employee, by kind, by time).
    static func migrateNotesAndLog(_ db: Database) throws {
        try addNotesColumn(db)
        try db.execute(sql: """
            CREATE INDEX events_employee ON events(employee COLLATE NOCASE, seq);
            CREATE INDEX events_kind ON events(kind, seq);
            CREATE INDEX events_at ON events(at);
            """)
    }

    /// The `notes` column, unless an earlier migration added it already: every read of a
    /// customer row selects it, so a migration that reads customers (v5) adds it first.
    static func addNotesColumn(_ db: Database) throws {
        guard try !db.columns(in: "customers").contains(where: { $0.name == "notes" }) else { return }
        try db.execute(sql: "ALTER TABLE customers ADD COLUMN notes TEXT NOT NULL DEFAULT ''")
    }

    /// A store opened read-only that predates v6 cannot be migrated: a temporary view (in
    /// this connection only, nothing written to the file) shows its customers with an empty
    /// `notes` column, so every read works as on a migrated store.
    static func showNotesColumnWhenMissing(_ db: Database) throws {
        let columns = try Row.fetchAll(db, sql: "PRAGMA main.table_info(customers)").map { $0["name"] as String? }
        guard !columns.isEmpty, !columns.contains("notes") else { return }
        try db.execute(sql: "CREATE TEMP VIEW customers AS SELECT *, rowid AS rowid, '' AS notes FROM main.customers")
    }

    /// A page of the activity log, newest first: an indexed query (times become a range of
    /// event numbers through the index on `at`; event times never go backwards), never a
    /// read of the whole history.
    public func activity(_ query: ActivityQuery) throws(StoreError) -> [ActivityEntry] {
        try read { db in
            var entries: [ActivityEntry] = []
            for (sql, arguments) in try Self.activityStatements(query, in: db) {
                entries += try Row.fetchAll(db, sql: sql, arguments: arguments).map { row throws(StoreError) in
                    ActivityEntry(event: try Self.storedEvent(row), companyName: row[10])
                }
            }
            // Several kinds: one indexed page per kind, merged (never a sort of all their events).
            if query.kinds?.count ?? 0 > 1 {
                entries = Array(entries.sorted { $0.event.seq > $1.event.seq }.prefix(max(1, query.limit)))
            }
            // Voided events are marked: a void always comes after what it voids.
            // Only the voids of the page's customers are read (through the events' customer
            // index), so a page deep in the history costs its own customers, not every void.
            let customers = Array(Set(entries.compactMap(\.event.customer)))
            if let oldest = entries.map(\.event.seq).min(), !customers.isEmpty {
                let marks = Array(repeating: "?", count: customers.count).joined(separator: ", ")
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT seq, payload FROM events
                    WHERE kind = \(EventKind.voided.sql) AND customer IN (\(marks)) AND seq > ? ORDER BY seq
                    """, arguments: StatementArguments(customers.map { $0 as (any DatabaseValueConvertible)? } + [oldest]))
                var voids: [Int64: (by: Int64, reason: String)] = [:]
                while let row = try rows.next() {
                    guard let payload = row[1] as String?,
                          case .voided(_, let target, let reason)? = try? StoreCoding.decoder.decode(ConsentEvent.self, from: Data(payload.utf8)),
                          voids[target] == nil else { continue }
                    voids[target] = (row[0], reason)
                }
                for index in entries.indices {
                    entries[index].voidedBy = voids[entries[index].event.seq]?.by
                    entries[index].voidReason = voids[entries[index].event.seq]?.reason
                }
            }
            return entries
        }
    }

    /// The queries of a page of the log: one, or one per kind when several are asked for
    /// (each then walks its own part of the kind index in order).
    static func activityStatements(_ query: ActivityQuery, in db: Database) throws -> [(String, StatementArguments)] {
        guard let kinds = query.kinds, kinds.count > 1 else { return try activityStatement(query, in: db).map { [$0] } ?? [] }
        return try Set(kinds).sorted().compactMap { kind in
            var one = query
            one.kinds = [kind]
            return try activityStatement(one, in: db)
        }
    }

    /// The query of a page of the log (nil when no event can match): days become a range of
    /// event numbers first, each through the index on `at`.
    static func activityStatement(_ query: ActivityQuery, in db: Database) throws -> (String, StatementArguments)? {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let before = query.before {
            conditions.append("e.seq < ?")
            arguments += [before]
        }
        if let since = query.since {
            let first = try Int64.fetchOne(db, sql: "SELECT seq FROM events WHERE at >= ? ORDER BY at, seq LIMIT 1",
                                           arguments: [since.iso])
            guard let first else { return nil }
            conditions.append("e.seq >= ? AND e.at >= ?")
            arguments += [first, since.iso]
        }
        if let until = query.until {
            // The day's last instant as text (times compare as text; the next day's text
            // would not, after 9999-12-31).
            let end = until.iso + "T23:59:59.999Z"
            let last = try Int64.fetchOne(db, sql: "SELECT seq FROM events WHERE at <= ? ORDER BY at DESC, seq DESC LIMIT 1",
                                          arguments: [end])
            guard let last else { return nil }
            conditions.append("e.seq <= ? AND e.at <= ?")
            arguments += [last, end]
        }
        if let employee = query.employee {
            conditions.append("e.employee = ? COLLATE NOCASE")
            arguments += [employee]
        }
        if let customer = query.customer {
            conditions.append("e.customer = ?")
            arguments += [customer.lowercased()]
        }
        if let kinds = query.kinds {
            if kinds.isEmpty { return nil }
            conditions.append("e.kind IN (\(kinds.map { _ in "?" }.joined(separator: ",")))")
            arguments += StatementArguments(kinds)
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let columns = eventColumns.split(separator: ",").map { "e." + $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: ", ")
        arguments += [max(1, query.limit)]
        return ("""
            SELECT \(columns), c.companyName FROM events e LEFT JOIN customers c ON c.tenantId = e.customer\(filter)
            ORDER BY e.seq DESC LIMIT ?
            """, arguments)
    }

    /// The customer's master data as it stood just before event `seq` (its last
    /// `customerAdded` or `customerEdited` before it), or nil when none is readable.
    public func customerBefore(_ seq: Int64, of tenantId: String) throws(StoreError) -> Customer? {
        try read { db in try Self.customerBefore(seq, of: tenantId, in: db) }
    }

    static func customerBefore(_ seq: Int64, of tenantId: String, in db: Database) throws -> Customer? {
        let statement = try db.cachedStatement(sql: """
            SELECT payload FROM events WHERE customer = ? AND seq < ? AND kind IN (\(EventKind.sqlList([.customerAdded, .customerEdited])))
            ORDER BY seq DESC LIMIT 1
            """)
        guard let payload = try String.fetchOne(statement, arguments: [tenantId, seq]),
              let event = try? StoreCoding.decoder.decode(ConsentEvent.self, from: Data(payload.utf8)) else { return nil }
        switch event {
        case .customerAdded(let customer), .customerEdited(let customer): return customer
        case .profileSet, .templateAdded, .templateRetired, .confirmed, .requested, .withdrawn, .imported, .voided,
             .noted, .keyAdded, .keyRetired:
            return nil
        }
    }

    /// Calls `body` with every event, oldest first, and for an edit of a customer its master
    /// data just before (nil otherwise), in one read; returns the head it was taken at.
    @discardableResult
    public func forEachEventWithPrevious(_ body: (StoredEvent, Customer?) throws -> Void) throws(StoreError) -> StoreHead {
        try read { db in
            var head = StoreHead(seq: 0, hash: EventChain.genesis)
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.eventColumns) FROM events ORDER BY seq")
            while let row = try rows.next() {
                let stored = try Self.storedEvent(row)
                var previous: Customer?
                if stored.eventKind == .customerEdited, let id = stored.customer {
                    previous = try Self.customerBefore(stored.seq, of: id, in: db)
                }
                try body(stored, previous)
                head = StoreHead(seq: stored.seq, hash: stored.hash)
            }
            return head
        }
    }

    /// The newest event's number and hash (0 and the genesis hash for an empty history).
    public func head() throws(StoreError) -> StoreHead {
        try read { db in
            let head = try Self.head(db)
            return StoreHead(seq: head.seq, hash: head.hash)
        }
    }
}
