import Foundation
import GRDB

/// The store's GRDB migrations, safe when several desks open a new or older store at the
/// same moment: GRDB reads which migrations are applied before it takes the write lock, so
/// a desk can lose the race ("table events already exists"). The loser finds the schema
/// complete and goes on; only a failure that persists is an error.
struct SchemaMigrator {
    let migrations: DatabaseMigrator

    func migrate(_ queue: any DatabaseWriter) throws {
        var attempts = 0
        while true {
            do {
                try migrations.migrate(queue)
                return
            } catch {
                attempts += 1
                if (try? queue.read({ db in try migrations.hasCompletedMigrations(db) })) == true { return }
                if attempts >= 40 { throw error }
                usleep(25_000)
            }
        }
    }

    /// Whether a newer ConsentDesk migrated the file further than this build knows.
    func hasBeenSuperseded(_ db: Database) throws -> Bool {
        try migrations.hasBeenSuperseded(db)
    }
}
