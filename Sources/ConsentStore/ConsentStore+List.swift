import ConsentModel
import Foundation
import GRDB

/// One question to the customer list: which customers (a status or group, a search text)
/// in which order. Text sorts on folded keys (`ListProjection.sortKey`: "Göteborg" with G,
/// "Øresund" with O), status by urgency; ties are broken by the folded company name then
/// tenant id, in the same direction as the sort.
public struct ListQuery: Hashable, Sendable {
    /// The sort columns, as the list shows them.
    public enum Sort: String, CaseIterable, Hashable, Sendable {
        case status, company, domain, country, cloud, reseller, agreement, date, contact

        /// The stored column this sort reads (indexed with company name and tenant id).
        var column: String {
            switch self {
            case .status: return "status"
            case .company: return "kCompany"
            case .domain: return "kDomain"
            case .country: return "country"
            case .cloud: return "cloud"
            case .reseller: return "kReseller"
            case .agreement: return "kAgreement"
            case .date: return "kDate"
            case .contact: return "kContact"
            }
        }
    }

    /// Only customers whose status is in this filter (nil: everyone).
    public var status: StatusFilter?
    /// What was typed in the search (folded like `CustomerSearch.query`); empty: no search.
    public var search: String
    public var sort: Sort
    public var ascending: Bool
    /// A follow-up view (waiting, renewing): filters, and orders by its own day before `sort`.
    public var followUp: FollowUp? = nil
    /// Only customers served by the reseller with this id (nil: every customer).
    public var reseller: String? = nil
    /// The day a follow-up is counted from (set by the store when it reads).
    var day: Day? = nil

    public init(status: StatusFilter? = nil, search: String = "", sort: Sort = .company, ascending: Bool = true) {
        self.status = status
        self.search = search
        self.sort = sort
        self.ascending = ascending
    }
}

/// One customer as the list shows it, read from the store without its subscriptions.
public struct ListRow: Sendable {
    public let customer: Customer
    public let status: ConsentStatus
    /// Days since the request (counted for the day it is read), when requested.
    public let daysWaiting: Int?
    /// The customer's last event: what a save from the list expects to still be true.
    public let lastSeq: Int64
    /// Where the row is in its ordering, to ask for the rows after or before it.
    public let cursor: ListCursor
    /// The next renewal (on or after the day read), in a list of customers renewing soon.
    public var renewsOn: Day? = nil
}

/// A row's place in a `ListQuery`'s ordering (its sort value, company name, tenant id).
public struct ListCursor: Hashable, Sendable {
    let values: [DatabaseValue]
}

/// Where a page starts.
public enum ListPageStart: Hashable, Sendable {
    /// After skipping this many rows.
    case offset(Int)
    /// Just after this row (keyset paging: as quick deep in the list as at its top).
    case after(ListCursor)
    /// The rows just before this row (still in list order).
    case before(ListCursor)
    /// The last rows of the list (End).
    case end
}

/// What a streamed read of the list saw: the head it was taken at and how many rows.
public struct ListedHead: Sendable {
    public let seq: Int64
    public let hash: String
    /// Rows handed to the caller.
    public let listed: Int
    /// Customers in the store.
    public let totalCustomers: Int
}

/// A page of the list and how many rows the whole query has.
public struct ListPage: Sendable {
    public let rows: [ListRow]
    public let total: Int
}

/// Where a list window's page starts (`ConsentStore.listWindow`).
public enum ListPlace: Sendable, Equatable {
    /// From this position.
    case offset(Int)
    /// The last rows; the cursor goes to the last.
    case end
    /// Around this customer, the cursor on it, `row` rows from the page's top (the middle
    /// when nil); from `fallback`, the cursor there, when the query does not select it (or
    /// no customer is given).
    case following(String?, fallback: Int, row: Int? = nil)
}

/// A list window's page, read in one transaction with the query's total, where the cursor
/// goes, and (when asked) the counts per status.
public struct ListWindowPage: Sendable {
    public let rows: [ListRow]
    /// The position of `rows[0]` in the query's ordering.
    public let start: Int
    public let total: Int
    /// Where the cursor goes (the followed customer, or the last row for End).
    public let selected: Int?
    public let counts: [ConsentStatus: Int]?
}

/// What another desk changed, as the list needs it (no customer records).
public struct ListChanges: Sendable {
    public let headSeq: Int64
    public let profile: PartnerProfile
    public let catalog: TemplateCatalog
    /// How many customers the events since the asked sequence number touched.
    public let customersTouched: Int
}

extension ConsentStore {
    /// Brings the stored statuses up to today when a new day changed what is current (a
    /// template's effective date passed): in a write transaction on a store opened for
    /// writing. Returns false when the stored statuses are not today's and this store may
    /// not write them (opened read-only): callers then evaluate in Swift.
    /// `progress` is told (done, total) while every customer is evaluated again.
    @discardableResult
    public func listIsCurrent(progress: ((Int, Int) -> Void)? = nil) throws(StoreError) -> Bool {
        let today = clock.today()
        let (stored, profile, catalog, hasColumns) = try read { db in
            let hasColumns = try ListProjection.hasColumns(db)
            return (hasColumns ? try ListProjection.statusDay(db) : nil, try StateTable.profile(db), try StateTable.catalog(db), hasColumns)
        }
        if ListProjection.stillCurrent(stored: stored, day: today, profile: profile, catalog: catalog) { return true }
        guard mode == .readWrite, hasColumns else { return false }
        do {
            try queue.write { db in
                try ListProjection.refresh(db, profile: try StateTable.profile(db), catalog: try StateTable.catalog(db), day: today,
                                           progress: progress)
            }
        } catch {
            throw StoreError.from(error, path: location.file.path)
        }
        return true
    }

    /// A page of the list for `query`: `limit` rows from `start`, and the query's total.
    /// Each page is one indexed query (with a search, the trigram index for three or more
    /// characters), so its cost follows the page, not the store.
    public func listPage(_ query: ListQuery, from start: ListPageStart = .offset(0), limit: Int) throws(StoreError) -> ListPage {
        try listIsCurrent()
        let query = query.counted(from: clock.today())
        let today = clock.today()
        return try read { db in try Self.page(db, query, from: start, limit: limit, today: today) }
    }

    /// What the app's list window asks in one read transaction, so the page, the query's
    /// total, the followed customer's position and the counts are one state of the store
    /// (a write between them could otherwise show a page that does not add up).
    /// With `knownTotal` (the caller's total for the same query) the query is not counted again.
    /// `progress` is told (done, total) when a new day first re-evaluates every customer.
    public func listWindow(_ query: ListQuery, at place: ListPlace, limit: Int, counting: Bool,
                           knownTotal: Int? = nil, progress: ((Int, Int) -> Void)? = nil) throws(StoreError) -> ListWindowPage {
        try listIsCurrent(progress: progress)
        let query = query.counted(from: clock.today())
        let today = clock.today()
        return try read { db in
            // A window's reads touch a page of rows but count through whole indexes: a small
            // page cache on this connection keeps the app's memory flat at a million customers
            // (SQLite frees what is above it; the file's pages stay in the OS cache).
            try db.execute(sql: "PRAGMA cache_size = -\(Self.windowCacheKiB)")
            let counts = counting ? try Self.statusCounts(db, search: "") : nil
            switch place {
            case .offset(let offset):
                let page = try Self.page(db, query, from: .offset(offset), limit: limit, today: today, total: knownTotal)
                return ListWindowPage(rows: page.rows, start: max(0, offset), total: page.total, selected: nil, counts: counts)
            case .end:
                let page = try Self.page(db, query, from: .end, limit: limit, today: today, total: knownTotal)
                return ListWindowPage(rows: page.rows, start: max(0, page.total - page.rows.count), total: page.total,
                                      selected: max(0, page.total - 1), counts: counts)
            case .following(let tenantId, let fallback, let row):
                var selected: Int?
                if let tenantId { selected = try Self.position(db, of: tenantId, in: query) }
                let above = max(0, min(limit - 1, row ?? limit / 2))
                let start = max(0, (selected ?? max(0, fallback)) - above)
                var page = try Self.page(db, query, from: .offset(start), limit: limit, today: today)
                var first = start
                if page.rows.count < limit, start > 0, page.total > page.rows.count {
                    // Near or past the end (the list got shorter): its last rows fill the window.
                    page = try Self.page(db, query, from: .end, limit: limit, today: today)
                    first = max(0, page.total - page.rows.count)
                }
                return ListWindowPage(rows: page.rows, start: first, total: page.total,
                                      selected: selected ?? min(max(0, fallback), max(0, page.total - 1)), counts: counts)
            }
        }
    }

    /// How many customers `query` selects.
    public func listCount(_ query: ListQuery) throws(StoreError) -> Int {
        try listIsCurrent()
        let query = query.counted(from: clock.today())
        return try read { db in try Self.count(db, query) }
    }

    /// How many customers have each status (with `search`, among those it finds); one
    /// grouped count on the status index.
    public func statusCounts(search: String = "") throws(StoreError) -> [ConsentStatus: Int] {
        try listIsCurrent()
        return try read { db in try Self.statusCounts(db, search: search) }
    }

    /// Where the customer `tenantId` is in `query`'s ordering (0 first), or nil when the
    /// query does not select it: lets the list's cursor follow a customer.
    public func position(of tenantId: String, in query: ListQuery) throws(StoreError) -> Int? {
        try listIsCurrent()
        let query = query.counted(from: clock.today())
        return try read { db in try Self.position(db, of: tenantId, in: query) }
    }

    /// What changed since `seq` as the list needs it: the head, the policy, and how many
    /// customers the new events touched (a range of the events' key, not a pass over the customers).
    public func listChanges(since seq: Int64) throws(StoreError) -> ListChanges {
        try read { db in
            let touched = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT customer) FROM events WHERE seq > ? AND customer IS NOT NULL",
                                           arguments: [seq]) ?? 0
            return ListChanges(headSeq: try Self.headSeq(db), profile: try StateTable.profile(db), catalog: try StateTable.catalog(db),
                               customersTouched: touched)
        }
    }

    /// Calls `body` with every row `query` selects, in order, and the evaluator for the
    /// profile and catalogue read with them, all in one read transaction through a cursor:
    /// a command streams a large store in constant memory, and what it writes is one state
    /// of the store (the returned head). Returns nil, without calling `body`, when the stored
    /// statuses are not today's and this store may not bring them up to date (read-only).
    public func forEachListed(_ query: ListQuery, progress: ((Int, Int) -> Void)? = nil,
                              _ body: (ListRow, ConsentEvaluator) throws -> Void) throws -> ListedHead? {
        guard try listIsCurrent(progress: progress) else { return nil }
        let query = query.counted(from: clock.today())
        let today = clock.today()
        var failure: (any Error)?
        let head: ListedHead = try read { db in
            let evaluator = ConsentEvaluator(profile: try StateTable.profile(db), catalog: try StateTable.catalog(db), day: today)
            let (all, args) = Self.conditions(query)
            var sql = "SELECT \(CustomerTable.columns), rowid, status, \(query.sortKey ?? "kCompany"), kCompany FROM customers"
            if !all.isEmpty { sql += " WHERE " + all.joined(separator: " AND ") }
            sql += " ORDER BY " + Self.order(query, reversed: false)
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: args)
            var listed = 0
            while failure == nil, let row = try cursor.next() {
                do { try body(try Self.listRow(row, query: query, today: today), evaluator) } catch { failure = error }
                listed += 1
            }
            let stored = try Self.head(db)
            return ListedHead(seq: stored.seq, hash: stored.hash, listed: listed,
                              totalCustomers: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers") ?? 0)
        }
        if let failure { throw failure }
        return head
    }

    /// The tenant ids `query` selects, in its order, at most `limit` (one read through the
    /// query's index; only the ids are read): "mark all shown" in the app.
    public func listTenantIds(_ query: ListQuery, limit: Int) throws(StoreError) -> [String] {
        let query = query.counted(from: clock.today())
        return try read { db in
            let (all, args) = Self.conditions(query)
            var sql = "SELECT tenantId FROM customers"
            if !all.isEmpty { sql += " WHERE " + all.joined(separator: " AND ") }
            sql += " ORDER BY " + Self.order(query, reversed: false) + " LIMIT \(max(0, limit))"
            return try String.fetchAll(db, sql: sql, arguments: args)
        }
    }

    /// The page cache, in KiB, of a connection answering list windows.
    static let windowCacheKiB = 4096

    // MARK: SQL

    static func page(_ db: Database, _ query: ListQuery, from start: ListPageStart, limit: Int, today: Day,
                     total: Int? = nil) throws -> ListPage {
        let (conditions, arguments) = Self.conditions(query)
        let order = Self.order(query, reversed: false)
        var sql = "SELECT \(CustomerTable.columns), rowid, status, \(query.sortKey ?? "kCompany"), kCompany FROM customers"
        var all = conditions
        var args = arguments
        var reverse = false
        var offset = 0
        switch start {
        case .offset(let skip): offset = max(0, skip)
        case .after(let cursor):
            all.append(Self.keyCondition(query, before: false))
            args += StatementArguments(cursor.values)
        case .before(let cursor):
            all.append(Self.keyCondition(query, before: true))
            args += StatementArguments(cursor.values)
            reverse = true
        case .end:
            reverse = true
        }
        if !all.isEmpty { sql += " WHERE " + all.joined(separator: " AND ") }
        sql += " ORDER BY " + (reverse ? Self.order(query, reversed: true) : order) + " LIMIT ? OFFSET ?"
        args += [max(0, limit), offset]
        var rows: [ListRow] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: args)
        while let row = try cursor.next() { rows.append(try Self.listRow(row, query: query, today: today)) }
        if reverse { rows.reverse() }
        return ListPage(rows: rows, total: try total ?? Self.count(db, query))
    }

    static func statusCounts(_ db: Database, search: String) throws -> [ConsentStatus: Int] {
        let (conditions, arguments) = Self.conditions(ListQuery(search: search))
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        var counts: [ConsentStatus: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM customers\(filter) GROUP BY status", arguments: arguments) {
            if let rank: Int = row[0], let status = ListProjection.status(rank: rank), let count: Int = row[1] { counts[status] = count }
        }
        return counts
    }

    static func position(_ db: Database, of tenantId: String, in query: ListQuery) throws -> Int? {
        let (conditions, arguments) = Self.conditions(query)
        let mine = (conditions + ["tenantId = ?"]).joined(separator: " AND ")
        guard let key = try Row.fetchOne(db, sql: "SELECT \(Self.keyColumns(query)) FROM customers WHERE \(mine)",
                                         arguments: arguments + [tenantId.lowercased()]) else { return nil }
        let before = conditions + [Self.keyCondition(query, before: true)]
        let values: [DatabaseValue] = (0..<key.count).map { key[$0] }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers WHERE " + before.joined(separator: " AND "),
                                arguments: arguments + StatementArguments(values)) ?? 0
    }

    static func count(_ db: Database, _ query: ListQuery) throws -> Int {
        let (conditions, arguments) = conditions(query)
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers\(filter)", arguments: arguments) ?? 0
    }

    /// The WHERE conditions of a query and their arguments.
    static func conditions(_ query: ListQuery) -> ([String], StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let filter = query.status {
            let ranks = ConsentStatus.allCases.filter(filter.contains).map(ListProjection.rank)
            conditions.append("status IN (\(ranks.map(String.init).joined(separator: ",")))")
        }
        let needle = CustomerSearch.query(query.search)
        if !needle.isEmpty {
            if needle.unicodeScalars.count >= 3 {
                // A phrase of the whole text: the trigram index finds it as a substring.
                conditions.append("rowid IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)")
                arguments += ["\"" + needle.replacingOccurrences(of: "\"", with: "\"\"") + "\""]
            } else {
                // Too short for trigrams: a substring test on the folded text.
                conditions.append("instr(sText, ?) > 0")
                arguments += [needle]
            }
        }
        followUpConditions(query, &conditions, &arguments)
        return (conditions, arguments)
    }

    static func order(_ query: ListQuery, reversed: Bool) -> String {
        let direction = query.sortsAscending != reversed ? "ASC" : "DESC"
        let keys = (query.sortKey.map { [$0] } ?? []) + ["kCompany", "tenantId"]
        return keys.map { "\($0) \(direction)" }.joined(separator: ", ")
    }

    /// The columns of a row's place in the ordering: (sort value,) company, tenant id.
    static func keyColumns(_ query: ListQuery) -> String {
        query.sortKey.map { "\($0), kCompany, tenantId" } ?? "kCompany, tenantId"
    }

    /// Rows strictly after (or before) a cursor's place.
    static func keyCondition(_ query: ListQuery, before: Bool) -> String {
        let forward = query.sortsAscending != before
        let marks = query.sortKey == nil ? "(?, ?)" : "(?, ?, ?)"
        return "(\(keyColumns(query))) \(forward ? ">" : "<") \(marks)"
    }

    static func listRow(_ row: Row, query: ListQuery, today: Day) throws(StoreError) -> ListRow {
        let customer = try CustomerTable.customer(row, subscriptions: false)
        let base = CustomerTable.names.count + 1
        let rank: Int = (try? Cells(row: row, table: "customers", names: CustomerTable.names).integer(base)).map(Int.init) ?? -1
        guard let status = ListProjection.status(rank: rank) else {
            throw StoreError.damaged(table: "customers", row: customer.tenantId, detail: tr("store.damaged.unreadable", "status"))
        }
        let waiting = status == .requested ? customer.request.map { max(0, $0.date.days(until: today)) } : nil
        var key: [DatabaseValue] = [row[base + 2], customer.tenantId.databaseValue]
        if query.sortKey != nil { key.insert(row[base + 1], at: 0) }
        var listed = ListRow(customer: customer, status: status, daysWaiting: waiting, lastSeq: try CustomerTable.lastSeq(row),
                             cursor: ListCursor(values: key))
        // A renewing list is ordered by the next renewal: that sort value is the day.
        if case .renewingWithin = query.followUp, case .string(let day) = (row[base + 1] as DatabaseValue).storage {
            listed.renewsOn = Day(iso: day)
        }
        return listed
    }
}
