import ConsentModel
import Foundation
import GRDB

extension ListProjection {
    /// The migration that stored the search text and sort keys with the one fold (`TextFold`).
    static let foldMigration = "v10-one-fold"

    /// The list columns that hold folded text.
    static let foldedColumns = ["kDomain", "kReseller", "kAgreement", "kContact", "sText", "kCompany"]

    /// Schema v10: every stored search text and text sort key made again with `TextFold.key`
    /// (before it, search folded less than sorting: "oresund" did not find "Øresund", "fi" not
    /// "ﬁ"), in the migration's one transaction, in batches by rowid. Statuses are not
    /// evaluated again (the same evaluation as the stored day's); only rows whose text
    /// columns differ are written. The search index's triggers are off meanwhile: when few
    /// rows changed, their index entries are replaced one by one; when many did, the index is
    /// rebuilt once from every row. The history is not touched.
    static func migrateFold(_ db: Database, today: Day) throws {
        let day = try statusDay(db) ?? today
        let evaluator = ConsentEvaluator(profile: try StateTable.profile(db), catalog: try StateTable.catalog(db), day: day)
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers") ?? 0
        // Past this many changed search texts, one rebuild costs less than replacing each.
        let replaceLimit = max(1_000, total / 10)
        var replaced: [(rowid: Int64, old: String, new: String)] = []
        var rebuild = false
        try db.execute(sql: "DROP TRIGGER IF EXISTS customers_search_insert; DROP TRIGGER IF EXISTS customers_search_update")
        let rewriter = try Rewriter(db, only: foldedColumns)
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(db, sql: "SELECT \(rewriter.selected) FROM customers WHERE rowid > ? ORDER BY rowid LIMIT 2000",
                                        arguments: [after])
            if rows.isEmpty { break }
            for row in rows {
                let rowid: Int64 = row["rowid"]
                after = rowid
                let (changed, values) = try rewriter.rewrite(row, evaluator, day: day)
                if changed.contains("sText"), !rebuild, let old: String = row["sText"], let new = values["sText"] as? String {
                    replaced.append((rowid, old, new))
                    if replaced.count > replaceLimit {
                        rebuild = true
                        replaced = []
                    }
                }
            }
        }
        if rebuild {
            let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cache)") }
            try db.execute(sql: indexTriggers)
        } else {
            let remove = try db.makeStatement(sql: "INSERT INTO customer_search (customer_search, rowid, sText) VALUES ('delete', ?, ?)")
            let add = try db.makeStatement(sql: "INSERT INTO customer_search (rowid, sText) VALUES (?, ?)")
            for entry in replaced {
                try remove.execute(arguments: [entry.rowid, entry.old])
                try add.execute(arguments: [entry.rowid, entry.new])
            }
            try db.execute(sql: searchTriggers)
        }
    }

    /// Whether the stored list columns are this version's: the columns exist (schema v6) and
    /// their text was folded with `TextFold` (v10). A store opened read-only that predates
    /// them is searched and sorted in Swift instead.
    static func hasColumns(_ db: Database) throws -> Bool {
        guard try db.columns(in: "customers").contains(where: { $0.name == "kCompany" }) else { return false }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations WHERE identifier = ?", arguments: [foldMigration]) ?? 0 > 0
    }
}
