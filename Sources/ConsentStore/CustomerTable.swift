import ConsentModel
import Foundation
import GRDB

/// The `customers` projection: one row per customer, its consent record in columns
/// so the whole list loads without decoding JSON.
enum CustomerTable {
    static let columns = """
        tenantId, companyName, domains, country, cloud, resellerId, subscriptions, \
        cFirst, cLast, cEmail, cPhone, cDate, cTemplate, cType, cUserId, cEmployee, cEvidence, cReseller, cRecordedAt, \
        rSentTo, rDate, rNote, wDate, wReason, lastSeq, wLastDate
        """

    /// Reads a row selected with `columns`. Subscriptions are decoded only when asked.
    /// With `interner`, values that repeat across customers share one string.
    static func customer(_ row: Row, subscriptions: Bool, interner: Interner? = nil) -> Customer {
        func shared(_ value: String) -> String { interner?.intern(value) ?? value }
        func shared(_ value: String?) -> String? { value.map(shared) }
        let domainText: String = row[2]
        var customer = Customer(
            tenantId: row[0], companyName: row[1],
            domains: domainText.isEmpty ? [] : domainText.split(separator: " ").map(String.init),
            country: shared(row[3] as String), cloud: CloudInstance(rawValue: row[4]) ?? .global, resellerId: shared(row[5] as String?))
        if subscriptions, let json: String = row[6] {
            customer.subscriptions = (try? StoreCoding.decoder.decode([Subscription].self, from: Data(json.utf8))) ?? []
        }
        if let first: String = row[7] {
            let dateText: String = row[11]
            customer.confirmation = Confirmation(
                contact: Contact(firstName: first, lastName: row[8], email: row[9], phoneNumber: row[10]),
                dateAgreed: Day(iso: dateText) ?? Day(daysSinceEpoch: 0), templateId: shared(row[12] as String),
                agreementType: AgreementType(shared(row[13] as String)), partnerUserId: shared(row[14] as String),
                employee: shared(row[15] as String), evidence: row[16], collectedByResellerId: shared(row[17] as String?),
                recordedAt: Date(timeIntervalSince1970: row[18]))
        }
        if let sentTo: String = row[19], let date = Day(iso: row[20] as String) {
            customer.request = ConsentRequest(sentTo: sentTo, date: date, note: row[21])
        }
        if let dateText: String = row[22], let date = Day(iso: dateText) {
            customer.withdrawal = Withdrawal(date: date, reason: row[23])
        }
        if let lastText: String = row[25] { customer.lastWithdrawalDate = Day(iso: lastText) }
        return customer
    }

    /// Writes (inserts or replaces) `customer` as last changed by event `seq`.
    static func save(_ customer: Customer, seq: Int64, in db: Database, encoder: JSONEncoder = StoreCoding.encoder) throws {
        let subscriptions = String(decoding: try encoder.encode(customer.subscriptions), as: UTF8.self)
        let c = customer.confirmation
        let arguments: [(any DatabaseValueConvertible)?] = [
            customer.tenantId, customer.companyName, customer.domains.joined(separator: " "), customer.country,
            customer.cloud.rawValue, customer.resellerId, subscriptions,
            c?.contact.firstName, c?.contact.lastName, c?.contact.email, c?.contact.phoneNumber, c?.dateAgreed.iso,
            c?.templateId, c?.agreementType.rawValue, c?.partnerUserId, c?.employee, c?.evidence,
            c?.collectedByResellerId, c?.recordedAt.timeIntervalSince1970,
            customer.request?.sentTo, customer.request?.date.iso, customer.request?.note,
            customer.withdrawal?.date.iso, customer.withdrawal?.reason, seq, customer.lastWithdrawalDate?.iso,
        ]
        let statement = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO customers (\(columns))
            VALUES (?,?,?,?,?,?,?, ?,?,?,?,?,?,?,?,?,?,?,?, ?,?,?,?,?,?,?)
            """)
        try statement.execute(arguments: StatementArguments(arguments))
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
