import ConsentModel
import Foundation
import GRDB

/// The `customers` projection: one row per customer, its consent record in columns
/// so the whole list loads without decoding JSON.
enum CustomerTable {
    /// The stored columns a customer is read from, in `columns` order: a cell is read by
    /// its column's position (`rawValue`), as quick as a number, and named where it is read.
    enum Column: Int, CaseIterable {
        case tenantId, companyName, domains, country, cloud, resellerId, subscriptions
        /// The confirmation.
        case cFirst, cLast, cEmail, cPhone, cDate, cTemplate, cType, cUserId, cEmployee, cEvidence, cReseller, cRecordedAt
        /// The request.
        case rSentTo, rDate, rNote
        /// The withdrawal.
        case wDate, wReason
        case lastSeq, wLastDate, notes

        /// The column's name in the table.
        var name: String { String(describing: self) }
    }

    static let columns = Column.allCases.map(\.name).joined(separator: ", ")

    /// The column names, in `columns` order.
    static let names = Column.allCases.map(\.name)
    /// Where `subscriptions` is in `names` (and in `values`).
    static let subscriptionsIndex = Column.subscriptions.rawValue

    /// Reads a row selected with `columns` (optionally followed by `rowid`). Subscriptions
    /// are decoded only when asked. With `interner`, values that repeat across customers
    /// share one string. A NULL, a wrong type or an unreadable value throws
    /// `StoreError.damaged` naming the row and column, never the content.
    static func customer(_ row: Row, subscriptions: Bool, interner: Interner? = nil) throws(StoreError) -> Customer {
        let cells = Cells(row: row, table: "customers", names: names)
        func shared(_ value: String) -> String { interner?.intern(value) ?? value }
        func shared(_ value: String?) -> String? { value.map(shared) }
        let tenantId = try cells.text(.tenantId)
        let domainText = try cells.text(.domains)
        guard let cloud = CloudInstance(rawValue: try cells.text(.cloud)) else { throw cells.unreadable(.cloud) }
        var customer = Customer(
            tenantId: tenantId, companyName: try cells.text(.companyName),
            domains: domainText.isEmpty ? [] : domainText.split(separator: " ").map(String.init),
            country: shared(try cells.text(.country)), cloud: cloud, resellerId: shared(try cells.optionalText(.resellerId)))
        if subscriptions {
            let json = try cells.text(.subscriptions)
            guard let list = try? StoreCoding.decoder.decode([Subscription].self, from: Data(json.utf8)) else { throw cells.unreadable(.subscriptions) }
            customer.subscriptions = list
        }
        if let first = try cells.optionalText(.cFirst) {
            guard let dateAgreed = Day(iso: try cells.text(.cDate)) else { throw cells.unreadable(.cDate) }
            customer.confirmation = Confirmation(
                contact: Contact(firstName: first, lastName: try cells.text(.cLast), email: try cells.text(.cEmail),
                                 phoneNumber: try cells.optionalText(.cPhone)),
                dateAgreed: dateAgreed, templateId: shared(try cells.text(.cTemplate)),
                agreementType: AgreementType(shared(try cells.text(.cType))), partnerUserId: shared(try cells.text(.cUserId)),
                employee: shared(try cells.text(.cEmployee)), evidence: try cells.optionalText(.cEvidence),
                collectedByResellerId: shared(try cells.optionalText(.cReseller)),
                recordedAt: Date(timeIntervalSince1970: try cells.number(.cRecordedAt)))
        }
        if let sentTo = try cells.optionalText(.rSentTo) {
            guard let date = Day(iso: try cells.text(.rDate)) else { throw cells.unreadable(.rDate) }
            customer.request = ConsentRequest(sentTo: sentTo, date: date, note: try cells.optionalText(.rNote))
        }
        if let dateText = try cells.optionalText(.wDate) {
            guard let date = Day(iso: dateText) else { throw cells.unreadable(.wDate) }
            customer.withdrawal = Withdrawal(date: date, reason: try cells.text(.wReason))
        }
        if let lastText: String = row[Column.wLastDate.rawValue] { customer.lastWithdrawalDate = Day(iso: lastText) }
        customer.noteTexts = try noteTexts(cells)
        return customer
    }

    /// The customer's last event (`lastSeq`) of a row selected with `columns`.
    static func lastSeq(_ row: Row) throws(StoreError) -> Int64 {
        try Cells(row: row, table: "customers", names: names).integer(.lastSeq)
    }

    /// Inserts a customer row, or updates the stored one in place (an update fires the
    /// search index's trigger; a replace would not).
    static let upsert: String = {
        let all = names + ListProjection.columns
        let marks = Array(repeating: "?", count: all.count).joined(separator: ",")
        let sets = all.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return "INSERT INTO customers (\(all.joined(separator: ", "))) VALUES (\(marks)) ON CONFLICT(tenantId) DO UPDATE SET \(sets)"
    }()

    /// Writes (inserts or updates in place, keeping its `rowid` for the search index)
    /// `customer` as last changed by event `seq`, with its list columns for `evaluator` on `day`.
    static func save(_ customer: Customer, seq: Int64, evaluator: ConsentEvaluator, day: Day, in db: Database,
                     encoder: JSONEncoder = StoreCoding.encoder) throws {
        let statement = try db.cachedStatement(sql: upsert)
        statement.setUncheckedArguments(StatementArguments(try values(customer, seq: seq, evaluator: evaluator, day: day, encoder: encoder)))
        try statement.execute()
    }

    /// Updates a stored row (found by its key, `stored[0]`) from `stored` to `row` (both as
    /// `values` gives them) in the columns that differ only; nothing when none does.
    static func update(from stored: [DatabaseValue], to row: [DatabaseValue], in db: Database) throws {
        let all = names + ListProjection.columns
        guard stored.count == all.count, row.count == all.count else {
            throw StoreError.io("customers row of \(all.count) columns")
        }
        let changed = all.indices.filter { stored[$0] != row[$0] }
        if changed.isEmpty { return }
        // One statement per set of changed columns (an import changes the same few each row).
        let statement = try db.cachedStatement(sql: "UPDATE customers SET "
            + changed.map { "\(all[$0]) = ?" }.joined(separator: ", ") + " WHERE tenantId = ?")
        statement.setUncheckedArguments(StatementArguments(changed.map { row[$0] } + [stored[0]]))
        try statement.execute()
    }

    /// The stored row of `customer` as last changed by event `seq`: the values of `names`
    /// followed by `ListProjection.columns` for `evaluator` on `day`. Pure (no database), so a
    /// bulk load makes rows on one core while another writes them.
    static func values(_ customer: Customer, seq: Int64, evaluator: ConsentEvaluator, day: Day,
                       encoder: JSONEncoder) throws -> [DatabaseValue] {
        let subscriptions = String(decoding: try WriteSession.payloadEncoder.encode(customer.subscriptions), as: UTF8.self)
        let c = customer.confirmation
        var arguments: [(any DatabaseValueConvertible)?] = [
            customer.tenantId, customer.companyName, customer.domains.joined(separator: " "), customer.country,
            customer.cloud.rawValue, customer.resellerId, subscriptions,
            c?.contact.firstName, c?.contact.lastName, c?.contact.email, c?.contact.phoneNumber, c?.dateAgreed.iso,
            c?.templateId, c?.agreementType.rawValue, c?.partnerUserId, c?.employee, c?.evidence,
            c?.collectedByResellerId, c?.recordedAt.timeIntervalSince1970,
            customer.request?.sentTo, customer.request?.date.iso, customer.request?.note,
            customer.withdrawal?.date.iso, customer.withdrawal?.reason, seq, customer.lastWithdrawalDate?.iso,
            try notesColumn(customer.noteTexts, encoder: encoder),
        ]
        let list = ListProjection.values(customer, evaluator, day: day)
        arguments += ListProjection.columns.map { list[$0] }
        return arguments.map { $0?.databaseValue ?? .null }
    }
}

/// A customer row's cells read by column name (`CustomerTable.Column`), at its position.
extension Cells {
    func optionalText(_ column: CustomerTable.Column) throws(StoreError) -> String? { try optionalText(column.rawValue) }
    func text(_ column: CustomerTable.Column) throws(StoreError) -> String { try text(column.rawValue) }
    func number(_ column: CustomerTable.Column) throws(StoreError) -> Double { try number(column.rawValue) }
    func integer(_ column: CustomerTable.Column) throws(StoreError) -> Int64 { try integer(column.rawValue) }
    func unreadable(_ column: CustomerTable.Column) -> StoreError { unreadable(column.rawValue) }
}

/// Hands out one shared instance of each repeated value (template ids, user ids,
/// employees…) while a large read builds customers, instead of one copy per row.
final class Interner {
    private var values: [String: String] = [:]
    func intern(_ value: String) -> String {
        if value.utf8.count <= 15 { return value } // small strings live inline anyway
        if let existing = values[value] { return existing }
        if values.count < 10_000 { values[value] = value }
        return value
    }
}

/// The cells of one stored row, read by position without trusting them: a NULL where a
/// value belongs, or a value of the wrong type, is `StoreError.damaged`, never a crash.
/// Messages name the table, the row (its key, else its `rowid`) and the column only.
struct Cells {
    let row: Row
    let table: String
    let names: [String]

    /// The row as a message names it: its key when readable, else `rowid N`.
    var rowName: String {
        switch (row[0] as DatabaseValue).storage {
        case .string(let key) where !key.isEmpty: return key
        case .int64(let number): return String(number)
        default: break
        }
        if row.hasColumn("rowid"), case .int64(let id) = (row["rowid"] as DatabaseValue).storage { return "rowid \(id)" }
        return "?"
    }

    private func name(_ index: Int) -> String { index < names.count ? names[index] : String(index) }

    func damaged(_ index: Int, _ key: String) -> StoreError {
        .damaged(table: table, row: rowName, detail: tr(key, name(index)))
    }

    func unreadable(_ index: Int) -> StoreError { damaged(index, "store.damaged.unreadable") }

    func optionalText(_ index: Int) throws(StoreError) -> String? {
        guard index < row.count else { throw damaged(index, "store.damaged.missing") }
        switch (row[index] as DatabaseValue).storage {
        case .null: return nil
        case .string(let text): return text
        default: throw damaged(index, "store.damaged.type")
        }
    }

    func text(_ index: Int) throws(StoreError) -> String {
        guard let text = try optionalText(index) else { throw damaged(index, "store.damaged.null") }
        return text
    }

    func number(_ index: Int) throws(StoreError) -> Double {
        guard index < row.count else { throw damaged(index, "store.damaged.missing") }
        switch (row[index] as DatabaseValue).storage {
        case .null: throw damaged(index, "store.damaged.null")
        case .double(let value) where value.isFinite: return value
        case .int64(let value): return Double(value)
        default: throw damaged(index, "store.damaged.type")
        }
    }

    func integer(_ index: Int) throws(StoreError) -> Int64 {
        guard index < row.count else { throw damaged(index, "store.damaged.missing") }
        switch (row[index] as DatabaseValue).storage {
        case .null: throw damaged(index, "store.damaged.null")
        case .int64(let value): return value
        default: throw damaged(index, "store.damaged.type")
        }
    }
}
