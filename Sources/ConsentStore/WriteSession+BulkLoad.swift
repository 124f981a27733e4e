import Foundation
import GRDB

/// Bulk loads (demo data, a large import): the secondary indexes of the tables a load
/// fills are dropped first and made again from their stored definitions afterwards, in
/// the same transaction. SQLite builds an index from sorted rows much faster than it
/// inserts into ten of them row by row; a failure rolls the whole transaction back,
/// indexes included.
extension WriteSession {
    /// Runs `body` with the secondary indexes of `tables` (those with a definition: never
    /// a primary key's) dropped, then makes each again exactly as it was defined. With
    /// `touching`, only the indexes with one of those columns are dropped (the others stay
    /// right while only other columns change).
    func withIndexesRebuiltAfter<T>(on tables: [String], touching columns: Set<String>? = nil, _ body: () throws -> T) throws -> T {
        let marks = Array(repeating: "?", count: tables.count).joined(separator: ",")
        let definitions = try Row.fetchAll(db, sql: """
            SELECT m.name, m.sql, (SELECT group_concat(i.name, ',') FROM pragma_index_info(m.name) AS i)
            FROM sqlite_master AS m WHERE m.type = 'index' AND m.sql IS NOT NULL AND m.tbl_name IN (\(marks)) ORDER BY m.name
            """, arguments: StatementArguments(tables)).compactMap { row -> (name: String, sql: String)? in
            guard let name: String = row[0], let sql: String = row[1] else { return nil }
            if let columns {
                let indexed: String = row[2] ?? ""
                guard indexed.split(separator: ",").contains(where: { columns.contains(String($0)) }) else { return nil }
            }
            return (name, sql)
        }
        // Freed index pages are not zeroed one by one (the rows they index are all still
        // there, and the pages are used again at once for the new indexes).
        let secureDelete = try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? 1
        if !definitions.isEmpty { try db.execute(sql: "PRAGMA secure_delete = 0") }
        for index in definitions { try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)") }
        if !definitions.isEmpty { try db.execute(sql: "PRAGMA secure_delete = \(secureDelete)") }
        // A bigger page cache while the rows go in (customers arrive in random key order):
        // up to 256 MiB, then 64 MiB while the indexes are made (each index's sort has memory
        // of its own, as large as the cache), so memory stays flat at any size; given back after.
        let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -32_768
        if !definitions.isEmpty { try db.execute(sql: "PRAGMA cache_size = -262144") }
        defer { if !definitions.isEmpty { try? db.execute(sql: "PRAGMA cache_size = \(cache)") } }
        let value = try body()
        if !definitions.isEmpty { try db.execute(sql: "PRAGMA cache_size = -65536") }
        for index in definitions { try db.execute(sql: index.sql) }
        return value
    }

    /// The `customers` columns an imported confirmation can change on a stored customer:
    /// all but its company details (and their sort keys), subscriptions and notes.
    static let confirmationColumns: Set<String> = {
        let kept: Set<String> = ["tenantId", "companyName", "domains", "country", "cloud", "resellerId", "subscriptions",
                                 "notes", "kDomain", "kReseller", "kCompany"]
        return Set(CustomerTable.names + ListProjection.columns).subtracting(kept)
    }()

    /// Whether a batch of `rows` is large enough, beside the `stored` customers, that
    /// making the indexes again is quicker than keeping them up to date row by row.
    static func isBulk(rows: Int, stored: Int) -> Bool {
        rows >= 2_000 && rows * 2 >= stored
    }
}
