import Foundation
import GRDB

/// Bulk loads (demo data, a large import): the secondary indexes of the tables a load
/// fills are dropped first and made again from their stored definitions afterwards, in
/// the same transaction. SQLite builds an index from sorted rows much faster than it
/// inserts into ten of them row by row; a failure rolls the whole transaction back,
/// indexes included.
extension WriteSession {
    /// Runs `body` with the secondary indexes of `tables` (those with a definition: never
    /// a primary key's) dropped, then makes each again exactly as it was defined.
    func withIndexesRebuiltAfter<T>(on tables: [String], _ body: () throws -> T) throws -> T {
        let marks = Array(repeating: "?", count: tables.count).joined(separator: ",")
        let definitions = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(marks)) ORDER BY name
            """, arguments: StatementArguments(tables)).compactMap { row -> (name: String, sql: String)? in
            guard let name: String = row[0], let sql: String = row[1] else { return nil }
            return (name, sql)
        }
        for index in definitions { try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)") }
        // A bigger page cache while the rows go in (customers arrive in random key order):
        // up to 256 MiB, given back afterwards.
        let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -32_768
        if !definitions.isEmpty { try db.execute(sql: "PRAGMA cache_size = -262144") }
        defer { if !definitions.isEmpty { try? db.execute(sql: "PRAGMA cache_size = \(cache)") } }
        let value = try body()
        for index in definitions { try db.execute(sql: index.sql) }
        return value
    }

    /// Whether a batch of `rows` is large enough, beside the `stored` customers, that
    /// making the indexes again is quicker than keeping them up to date row by row.
    static func isBulk(rows: Int, stored: Int) -> Bool {
        rows >= 2_000 && rows * 2 >= stored
    }
}
