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
        let indexes = BulkIndexes(db, targets: tables.map { .init(table: $0, touching: nil) }, search: false)
        try indexes.pause()
        defer { try? indexes.restoreCache() }
        let value = try body()
        try indexes.rebuild()
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
