import ConsentModel
import Foundation
import GRDB

extension ListProjection {
    /// `mismatch(_:_:_:day:)` for a row selected with `CustomerTable.columns` followed by
    /// `columns` (as `verify` reads it): the list columns are found by position, not by name.
    static func mismatch(selected row: Row, _ customer: Customer, _ evaluator: ConsentEvaluator, day: Day) -> String? {
        let offset = CustomerTable.names.count
        guard row.count == offset + columns.count else { return mismatch(row, customer, evaluator, day: day) }
        let expected = values(customer, evaluator, day: day)
        for (index, name) in columns.enumerated() {
            let stored: DatabaseValue = row[offset + index]
            if stored != expected[name]?.databaseValue { return name }
        }
        return nil
    }
}
