import ConsentModel
import Foundation
import Testing
@testable import ConsentStore
import TestSupport

/// One demo store of 100,000 customers for the suite, and every customer with the model's
/// status, to check the store's pages against a sort in Swift.
final class HundredThousand: @unchecked Sendable {
    static let shared = Result { try HundredThousand() }
    let dir = TemporaryDirectory("list-100k")
    let store: ConsentStore
    let rows: [(customer: Customer, status: ConsentStatus)]

    init() throws {
        store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock)
        try store.loadDemo(DemoGenerator(customers: 100_000, seed: 13, today: today))
        let evaluator = ConsentEvaluator(profile: try store.profile(), catalog: try store.catalog(), day: today)
        var rows: [(customer: Customer, status: ConsentStatus)] = []
        _ = try store.readCustomers { customer, _ in rows.append((customer, evaluator.status(of: customer, today: today).status)) }
        self.rows = rows
    }

    /// The rows in `query`'s order as the model sees it (byte order, ties by company then tenant id).
    func ordered(_ query: ListQuery) -> [(customer: Customer, status: ConsentStatus)] {
        func key(_ row: (customer: Customer, status: ConsentStatus)) -> [UInt8] {
            let c = row.customer
            switch query.sort {
            case .status: return [UInt8(ConsentStatus.allCases.firstIndex(of: row.status) ?? 0)]
            case .company: return []
            case .domain: return Array(c.primaryDomain.utf8)
            case .country: return Array(c.country.utf8)
            case .cloud: return Array(c.cloud.rawValue.utf8)
            case .reseller: return Array((c.resellerId ?? "").utf8)
            case .agreement: return Array((c.confirmation?.agreementType.rawValue ?? "").utf8)
            case .date: return Array((c.confirmation?.dateAgreed.iso ?? "").utf8)
            case .contact: return Array((c.confirmation?.contact.fullName ?? "").utf8)
            }
        }
        let selected = rows.filter { query.status?.contains($0.status) ?? true }
        let keyed = selected.map { (key($0), $0) }
        let sorted = keyed.sorted { a, b in
            let (x, y) = (a.1.customer, b.1.customer)
            if a.0 != b.0 { return a.0.lexicographicallyPrecedes(b.0) == query.ascending }
            if x.companyName != y.companyName {
                return x.companyName.utf8.lexicographicallyPrecedes(y.companyName.utf8) == query.ascending
            }
            return x.tenantId.utf8.lexicographicallyPrecedes(y.tenantId.utf8) == query.ascending
        }
        return sorted.map(\.1)
    }
}

@Suite("The list's pages from the store, at 100,000 customers")
struct ListPageTests {
    var big: HundredThousand { get throws { try HundredThousand.shared.get() } }

    @Test(arguments: [ListQuery.Sort.status, .company, .date, .contact, .reseller, .domain], [true, false])
    func pagesFollowTheSortAtTheTopInTheMiddleAndAtTheEnd(sort: ListQuery.Sort, ascending: Bool) throws {
        let big = try self.big
        let query = ListQuery(sort: sort, ascending: ascending)
        let expected = big.ordered(query).map(\.customer.tenantId)
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
        #expect(page.rows.map(\.customer.tenantId) == expected[1_000..<1_050].map(\.customer.tenantId))
        #expect(page.rows.allSatisfy { $0.status.blocksNewPurchases })
        // A confirmed customer is in no blocked ordering.
        let confirmed = try #require(big.rows.first { $0.status == .confirmed })
        #expect(try big.store.position(of: confirmed.customer.tenantId, in: blocked) == nil)
        #expect(try big.store.listCount(ListQuery(status: .status(.outdated))) == counts[.outdated])
    }

    @Test func aSearchAtThisSizeAnswersWithTheModelsCustomers() throws {
        let big = try self.big
        let profile = try big.store.profile()
        for text in ["wingtip", "müller", "北京云端", "zz", "crm-10004"] {
            let needle = CustomerSearch.query(text)
            let expected = big.rows.filter { CustomerSearch.matches(CustomerSearch.folded($0.customer, profile: profile), query: needle) }
            #expect(try big.store.listCount(ListQuery(search: text)) == expected.count, "\(text)")
        }
        #expect(try big.store.verify().isValid)
    }
}
