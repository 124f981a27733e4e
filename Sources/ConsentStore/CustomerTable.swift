import ConsentModel
import Foundation
import GRDB

/// The `customers` projection: one row per customer, its consent record in columns
/// so the whole list loads without decoding JSON.
enum CustomerTable {
    static let columns = """
        tenantId, companyName, domains, country, cloud, resellerId, subscriptions, \
        cFirst, cLast, cEmail, cPhone, cDate, cTemplate, cType, cUserId, cEmployee, cEvidence, cReseller, cRecordedAt, \
        rSentTo, rDate, rNote, wDate, wReason, lastSeq, wLastDate, notes
        """

    /// The column names, in `columns` order.
    static let names = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    /// Where `subscriptions` is in `names` (and in `values`).
    static let subscriptionsIndex = 6

    /// Reads a row selected with `columns` (optionally followed by `rowid`). Subscriptions
    /// are decoded only when asked. With `interner`, values that repeat across customers
    /// share one string. A NULL, a wrong type or an unreadable value throws
    /// `StoreError.damaged` naming the row and column, never the content.
    static func customer(_ row: Row, subscriptions: Bool, interner: Interner? = nil) throws(StoreError) -> Customer {
        let cells = Cells(row: row, table: "customers", names: names)
        func shared(_ value: String) -> String { interner?.intern(value) ?? value }
        func shared(_ value: String?) -> String? { value.map(shared) }
        let tenantId = try cells.text(0)
        let domainText = try cells.text(2)
        guard let cloud = CloudInstance(rawValue: try cells.text(4)) else { throw cells.unreadable(4) }
        var customer = Customer(
            tenantId: tenantId, companyName: try cells.text(1),
            domains: domainText.isEmpty ? [] : domainText.split(separator: " ").map(String.init),
            country: shared(try cells.text(3)), cloud: cloud, resellerId: shared(try cells.optionalText(5)))
        if subscriptions {
            let json = try cells.text(6)
            guard let list = try? StoreCoding.decoder.decode([Subscription].self, from: Data(json.utf8)) else { throw cells.unreadable(6) }
            customer.subscriptions = list
        }
        if let first = try cells.optionalText(7) {
            guard let dateAgreed = Day(iso: try cells.text(11)) else { throw cells.unreadable(11) }
            customer.confirmation = Confirmation(
                contact: Contact(firstName: first, lastName: try cells.text(8), email: try cells.text(9),
                                 phoneNumber: try cells.optionalText(10)),
                dateAgreed: dateAgreed, templateId: shared(try cells.text(12)),
                agreementType: AgreementType(shared(try cells.text(13))), partnerUserId: shared(try cells.text(14)),
                employee: shared(try cells.text(15)), evidence: try cells.optionalText(16),
                collectedByResellerId: shared(try cells.optionalText(17)),
                recordedAt: Date(timeIntervalSince1970: try cells.number(18)))
        }
        if let sentTo = try cells.optionalText(19) {
            guard let date = Day(iso: try cells.text(20)) else { throw cells.unreadable(20) }
            customer.request = ConsentRequest(sentTo: sentTo, date: date, note: try cells.optionalText(21))
        }
        if let dateText = try cells.optionalText(22) {
            guard let date = Day(iso: dateText) else { throw cells.unreadable(22) }
            customer.withdrawal = Withdrawal(date: date, reason: try cells.text(23))
        }
        if let lastText: String = row[25] { customer.lastWithdrawalDate = Day(iso: lastText) }
        customer.noteTexts = try noteTexts(cells)
        return customer
    }

    /// The customer's last event (`lastSeq`) of a row selected with `columns`.
    static func lastSeq(_ row: Row) throws(StoreError) -> Int64 {
        try Cells(row: row, table: "customers", names: names).integer(24)
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
