import ConsentModel
import Foundation
import GRDB

/// What the customer list needs, kept in the `customers` table beside each record so the
/// list's counts, filters, sorts and search are indexed queries, not a pass in Swift:
/// the materialised status (evaluated for the day in `meta.statusDay`; `rDate` is what
/// days waiting count from), a sort key per list column, and the folded search text
/// (`CustomerSearch.folded`) behind the FTS5 trigram table `customer_search`.
enum ListProjection {
    /// The list columns in `customers`, in `values(_:)` order.
    static let columns = ["status", "kDomain", "kReseller", "kAgreement", "kDate", "kContact", "sText", "kCompany"]

    /// The columns' values for `customer` under `evaluator` on `day`. Text sort keys are
    /// folded (`sortKey`), so "Göteborg" sorts with G and "Øresund" with O.
    static func values(_ customer: Customer, _ evaluator: ConsentEvaluator, day: Day) -> [String: any DatabaseValueConvertible] {
        let c = customer.confirmation
        let reseller = customer.resellerId.map { evaluator.profile.reseller($0)?.name ?? $0 } ?? ""
        return [
            "status": rank(evaluator.status(of: customer, today: day).status),
            "kDomain": sortKey(customer.primaryDomain),
            "kReseller": sortKey(reseller),
            "kAgreement": sortKey(c?.agreementType.rawValue ?? ""),
            "kDate": c?.dateAgreed.iso ?? "",
            "kContact": sortKey(c?.contact.fullName ?? ""),
            "sText": CustomerSearch.folded(customer, profile: evaluator.profile),
            "kCompany": sortKey(customer.companyName),
        ]
    }

    /// Text folded for sorting: the one fold (`TextFold.key`) search and matching use too,
    /// so "Øresund" sorts with O and is found by "oresund". CJK text is kept (it sorts after Latin).
    static func sortKey(_ text: String) -> String { TextFold.key(text) }

    /// Statuses in order of urgency, as the status sort shows them: the kinds of blocked
    /// first (withdrawn, missing, requested, outdated), then confirmed, "not applicable" last.
    static let urgency: [ConsentStatus] = [.withdrawn, .missing, .requested, .outdated, .confirmed, .notApplicable]

    /// The stored number of a status: its place in order of urgency (the status sort).
    static func rank(_ status: ConsentStatus) -> Int { urgency.firstIndex(of: status) ?? 0 }

    /// The status stored as `rank`, or nil for a number that is none.
    static func status(rank: Int) -> ConsentStatus? {
        urgency.indices.contains(rank) ? urgency[rank] : nil
    }

    /// Migration v8: the follow-up views as indexed queries. Requests waiting are found on
    /// (status, request day); renewals live in `customer_renewals` (one row per subscription
    /// with a renewal date), kept by triggers from the stored subscriptions.
    static func migrateFollowUps(_ db: Database) throws {
        let renewals = { (row: String) in """
            INSERT INTO customer_renewals (tenantId, day)
                SELECT \(row).tenantId, json_extract(value, '$.renewalDate')
                FROM json_each(CASE WHEN json_valid(\(row).subscriptions) THEN \(row).subscriptions ELSE '[]' END)
                WHERE json_type(value, '$.renewalDate') = 'text';
            """ }
        try db.execute(sql: """
            CREATE INDEX customers_waiting ON customers(status, rDate, kCompany, tenantId);
            CREATE INDEX customers_reseller_id ON customers(resellerId, kCompany, tenantId);
            CREATE TABLE customer_renewals (tenantId TEXT NOT NULL, day TEXT NOT NULL);
            CREATE INDEX customer_renewals_day ON customer_renewals(day, tenantId);
            CREATE INDEX customer_renewals_customer ON customer_renewals(tenantId, day);
            INSERT INTO customer_renewals (tenantId, day)
                SELECT c.tenantId, json_extract(s.value, '$.renewalDate')
                FROM customers c, json_each(CASE WHEN json_valid(c.subscriptions) THEN c.subscriptions ELSE '[]' END) s
                WHERE json_type(s.value, '$.renewalDate') = 'text';
            CREATE TRIGGER customers_renewals_insert AFTER INSERT ON customers BEGIN
                \(renewals("new"))
            END;
            CREATE TRIGGER customers_renewals_update AFTER UPDATE OF subscriptions ON customers BEGIN
                DELETE FROM customer_renewals WHERE tenantId = old.tenantId;
                \(renewals("new"))
            END;
            CREATE TRIGGER customers_renewals_delete AFTER DELETE ON customers BEGIN
                DELETE FROM customer_renewals WHERE tenantId = old.tenantId;
            END;
            """)
    }

    /// Schema v6: a folded company key, every sort index ordered by it, and every stored
    /// sort key and status rank rebuilt (folded keys, urgency order), in the migration's
    /// transaction; the search index is rebuilt once at the end, not per row.
    static func migrateSortKeys(_ db: Database, today: Day) throws {
        try db.execute(sql: """
            ALTER TABLE customers ADD COLUMN kCompany TEXT NOT NULL DEFAULT '';
            DROP INDEX IF EXISTS customers_status; DROP INDEX IF EXISTS customers_domain; DROP INDEX IF EXISTS customers_country;
            DROP INDEX IF EXISTS customers_cloud; DROP INDEX IF EXISTS customers_reseller; DROP INDEX IF EXISTS customers_agreement;
            DROP INDEX IF EXISTS customers_date; DROP INDEX IF EXISTS customers_contact;
            CREATE INDEX customers_sort_company ON customers(kCompany, tenantId);
            CREATE INDEX customers_status ON customers(status, kCompany, tenantId);
            CREATE INDEX customers_domain ON customers(kDomain, kCompany, tenantId);
            CREATE INDEX customers_country ON customers(country, kCompany, tenantId);
            CREATE INDEX customers_cloud ON customers(cloud, kCompany, tenantId);
            CREATE INDEX customers_reseller ON customers(kReseller, kCompany, tenantId);
            CREATE INDEX customers_agreement ON customers(kAgreement, kCompany, tenantId);
            CREATE INDEX customers_date ON customers(kDate, kCompany, tenantId);
            CREATE INDEX customers_contact ON customers(kContact, kCompany, tenantId);
            """)
        let evaluator = ConsentEvaluator(profile: try StateTable.profile(db), catalog: try StateTable.catalog(db), day: today)
        try withSearchIndexRebuiltAfter(db) {
            try recomputeAll(db, evaluator: evaluator, day: today, progress: nil)
        }
    }

    /// The schema: the columns, one index per sort, and the search index kept by triggers.
    static func migrate(_ db: Database, today: Day) throws {
        try db.execute(sql: """
            ALTER TABLE customers ADD COLUMN status INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE customers ADD COLUMN kDomain TEXT NOT NULL DEFAULT '';
            ALTER TABLE customers ADD COLUMN kReseller TEXT NOT NULL DEFAULT '';
            ALTER TABLE customers ADD COLUMN kAgreement TEXT NOT NULL DEFAULT '';
            ALTER TABLE customers ADD COLUMN kDate TEXT NOT NULL DEFAULT '';
            ALTER TABLE customers ADD COLUMN kContact TEXT NOT NULL DEFAULT '';
            ALTER TABLE customers ADD COLUMN sText TEXT NOT NULL DEFAULT '';
            CREATE INDEX customers_status ON customers(status, companyName, tenantId);
            CREATE INDEX customers_domain ON customers(kDomain, companyName, tenantId);
            CREATE INDEX customers_country ON customers(country, companyName, tenantId);
            CREATE INDEX customers_cloud ON customers(cloud, companyName, tenantId);
            CREATE INDEX customers_reseller ON customers(kReseller, companyName, tenantId);
            CREATE INDEX customers_agreement ON customers(kAgreement, companyName, tenantId);
            CREATE INDEX customers_date ON customers(kDate, companyName, tenantId);
            CREATE INDEX customers_contact ON customers(kContact, companyName, tenantId);
            """)
        // Fill the columns first, then index the filled search text (the triggers would
        // otherwise remove entries the index never had).
        try recomputeAll(db, evaluator: ConsentEvaluator(profile: try StateTable.profile(db), catalog: try StateTable.catalog(db), day: today),
                         day: today, progress: nil)
        try db.execute(sql: """
            CREATE VIRTUAL TABLE customer_search USING fts5(
                sText, content='customers', content_rowid='rowid', tokenize='trigram case_sensitive 1');
            CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
                INSERT INTO customer_search (customer_search, rowid, sText) VALUES ('delete', old.rowid, old.sText);
            END;
            """)
        try db.execute(sql: indexTriggers)
    }

    /// The triggers that keep the search index in step with inserted and changed rows, and
    /// a rebuild of the index from every row (the delete trigger is never paused).
    static let indexTriggers = searchTriggers + """
            INSERT INTO customer_search (customer_search) VALUES ('rebuild');
        """

    /// The triggers of `indexTriggers` alone.
    static let searchTriggers = """
            CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
                INSERT INTO customer_search (rowid, sText) VALUES (new.rowid, new.sText);
            END;
            CREATE TRIGGER customers_search_update AFTER UPDATE OF sText ON customers BEGIN
                INSERT INTO customer_search (customer_search, rowid, sText) VALUES ('delete', old.rowid, old.sText);
                INSERT INTO customer_search (rowid, sText) VALUES (new.rowid, new.sText);
            END;

        """

    /// Whether the search index's triggers are in place (not paused by a bulk write).
    static func searchTriggersPresent(_ db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'customers_search_insert'") == 1
    }

    /// Runs `body` (a bulk load into an empty store, in the caller's transaction) with the
    /// search index's triggers off, then indexes every row at once: much quicker than
    /// one trigger per row.
    static func withSearchIndexRebuiltAfter<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        // Already paused by an enclosing bulk load: that one rebuilds.
        if try !searchTriggersPresent(db) { return try body() }
        try db.execute(sql: "DROP TRIGGER customers_search_insert; DROP TRIGGER customers_search_update")
        let value = try body()
        // The index is written through a 64 MiB page cache (SQLite's default of 2 MiB would
        // spill its pages again and again on a large store); the cache is given back after.
        let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
        try db.execute(sql: "PRAGMA cache_size = -65536")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cache)") }
        try db.execute(sql: indexTriggers)
        return value
    }

    /// Runs `body` (a bulk load of new customers into a store without any, in the caller's
    /// transaction) with the search index's triggers off; `body` calls the function it is
    /// given whenever it likes (after each few thousand rows) to index the rows inserted since
    /// the last call, in one statement: FTS5 writes its pending data at every statement, so
    /// row by row through the trigger costs four times as much. The rows left are indexed at
    /// the end and the triggers made again; what the index finds is what a rebuild finds.
    static func withSearchIndexWrittenAlong<T>(_ db: Database, _ body: (_ indexNewRows: () throws -> Void) throws -> T) throws -> T {
        try db.execute(sql: "DROP TRIGGER customers_search_insert; DROP TRIGGER customers_search_update")
        var indexed = try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM customers") ?? 0
        func indexNewRows() throws {
            let statement = try db.cachedStatement(sql: """
                INSERT INTO customer_search (rowid, sText) SELECT rowid, sText FROM customers WHERE rowid > ? ORDER BY rowid
                """)
            let last = try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM customers") ?? indexed
            if last <= indexed { return }
            try statement.execute(arguments: [indexed])
            indexed = last
        }
        let value = try body(indexNewRows)
        try indexNewRows()
        try db.execute(sql: searchTriggers)
        return value
    }

    /// The day the stored statuses were evaluated for (nil before the first evaluation).
    static func statusDay(_ db: Database) throws -> Day? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'statusDay'").flatMap { Day(iso: $0) }
    }

    /// Whether statuses evaluated for `stored` are still right on `day`: the same template of
    /// the required type is current on both, and no re-acceptance cut-off took effect in
    /// between (days waiting are counted when read).
    static func stillCurrent(stored: Day?, day: Day, profile: PartnerProfile, catalog: TemplateCatalog) -> Bool {
        guard let stored else { return false }
        if stored == day { return true }
        if let cutoff = profile.policy.reacceptanceCutoff, min(stored, day) < cutoff, cutoff <= max(stored, day) { return false }
        let type = profile.policy.requiredAgreementType
        return catalog.current(of: type, on: stored)?.templateId == catalog.current(of: type, on: day)?.templateId
    }

    /// On the first write of a new day: moves `statusDay`, re-evaluating every customer only
    /// when a template's effective date changed what is current.
    static func refresh(_ db: Database, profile: PartnerProfile, catalog: TemplateCatalog, day: Day,
                        progress: ((Int, Int) -> Void)? = nil) throws {
        let stored = try statusDay(db)
        if stored == day { return }
        // A desk whose clock is a day behind another's never moves the stored day back (two
        // desks would otherwise re-evaluate every customer by turns).
        if let stored, stored > day { return }
        if stillCurrent(stored: stored, day: day, profile: profile, catalog: catalog) {
            try setStatusDay(db, day)
        } else {
            try recomputeAll(db, evaluator: ConsentEvaluator(profile: profile, catalog: catalog, day: day), day: day, progress: progress)
        }
    }

    static func setStatusDay(_ db: Database, _ day: Day) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('statusDay', ?)", arguments: [day.iso])
    }

    /// Re-evaluates every customer in batches by rowid (after a profile or catalogue change,
    /// or a new current template), in the caller's transaction. `progress` gets (done, total).
    static func recomputeAll(_ db: Database, evaluator: ConsentEvaluator, day: Day,
                             progress: ((Int, Int) -> Void)?) throws {
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers") ?? 0
        let rewriter = try Rewriter(db)
        var after: Int64 = 0
        var done = 0
        while true {
            let rows = try Row.fetchAll(db, sql: "SELECT \(rewriter.selected) FROM customers WHERE rowid > ? ORDER BY rowid LIMIT 2000",
                                        arguments: [after])
            if rows.isEmpty { break }
            for row in rows {
                after = row["rowid"]
                try rewriter.rewrite(row, evaluator, day: day)
            }
            done += rows.count
            progress?(done, total)
        }
        try setStatusDay(db, day)
    }

    /// After a change of the profile that moves no status (its policy is the same), the
    /// customers whose reseller's name it changed (renamed, added or removed), found through
    /// the reseller index: their sort key and search text. `before` is the profile their
    /// columns were evaluated with.
    static func recomputeResellerCustomers(_ db: Database, from before: PartnerProfile, evaluator: ConsentEvaluator, day: Day,
                                           progress: ((Int, Int) -> Void)?) throws {
        let after = evaluator.profile
        // The name a customer's list columns show for its reseller id, as `values` looks it up.
        func name(_ id: String, in profile: PartnerProfile) -> String? { profile.reseller(id)?.name }
        var rowids: [Int64] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT rowid, resellerId FROM customers WHERE resellerId IS NOT NULL")
        var seen: [String: Bool] = [:]
        while let row = try rows.next() {
            guard let id: String = row[1] else { continue }
            let moved = seen[id] ?? (name(id, in: before) != name(id, in: after))
            seen[id] = moved
            if moved { rowids.append(row[0]) }
        }
        let rewriter = try Rewriter(db)
        var done = 0
        for start in stride(from: 0, to: rowids.count, by: 500) {
            let chunk = Array(rowids[start..<min(rowids.count, start + 500)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT \(rewriter.selected) FROM customers WHERE rowid IN (\(marks))",
                                        arguments: StatementArguments(chunk)) {
                try rewriter.rewrite(row, evaluator, day: day)
            }
            done += chunk.count
            progress?(done, rowids.count)
        }
    }

    /// Writes a customer row's list columns again where they differ from what the evaluator
    /// gives: only the columns whose value changes are written, so a new current template
    /// moves statuses and nothing else (the sort indexes and the search index, whose trigger
    /// fires on `sText` only, are not touched for a million rows). One statement per set of
    /// changed columns.
    final class Rewriter {
        let db: Database
        /// The list columns this schema has (a migration to v5 runs before v6 adds `kCompany`).
        let written: [String]
        /// What a row must be selected with: the customer, its rowid, its list columns.
        let selected: String
        private var updates: [[String]: Statement] = [:]

        /// With `only`, just those of the list columns are compared and written.
        init(_ db: Database, only: [String]? = nil) throws {
            self.db = db
            let existing = Set(try db.columns(in: "customers").map(\.name))
            written = ListProjection.columns.filter { existing.contains($0) && (only?.contains($0) ?? true) }
            selected = "\(CustomerTable.columns), rowid, " + written.joined(separator: ", ")
        }

        /// Writes the row's columns that differ; returns their names and the values written.
        @discardableResult
        func rewrite(_ row: Row, _ evaluator: ConsentEvaluator, day: Day) throws -> (changed: [String], values: [String: any DatabaseValueConvertible]) {
            let rowid: Int64 = row["rowid"]
            let customer = try CustomerTable.customer(row, subscriptions: false)
            let values = ListProjection.values(customer, evaluator, day: day)
            let changed = written.filter { (row[$0] as DatabaseValue) != values[$0]?.databaseValue }
            if changed.isEmpty { return ([], values) }
            let update: Statement
            if let cached = updates[changed] {
                update = cached
            } else {
                update = try db.makeStatement(sql: "UPDATE customers SET " + changed.map { "\($0) = ?" }.joined(separator: ", ")
                                              + " WHERE rowid = ?")
                updates[changed] = update
            }
            var arguments: [(any DatabaseValueConvertible)?] = changed.map { values[$0] }
            arguments.append(rowid)
            try update.execute(arguments: StatementArguments(arguments))
            return (changed, values)
        }
    }

    /// A stored row's list columns differ from what `evaluator` gives on `day`: the name of
    /// the first column that does, or nil when all agree.
    static func mismatch(_ row: Row, _ customer: Customer, _ evaluator: ConsentEvaluator, day: Day) -> String? {
        let expected = values(customer, evaluator, day: day)
        for name in columns {
            guard row.hasColumn(name) else { return name }
            let stored: DatabaseValue = row[name]
            if stored != expected[name]?.databaseValue { return name }
        }
        return nil
    }
}
