import ConsentModel
import Foundation
import GRDB

/// `verify`'s look at the search index (`customer_search`) kept beside the customer rows for
/// the list (the renewals are compared with each row by `CustomerReplay`). The rows
/// themselves are checked against the history first; the index is checked against the rows.
extension ConsentStore {
    /// Whether the search index holds one entry per customer row, of the size the row's
    /// search text gives (the trigram tokenizer makes one term per three characters in a
    /// row): `.some(id)` names the first row whose entry is missing or of another size,
    /// `.some(nil)` says the index has entries of no row; nil when all agree. What each entry
    /// holds is compared by `verify --full` (`searchIndexFullCheck`).
    static func searchIndexMismatch(_ db: Database) throws -> String?? {
        guard try db.tableExists("customer_search_docsize"), try ListProjection.hasColumns(db) else { return nil }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT c.tenantId, c.sText, d.sz FROM customers c LEFT JOIN customer_search_docsize d ON d.id = c.rowid
            """)
        var count = 0
        while let row = try rows.next() {
            count += 1
            let text = (row[1] as String?) ?? ""
            let terms = max(0, text.unicodeScalars.count - 2)
            guard let size = row[2] as Data?, Self.varint(size) == terms else { return .some((row[0] as String?) ?? "") }
        }
        let entries = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer_search_docsize") ?? 0
        return entries == count ? nil : .some(nil)
    }

    /// The first SQLite varint of `data` (FTS5's size record), nil when it is none.
    static func varint(_ data: Data) -> Int? {
        var value = 0
        for (index, byte) in data.prefix(9).enumerated() {
            if index == 8 { return (value << 8) | Int(byte) }
            value = (value << 7) | Int(byte & 0x7F)
            if byte & 0x80 == 0 { return value }
        }
        return nil
    }

    /// `verify --full`: FTS5's own check of the search index against the rows' search text
    /// (`integrity-check` with rank 1, which re-reads every row), on a connection of its own:
    /// SQLite runs it only as a write, so it waits for another desk's save, holds off the
    /// next, and is rolled back (nothing is written). A problem is returned; a store this
    /// desk may not write, or a check that could not run, is added to `notChecked`.
    func searchIndexFullCheck(_ report: inout VerifyReport) -> String? {
        guard access(location.file.path, W_OK) == 0, access(location.directory.path, W_OK) == 0 else {
            report.notChecked.append(tr("verify.searchFullReadOnly"))
            return nil
        }
        do {
            var config = Configuration()
            config.busyMode = .timeout(15)
            config.label = "ConsentDesk"
            let connection = try DatabaseQueue(path: location.file.path, configuration: config)
            defer { try? connection.close() }
            return try connection.inDatabase { db -> String? in
                guard try db.tableExists("customer_search") else { return nil }
                try db.execute(sql: "BEGIN IMMEDIATE")
                defer { try? db.execute(sql: "ROLLBACK") }
                do {
                    try db.execute(sql: "INSERT INTO customer_search (customer_search, rank) VALUES ('integrity-check', 1)")
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
                    return tr("verify.searchIndex")
                }
                return nil
            }
        } catch {
            report.notChecked.append(tr("verify.searchFullFailed", StoreError.from(error, path: location.file.path).description))
            return nil
        }
    }
}
