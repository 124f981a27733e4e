import ConsentModel
import GRDB

extension ConsentStore {
    /// How many customers name each reseller, by reseller id (ids no customer names are
    /// absent): what the reseller screen shows and what removing one is checked against.
    public func resellerCustomerCounts() throws(StoreError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT resellerId, COUNT(*) FROM customers WHERE resellerId IS NOT NULL GROUP BY resellerId")
            while let row = try rows.next() {
                if let id: String = row[0] { counts[id] = row[1] }
            }
            return counts
        }
    }
}
