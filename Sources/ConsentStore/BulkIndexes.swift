import Foundation
import GRDB

/// A bulk write's indexes (demo data, a large import, a store copied through an export):
/// the rows go in first, then the search index and the list's indexes are made once, in
/// the same transaction, the order SQLite itself writes fastest (issue 23's floor). Paused
/// only when the first row is really written (`pause()`), so a batch that changes nothing
/// makes nothing again; made again by `rebuild()` from their stored definitions, exactly
/// as they were. A failure or a rollback leaves them as they were (the transaction's).
/// The append-only triggers are never touched.
final class BulkIndexes {
    /// One table whose secondary indexes are paused; with `touching`, only those with one
    /// of these columns (the others stay right while only other columns change).
    struct Target {
        let table: String
        let touching: Set<String>?
    }

    let db: Database
    let targets: [Target]
    /// Whether the search index's triggers are paused too (it is rebuilt from every row).
    let search: Bool
    private var definitions: [(name: String, sql: String)] = []
    private var searchPaused = false
    private var cache: Int?
    /// Whether the indexes are paused now (between `pause()` and `rebuild()`).
    private(set) var paused = false

    init(_ db: Database, targets: [Target], search: Bool) {
        self.db = db
        self.targets = targets
        self.search = search
    }

    /// Drops the indexes (once; later calls do nothing) and the search index's insert and
    /// update triggers; the page cache grows to 256 MiB while rows go in (customers arrive
    /// in random key order).
    func pause() throws {
        if paused { return }
        paused = true
        for target in targets {
            definitions += try Self.indexes(of: target.table, touching: target.touching, in: db)
        }
        // Freed index pages are not zeroed one by one (the rows they index are all still
        // there, and the pages are used again at once for the new indexes).
        if !definitions.isEmpty {
            let secureDelete = try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? 1
            try db.execute(sql: "PRAGMA secure_delete = 0")
            for index in definitions { try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)") }
            try db.execute(sql: "PRAGMA secure_delete = \(secureDelete)")
        }
        // An enclosing bulk write that paused the search index already rebuilds it.
        if search, try ListProjection.searchTriggersPresent(db) {
            try db.execute(sql: "DROP TRIGGER customers_search_insert; DROP TRIGGER customers_search_update")
            searchPaused = true
        }
        cache = try Int.fetchOne(db, sql: "PRAGMA cache_size")
        try db.execute(sql: "PRAGMA cache_size = -262144")
    }

    /// Makes the search index from every row (one pass) and each dropped index again; the
    /// cache is 64 MiB meanwhile (each index's sort has memory of its own, as large as the
    /// cache, so memory stays flat at any size), then given back. Nothing when not paused.
    func rebuild() throws {
        guard paused else { return }
        try db.execute(sql: "PRAGMA cache_size = -65536")
        if searchPaused { try db.execute(sql: ListProjection.indexTriggers) }
        for index in definitions { try db.execute(sql: index.sql) }
        try restoreCache()
        (paused, searchPaused, definitions) = (false, false, [])
    }

    /// Gives the page cache back (after `rebuild()`, or when the transaction rolls back).
    func restoreCache() throws {
        if let cache { try db.execute(sql: "PRAGMA cache_size = \(cache)") }
        cache = nil
    }

    /// The secondary indexes of `table` that have a definition (never a primary key's),
    /// with `touching` those with one of these columns, by name.
    static func indexes(of table: String, touching columns: Set<String>?, in db: Database) throws -> [(name: String, sql: String)] {
        try Row.fetchAll(db, sql: """
            SELECT m.name, m.sql, (SELECT group_concat(i.name, ',') FROM pragma_index_info(m.name) AS i)
            FROM sqlite_master AS m WHERE m.type = 'index' AND m.sql IS NOT NULL AND m.tbl_name = ? ORDER BY m.name
            """, arguments: [table]).compactMap { row -> (name: String, sql: String)? in
            guard let name: String = row[0], let sql: String = row[1] else { return nil }
            if let columns {
                let indexed: String = row[2] ?? ""
                guard indexed.split(separator: ",").contains(where: { columns.contains(String($0)) }) else { return nil }
            }
            return (name, sql)
        }
    }
}
