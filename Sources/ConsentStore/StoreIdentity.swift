import Foundation
import GRDB

/// A random id made once per store (migration v3), so a desk's anchor journal can tell
/// stores apart. A backup or copy keeps it: it is the same history.
enum StoreIdentity {
    /// The store's id; a store that somehow lacks one gets it in this write transaction.
    static func id(_ db: Database) throws -> String {
        if let id = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'storeId'") { return id }
        let id = UUID().uuidString.lowercased()
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('storeId', ?)", arguments: [id])
        return id
    }

    /// The store's id as a reader sees it (nil only for a store without one).
    static func read(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'storeId'")
    }
}
