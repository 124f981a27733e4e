import ConsentModel
import Foundation
import Testing
@testable import ConsentStore
import TestSupport

/// One demo store of 100,000 customers for the suite, and every customer with the model's
/// status, to check the store's pages against a sort in Swift.
final class HundredThousand: @unchecked Sendable {
    static let shared = Result { try HundredThousand() }
    let dir = TemporaryDirectory("list-100k", removedAtExit: true)
    let store: ConsentStore
    /// Each customer as the model sees it: status, the values each sort reads, the folded search text.
    struct Entry {
        let id: String
        let company: String
        let status: ConsentStatus
        let keys: [ListQuery.Sort: String]
        let folded: String
    }
    let rows: [Entry]

    init() throws {
        store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock)
        // 10,000 demo customers through the front door, then nine copies of their rows (new
        // tenant ids and names; the list columns and the search index come along): the
        // pages do not need a history, and this takes seconds, not a minute.
        try store.loadDemo(DemoGenerator(customers: 10_000, seed: 13, today: today))
        let columns = (CustomerTable.names + ListProjection.columns).joined(separator: ", ")
        try store.queue.write { db in
            // Copies start with a letter no GUID starts with, so their ids never collide.
            for copy in ["g", "h", "i", "j", "k", "m", "n", "p", "q"] {
                let values = (CustomerTable.names + ListProjection.columns).map { name -> String in
                    switch name {
                    case "tenantId": return "'\(copy)' || substr(tenantId, 2)"
                    case "companyName": return "companyName || ' \(copy)'"
                    case "kCompany": return "kCompany || ' \(copy)'"
                    case "sText": return "replace(sText, tenantId, '\(copy)' || substr(tenantId, 2))"
                    default: return name
                    }
                }.joined(separator: ", ")
                try db.execute(sql: "INSERT INTO customers (\(columns)) SELECT \(values) FROM customers WHERE rowid <= 10000")
            }
        }
        let profile = try store.profile()
        let evaluator = ConsentEvaluator(profile: profile, catalog: try store.catalog(), day: today)
        var rows: [Entry] = []
        rows.reserveCapacity(100_000)
        _ = try store.readCustomers { c, _ in
            let status = evaluator.status(of: c, today: today).status
            let keys: [ListQuery.Sort: String] = [
                .status: String(ListProjection.rank(status)), .company: "",
                .domain: ListProjection.sortKey(c.primaryDomain),
                .reseller: ListProjection.sortKey(c.resellerId.map { profile.reseller($0)?.name ?? $0 } ?? ""),
                .date: c.confirmation?.dateAgreed.iso ?? "",
                .contact: ListProjection.sortKey(c.confirmation?.contact.fullName ?? ""),
            ]
            rows.append(Entry(id: c.tenantId, company: ListProjection.sortKey(c.companyName), status: status, keys: keys,
                              folded: CustomerSearch.folded(c, profile: profile)))
        }
        self.rows = rows
    }

    /// The tenant ids in `query`'s order as the model sees it (folded keys in byte order,
    /// status by urgency, ties by folded company then tenant id). Folded keys are NFC,
    /// where String's order is the byte order.
    func ordered(_ query: ListQuery) -> [String] {
        var keyed = rows.filter { query.status?.contains($0.status) ?? true }
            .map { (key: $0.keys[query.sort] ?? "", company: $0.company, id: $0.id) }
        keyed.sort { a, b in
            query.ascending ? (a.key, a.company, a.id) < (b.key, b.company, b.id) : (b.key, b.company, b.id) < (a.key, a.company, a.id)
        }
        return keyed.map(\.id)
    }
}

@Suite("The list's pages from the store, at 100,000 customers")
struct ListPageTests {
    var big: HundredThousand { get throws { try HundredThousand.shared.get() } }

    @Test(arguments: [ListQuery.Sort.status, .company, .date, .contact, .domain], [true, false])
    func pagesFollowTheSortAtTheTopInTheMiddleAndAtTheEnd(sort: ListQuery.Sort, ascending: Bool) throws {
        let big = try self.big
        let query = ListQuery(sort: sort, ascending: ascending)
        let expected = big.ordered(query)
        func ids(_ page: ListPage) -> [String] { page.rows.map(\.customer.tenantId) }
        let top = try big.store.listPage(query, from: .offset(0), limit: 20)
        #expect(top.total == 100_000)
        #expect(ids(top) == Array(expected[0..<20]))
        let middle = try big.store.listPage(query, from: .offset(50_000), limit: 20)
        #expect(ids(middle) == Array(expected[50_000..<50_020]))
        let end = try big.store.listPage(query, from: .end, limit: 20)
        #expect(ids(end) == Array(expected[(100_000 - 20)...]))
        // Keyset paging: after the top page's last row, and before the middle page's first.
        let next = try big.store.listPage(query, from: .after(try #require(top.rows.last).cursor), limit: 20)
        #expect(ids(next) == Array(expected[20..<40]))
        let previous = try big.store.listPage(query, from: .before(try #require(middle.rows.first).cursor), limit: 20)
        #expect(ids(previous) == Array(expected[49_980..<50_000]))
        // The cursor follows a customer: its position is its place in the ordering.
        for index in [0, 777, 64_321, 99_999] {
            #expect(try big.store.position(of: expected[index], in: query) == index)
        }
    }

    @Test func countsAndFilteredPagesAreTheModels() throws {
        let big = try self.big
        var counts: [ConsentStatus: Int] = [:]
        for row in big.rows { counts[row.status, default: 0] += 1 }
        #expect(try big.store.statusCounts() == counts)
        let blocked = ListQuery(status: .group(.blocked), sort: .date, ascending: false)
        let expected = big.ordered(blocked)
        let page = try big.store.listPage(blocked, from: .offset(1_000), limit: 50)
        #expect(page.total == expected.count)
        #expect(page.rows.map(\.customer.tenantId) == Array(expected[1_000..<1_050]))
        #expect(page.rows.allSatisfy { $0.status.blocksNewPurchases })
        // A confirmed customer is in no blocked ordering.
        let confirmed = try #require(big.rows.first { $0.status == .confirmed })
        #expect(try big.store.position(of: confirmed.id, in: blocked) == nil)
        #expect(try big.store.listCount(ListQuery(status: .status(.outdated))) == counts[.outdated])
    }

    @Test func aSearchAtThisSizeAnswersWithTheModelsCustomers() throws {
        let big = try self.big
        for text in ["wingtip", "müller", "北京云端", "zz", "crm-10004", "s 7"] {
            let needle = CustomerSearch.query(text)
            let expected = big.rows.filter { CustomerSearch.matches($0.folded, query: needle) }
            #expect(try big.store.listCount(ListQuery(search: text)) == expected.count, "\(text)")
        }
    }
}
