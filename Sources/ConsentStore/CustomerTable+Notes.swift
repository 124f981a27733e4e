import ConsentModel
import Foundation
import GRDB

/// The `notes` column of `customers` (migration v7): the texts of a customer's notes as a
/// JSON array, empty when it has none, so the search text can include them.
extension CustomerTable {
    /// The column's value for `texts`.
    static func notesColumn(_ texts: [String], encoder: JSONEncoder) throws -> String {
        texts.isEmpty ? "" : String(decoding: try encoder.encode(texts), as: UTF8.self)
    }

    /// The note texts of a row read with `columns`; unreadable JSON is `StoreError.damaged`.
    static func noteTexts(_ cells: Cells) throws(StoreError) -> [String] {
        let json = try cells.text(.notes)
        if json.isEmpty { return [] }
        guard let texts = try? StoreCoding.decoder.decode([String].self, from: Data(json.utf8)) else { throw cells.unreadable(.notes) }
        return texts
    }
}
