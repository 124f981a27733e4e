import ConsentModel
import Foundation
import GRDB

/// The customers what was typed matches, as the one matcher finds them.
struct CustomerMatches {
    /// How many customers the search finds.
    var total = 0
    /// The tenant id of the one customer meant, when there is one.
    var meant: String?
    /// The customers to choose from (the first few in list order) and how many there are.
    var choices: [CustomerChoice] = []
    var choicesTotal = 0
}

extension ConsentStore {
    /// How many customers a "more than one customer matches" message lists.
    static let choicesShown = 10

    /// The one customer meant by what was typed in any command that takes a customer (and
    /// in the app, where it asks for one): the customers the list's search (`/`, `list
    /// --search`) finds for the same text, with the same fold (`TextFold`), so a part of the
    /// name without accents, a part of a domain (also typed as a web address), a contact's
    /// email, the first characters of a tenant id all find it. An exact tenant id always wins;
    /// among several found, the one that is exactly what was typed (`CustomerSearch.isExact`:
    /// its domain, its whole name, its contact's email) is meant. Otherwise several found
    /// refuse with each listed by name, domain, country and tenant id (exit 2 in the CLI),
    /// and none found refuse as an unknown customer.
    public func resolve(_ text: String) throws(StoreError) -> Customer {
        let key = text.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw StoreError.unknownCustomer(key) }
        if let exact = try customer(key) { return exact.customer }
        let query = CustomerSearch.query(key)
        guard !query.isEmpty else { throw StoreError.unknownCustomer(key) }
        let found: CustomerMatches = try read { db in
            if try ListProjection.hasColumns(db) { return try Self.matches(db, key: key, query: query) }
            return try Self.matchesInSwift(db, query: query)
        }
        if let meant = found.meant, let match = try customer(meant) { return match.customer }
        if found.total == 0 { throw StoreError.unknownCustomer(key) }
        throw StoreError.invalid(ValidationError([.ambiguousCustomer(key, matches: found.choices, total: found.choicesTotal)]))
    }

    /// The matches through the stored search text (the list's own search conditions).
    static func matches(_ db: Database, key: String, query: String) throws -> CustomerMatches {
        let (conditions, arguments) = Self.conditions(ListQuery(search: key))
        let filter = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
        var found = CustomerMatches()
        found.total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers WHERE \(filter)", arguments: arguments) ?? 0
        if found.total == 0 { return found }
        if found.total == 1 {
            found.meant = try String.fetchOne(db, sql: "SELECT tenantId FROM customers WHERE \(filter)", arguments: arguments)
            return found
        }
        // The customers that may be exactly what was typed (a quick test in SQL, with any
        // text outside ASCII left to the Swift rule), confirmed by `CustomerSearch.isExact`.
        let exactSQL = """
            SELECT \(CustomerTable.columns) FROM customers WHERE \(filter) AND (kCompany = ?
                OR instr(' ' || domains || ' ', ' ' || ? || ' ') > 0 OR lower(cEmail) = ? OR lower(rSentTo) = ?
                OR domains GLOB '*[^ -~]*' OR cEmail GLOB '*[^ -~]*' OR rSentTo GLOB '*[^ -~]*')
            ORDER BY kCompany, tenantId
            """
        var exact: [Customer] = []
        var exactCount = 0
        let rows = try Row.fetchCursor(db, sql: exactSQL, arguments: arguments + [query, query, query, query])
        while let row = try rows.next() {
            let customer = try CustomerTable.customer(row, subscriptions: false)
            guard CustomerSearch.isExact(customer, query: query) else { continue }
            exactCount += 1
            if exact.count < choicesShown { exact.append(customer) }
        }
        if exactCount == 1 {
            found.meant = exact[0].tenantId
            return found
        }
        if exactCount > 1 {
            found.choices = exact.map(CustomerChoice.init)
            found.choicesTotal = exactCount
            return found
        }
        let first = try Row.fetchAll(db, sql: "SELECT \(CustomerTable.columns) FROM customers WHERE \(filter) ORDER BY kCompany, tenantId LIMIT ?",
                                     arguments: arguments + [choicesShown])
        for row in first { found.choices.append(CustomerChoice(try CustomerTable.customer(row, subscriptions: false))) }
        found.choicesTotal = found.total
        return found
    }

    /// The same matches on a store opened read-only whose stored search text predates this
    /// version's fold: every customer folded in Swift, as the list does then.
    static func matchesInSwift(_ db: Database, query: String) throws -> CustomerMatches {
        let profile = try StateTable.profile(db)
        var all: [(key: String, customer: Customer)] = []
        var exact: [(key: String, customer: Customer)] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT \(CustomerTable.columns) FROM customers")
        while let row = try rows.next() {
            let customer = try CustomerTable.customer(row, subscriptions: false)
            guard CustomerSearch.matches(CustomerSearch.folded(customer, profile: profile), query: query) else { continue }
            let entry = (key: TextFold.key(customer.companyName), customer: customer)
            all.append(entry)
            if CustomerSearch.isExact(customer, query: query) { exact.append(entry) }
        }
        func ordered(_ list: [(key: String, customer: Customer)]) -> [CustomerChoice] {
            list.sorted { ($0.key, $0.customer.tenantId) < ($1.key, $1.customer.tenantId) }.prefix(choicesShown)
                .map { CustomerChoice($0.customer) }
        }
        var found = CustomerMatches(total: all.count)
        if all.count == 1 {
            found.meant = all[0].customer.tenantId
        } else if exact.count == 1 {
            found.meant = exact[0].customer.tenantId
        } else if exact.count > 1 {
            found.choices = ordered(exact)
            found.choicesTotal = exact.count
        } else {
            found.choices = ordered(all)
            found.choicesTotal = all.count
        }
        return found
    }
}
