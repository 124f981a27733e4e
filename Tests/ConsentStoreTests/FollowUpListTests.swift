import ConsentModel
import Foundation
import GRDB
import Testing
@testable import ConsentStore
import TestSupport

/// A demo store of 3,000 customers for the suite, with every customer read whole (with
/// its subscriptions) to work out the follow-up lists in Swift.
final class FollowUpStore: @unchecked Sendable {
    static let shared = Result { try FollowUpStore() }
    let dir = TemporaryDirectory("follow-ups", removedAtExit: true)
    let store: ConsentStore
    let customers: [(customer: Customer, status: ConsentStatus)]

    init() throws {
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock)
        self.store = store
        try store.loadDemo(DemoGenerator(customers: 3_000, seed: 21, today: today))
        let evaluator = ConsentEvaluator(profile: try store.profile(), catalog: try store.catalog(), day: today)
        var ids: [String] = []
        _ = try store.readCustomers { c, _ in ids.append(c.tenantId) }
        customers = try ids.map { id in
            let full = try #require(try store.customer(id)?.customer)
            return (full, evaluator.status(of: full, today: today).status)
        }
    }

    /// The tenant ids `followUp` lists, as the model orders them (its day, then the company's folded key, then id).
    func expected(_ followUp: FollowUp, reseller: String? = nil, status: StatusFilter? = nil) -> [String] {
        customers.compactMap { entry -> (Day, String, String)? in
            if let reseller, entry.customer.resellerId != reseller { return nil }
            if let status, !status.contains(entry.status) { return nil }
            guard let day = followUp.sortDay(entry.customer, status: entry.status, today: today) else { return nil }
            return (day, ListProjection.sortKey(entry.customer.companyName), entry.customer.tenantId)
        }.sorted { $0 < $1 }.map(\.2)
    }

    /// Every row of `query`, a page of `size` at a time, each page after the last one's cursor.
    func paged(_ query: ListQuery, size: Int = 37) throws -> [String] {
        var ids: [String] = []
        var page = try store.listPage(query, limit: size)
        while !page.rows.isEmpty {
            ids += page.rows.map(\.customer.tenantId)
            guard let last = page.rows.last else { break }
            page = try store.listPage(query, from: .after(last.cursor), limit: size)
        }
        return ids
    }
}

@Suite("Follow-up lists from the store: waiting, renewing, by reseller")
struct FollowUpListTests {
    var data: FollowUpStore { get throws { try FollowUpStore.shared.get() } }

    @Test func requestsWaitingOverFourteenDaysComeLongestFirstPageAfterPage() throws {
        let data = try self.data
        var query = ListQuery()
        query.followUp = .waitingOver(days: 14)
        let expected = data.expected(.waitingOver(days: 14))
        #expect(!expected.isEmpty)
        #expect(try data.paged(query) == expected)
        #expect(try data.store.listCount(query) == expected.count)
        let rows = try data.store.listPage(query, limit: expected.count).rows
        #expect(rows.allSatisfy { $0.status == .requested && ($0.daysWaiting ?? 0) > 14 })
        #expect(rows.map { $0.daysWaiting ?? 0 } == rows.map { $0.daysWaiting ?? 0 }.sorted(by: >))
    }

    @Test func aRequestFourteenDaysOldIsNotOverdueFifteenIs() throws {
        let dir = TemporaryDirectory("follow-up-edge")
        let store = try makeStore(dir)
        try store.execute(.request(tenantId: tenantA, RequestDraft(sentTo: "Tailspin", date: today.adding(days: -14).iso)))
        try store.execute(.request(tenantId: tenantB, RequestDraft(sentTo: "Tailspin", date: today.adding(days: -15).iso)))
        var query = ListQuery()
        query.followUp = .waitingOver(days: 14)
        let rows = try store.listPage(query, limit: 10).rows
        #expect(rows.map(\.customer.tenantId) == [tenantB])
        #expect(rows.first?.daysWaiting == 15)
        query.followUp = .waitingOver(days: 13)
        #expect(try store.listPage(query, limit: 10).rows.map(\.customer.tenantId) == [tenantB, tenantA])
    }

    @Test func blockedCustomersRenewingWithinThirtyDaysComeSoonestFirst() throws {
        let data = try self.data
        var query = ListQuery()
        query.followUp = .renewingWithin(days: 30)
        let expected = data.expected(.renewingWithin(days: 30))
        #expect(!expected.isEmpty)
        #expect(try data.paged(query) == expected)
        #expect(try data.store.listCount(query) == expected.count)
        let rows = try data.store.listPage(query, limit: expected.count).rows
        #expect(rows.allSatisfy { $0.status.blocksNewPurchases })
        #expect(rows.contains { $0.status == .outdated })
        // Confirmed customers renewing soon are not chased.
        let confirmedSoon = data.customers.filter {
            $0.status == .confirmed && $0.customer.subscriptions.contains { $0.renewalDate.map { $0 >= today && $0 <= today.adding(days: 30) } ?? false }
        }
        #expect(!confirmedSoon.isEmpty)
        #expect(!confirmedSoon.contains { expected.contains($0.customer.tenantId) })
        // Going back from the end gives the same rows.
        let end = try data.store.listPage(query, from: .end, limit: 10)
        #expect(end.rows.map(\.customer.tenantId) == Array(expected.suffix(10)))
        if let tail = expected.last {
            #expect(try data.store.position(of: tail, in: query) == expected.count - 1)
        }
    }

    @Test func aResellerFilterCombinesWithStatusSearchAndFollowUps() throws {
        let data = try self.data
        let reseller = try #require(DemoGenerator.profile.resellers.first).id
        var query = ListQuery(status: .group(.blocked))
        query.reseller = reseller
        let expected = data.customers.filter { $0.customer.resellerId == reseller && $0.status.blocksNewPurchases }
            .map { (ListProjection.sortKey($0.customer.companyName), $0.customer.tenantId) }.sorted { $0 < $1 }.map(\.1)
        #expect(!expected.isEmpty)
        #expect(try data.paged(query) == expected)
        query.followUp = .renewingWithin(days: 60)
        #expect(try data.paged(query) == data.expected(.renewingWithin(days: 60), reseller: reseller))
        query.followUp = nil
        query.status = nil
        query.search = "no company is called this"
        #expect(try data.store.listCount(query) == 0)
    }

    @Test func theFollowUpQueriesUseTheirIndexes() throws {
        let data = try self.data
        for followUp in [FollowUp.waitingOver(days: 14), .renewingWithin(days: 30)] {
            var query = ListQuery()
            query.followUp = followUp
            query.day = today
            let (conditions, arguments) = ConsentStore.conditions(query)
            let sql = "EXPLAIN QUERY PLAN SELECT tenantId FROM customers WHERE " + conditions.joined(separator: " AND ")
                + " ORDER BY " + ConsentStore.order(query, reversed: false) + " LIMIT 50"
            let plan = try data.store.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map { $0["detail"] as String? ?? "" } }
            let text = plan.joined(separator: "\n")
            #expect(!text.contains("SCAN customers"), "\(followUp): \(text)")
        }
    }

    /// SQL that takes a store back to schema v6 (before the follow-up indexes).
    static let backToV6 = """
        DROP TRIGGER customers_renewals_insert; DROP TRIGGER customers_renewals_update; DROP TRIGGER customers_renewals_delete;
        DROP TABLE customer_renewals; DROP INDEX customers_waiting; DROP INDEX customers_reseller_id;
        DELETE FROM grdb_migrations WHERE identifier = 'v8-follow-ups';
        """

    @Test func aStoreFromBeforeTheFollowUpsIsMigratedWithItsRenewals() throws {
        let dir = TemporaryDirectory("follow-up-migration")
        let file: String
        do {
            let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock)
            try store.loadDemo(DemoGenerator(customers: 300, seed: 4, today: today))
            file = store.location.file.path
        }
        var query = ListQuery()
        query.followUp = .renewingWithin(days: 30)
        let before = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, mode: .readOnly).listPage(query, limit: 300)
        #expect(before.total > 0)
        let back = try sqlite(file, Self.backToV6)
        #expect(back.status == 0, "\(back.stderr)")
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock)
        let after = try store.listPage(query, limit: 300)
        #expect(after.rows.map(\.customer.tenantId) == before.rows.map(\.customer.tenantId))
    }

    @Test func theProfileKeepsFourteenAndThirtyDaysUnlessSet() throws {
        #expect(PartnerProfile.unnamed.thresholds == FollowUpThresholds(waitingDays: 14, renewingDays: 30))
        // A profile stored before the thresholds existed reads with the standard ones, and
        // one without them set is stored exactly as before.
        let encoded = try JSONEncoder().encode(PartnerProfile.unnamed)
        #expect(!String(decoding: encoded, as: UTF8.self).contains("followUp"))
        var profile = try JSONDecoder().decode(PartnerProfile.self, from: encoded)
        #expect(profile.thresholds.waitingDays == 14)
        profile.followUp = FollowUpThresholds(waitingDays: 7, renewingDays: 45)
        let again = try JSONDecoder().decode(PartnerProfile.self, from: try JSONEncoder().encode(profile))
        #expect(again.thresholds == FollowUpThresholds(waitingDays: 7, renewingDays: 45))
    }
}
