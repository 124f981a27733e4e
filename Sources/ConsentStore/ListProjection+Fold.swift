import ConsentModel
import Foundation
import GRDB

extension ListProjection {
    /// The migration that stored the search text and sort keys with the one fold (`TextFold`).
    static let foldMigration = "v10-one-fold"

    /// Schema v10: every stored search text and text sort key made again with `TextFold.key`
    /// (before it, search folded less than sorting: "oresund" did not find "Øresund", "fi" not
    /// "ﬁ"). Statuses are evaluated for the day they were stored for, so only the text columns
    /// change; only rows whose columns differ are written. The search index's triggers are off
    /// meanwhile and the index is rebuilt once at the end, in the migration's one transaction.
    /// The history is not touched.
    static func migrateFold(_ db: Database, today: Day) throws {
        let day = try statusDay(db) ?? today
        let evaluator = ConsentEvaluator(profile: try StateTable.profile(db), catalog: try StateTable.catalog(db), day: day)
        try withSearchIndexRebuiltAfter(db) {
            try recomputeAll(db, evaluator: evaluator, day: day, progress: nil)
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
