import ConsentModel
import Foundation
import GRDB

extension ConsentStore {
    /// Writes the customers `tenantIds` (in that order) to `path` as the customers CSV
    /// (`CustomersCSVRow`, what `export --format csv` writes and `import --format customers`
    /// reads), from one read of the store, through `SafeFileWriter`: an existing file, a
    /// link or the store's own files are refused (unless `force` for an existing file), and
    /// the file appears only once complete. Customers no longer in the store are left out.
    /// The same file `export --format csv --output` writes (byte-order mark, reseller names).
    /// Returns how many customers were written.
    public func exportCustomers(_ tenantIds: [String], toCSV path: String, force: Bool = false) throws(StoreError) -> Int {
        let today = clock.today()
        let rows: [[String]] = try read { db in
            let profile = try StateTable.profile(db)
            let evaluator = ConsentEvaluator(profile: profile, catalog: try StateTable.catalog(db), day: today)
            // The reseller by its name, as `export --format csv` writes it.
            let resellerNames = Dictionary(profile.resellers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            var rows: [[String]] = []
            for id in tenantIds {
                guard let row = try Row.fetchOne(db, sql: "SELECT \(CustomerTable.columns), rowid FROM customers WHERE tenantId = ?",
                                                 arguments: [id.lowercased()]) else { continue }
                let customer = try CustomerTable.customer(row, subscriptions: false)
                let status = evaluator.status(of: customer, today: today).status
                rows.append(SpreadsheetCell.neutralised(CustomersCSVRow.fields(customer, status: status, resellerNames: resellerNames), header: CustomersCSVRow.header))
            }
            return rows
        }
        // A file for a spreadsheet starts with a byte-order mark, as `export --output` writes
        // one (Excel reads UTF-8 without it as another encoding).
        var text = "\u{FEFF}" + CSVTable.line(CustomersCSVRow.header, forceQuotes: false)
        for row in rows { text += CSVTable.line(row, forceQuotes: true) }
        let writer: SafeFileWriter
        do {
            writer = try SafeFileWriter(path: path, force: force, protecting: location)
        } catch {
            throw .file(error)
        }
        do {
            try writer.write(Data(text.utf8))
            try writer.commit()
        } catch {
            writer.discard()
            throw .file(error)
        }
        return rows.count
    }
}
