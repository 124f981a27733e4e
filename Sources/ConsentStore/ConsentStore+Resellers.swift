import ConsentModel
import GRDB

extension ConsentStore {
    /// How many customers name each reseller, by reseller id (ids no customer names are
    /// absent): what the reseller screen shows and what removing one is checked against.
    public func resellerCustomerCounts() throws(StoreError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            // A customer counts for the reseller serving it and for the one that collected
            // its confirmation (once, when they are the same).
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, COUNT(*) FROM (
                    SELECT resellerId AS id, tenantId FROM customers WHERE resellerId IS NOT NULL
                    UNION SELECT cReseller AS id, tenantId FROM customers WHERE cReseller IS NOT NULL)
                GROUP BY id
                """)
            while let row = try rows.next() {
                if let id: String = row[0] { counts[id] = row[1] }
            }
            return counts
        }
    }
}
