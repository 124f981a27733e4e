import ConsentModel
import Foundation
import Testing
@testable import ConsentStore
import TestSupport

/// The quick paths of large writes and of `verify` keep every guarantee of the slow ones.
@Suite("Bulk writes and verification")
struct BulkWriteTests {
    func indexes(_ file: String) throws -> String {
        try sqlite(file, "SELECT name || ':' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").stdout
    }

    func tenant(_ n: Int) -> String { String(format: "cccccccc-0000-4000-8000-%012d", n) }

    @Test func theStreamedChainHashIsTheHashOfTheDocumentedInput() throws {
        for version in [1, 2] {
            let fields = (previous: EventChain.genesis, seq: Int64(42), at: "2026-11-25T10:00:00Z", user: "u\u{1F}1",
                          employee: "王芳", kind: "confirmed", customer: Optional(tenantA), payload: #"{"a":"\u0001"}"#)
            let input = try #require(EventChain.hashInput(version: version, previous: fields.previous, seq: fields.seq, at: fields.at,
                                                          userId: fields.user, employee: fields.employee, kind: fields.kind,
                                                          customer: fields.customer, payload: fields.payload))
            let streamed = EventChain.hash(version: version, previous: fields.previous, seq: fields.seq, at: fields.at,
                                           userId: fields.user, employee: fields.employee, kind: fields.kind,
                                           customer: nil, payload: fields.payload)
            #expect(EventChain.hash(version: version, previous: fields.previous, seq: fields.seq, at: fields.at,
                                    userId: fields.user, employee: fields.employee, kind: fields.kind,
                                    customer: fields.customer, payload: fields.payload) == EventChain.hash(input: input))
            #expect(streamed != EventChain.hash(input: input))
        }
        #expect(EventChain.hash(version: 3, previous: "", seq: 1, at: "", userId: "", employee: "", kind: "", customer: nil, payload: "") == nil)
    }

    @Test func aLargeImportWhoseLastRowIsBadWritesNothingAndKeepsEveryIndex() throws {
        let dir = TemporaryDirectory("bulk")
        let store = try makeStore(dir)
        let file = store.location.file.path
        let before = try indexes(file)
        let head = try store.headSeq()
        var rows: [(line: Int, command: StoreCommand)] = (0..<2_100).map { n in
            (n + 2, .addCustomer(CustomerDraft(tenantId: tenant(n), companyName: "Bulk \(n)", domains: "bulk\(n).example", country: "DE")))
        }
        rows.append((2_102, .addCustomer(CustomerDraft(tenantId: "not-a-tenant-id", companyName: "Broken", domains: "broken.example"))))
        let refused = try store.runBatch(rows, source: "bulk.csv", mode: .allOrNothing)
        #expect(!refused.wrote)
        #expect(refused.failures.map(\.line) == [2_102])
        #expect(try store.headSeq() == head)
        #expect(try store.listCount(ListQuery()) == 2)
        #expect(try indexes(file) == before)
        // Without the bad row it is written whole, with the same indexes, and verifies.
        let written = try store.runBatch(Array(rows.dropLast()), source: "bulk.csv", mode: .allOrNothing)
        #expect(written.wrote && written.eventsWritten == 2_100)
        #expect(try indexes(file) == before)
        #expect(try store.listCount(ListQuery()) == 2_102)
        #expect(try store.listCount(ListQuery(search: "bulk 2099")) == 1)
        let report = try store.verify()
        #expect(report.isValid, "\(report)")
        let plan = try sqlite(file, "EXPLAIN QUERY PLAN SELECT tenantId FROM customers ORDER BY kDomain, companyName, tenantId LIMIT 5").stdout
        #expect(plan.contains("customers_domain"), "\(plan)")
    }

    @Test func verifyFindsATamperedEventInTheMiddleOfALargeStore() throws {
        let dir = TemporaryDirectory("bulk")
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, actor: StoreActor(userId: "", employee: "amy"))
        let file = store.location.file.path
        let before = try indexes(file)
        let events = try store.loadDemo(DemoGenerator(customers: 2_000, seed: 5, today: today))
        #expect(try indexes(file) == before)
        let clean = try store.verify()
        #expect(clean.isValid, "\(clean)")
        #expect(clean.eventsChecked == events)
        let middle = Int64(events / 2)
        let tamper = try sqlite(file, """
            DROP TRIGGER events_no_update;
            UPDATE events SET payload = replace(payload, '"seats":', '"seats":1') WHERE seq = (SELECT MIN(seq) FROM events WHERE seq >= \(middle) AND kind = 'customerAdded');
            """)
        #expect(tamper.status == 0, "\(tamper.stderr)")
        let changed = try #require(Int64(try sqlite(file, "SELECT MIN(seq) FROM events WHERE seq >= \(middle) AND kind = 'customerAdded'")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let report = try store.verify()
        #expect(!report.isValid)
        #expect(report.firstBadSeq == changed)
        #expect(report.eventsChecked == Int(changed) - 1)
    }

    @Test func verifyStillCatchesChangedSubscriptionsButNotReorderedOnes() throws {
        let dir = TemporaryDirectory("bulk")
        let store = try makeStore(dir)
        let file = store.location.file.path
        try store.execute(.setSubscriptions(tenantId: tenantA, [Subscription(id: "S-1", offer: "Microsoft 365 E3", seats: 12, autoRenew: true,
                                                                             renewalDate: Day(year: 2027, month: 3, day: 1))]))
        #expect(try store.verify().isValid)
        // The same list written with its keys in another order is the same list.
        let reordered = #"[{"seats":12,"renewalDate":"2027-03-01","offer":"Microsoft 365 E3","id":"S-1","autoRenew":true}]"#
        #expect(try sqlite(file, "UPDATE customers SET subscriptions = '\(reordered)' WHERE tenantId = '\(tenantA)'").status == 0)
        let same = try store.verify()
        #expect(same.isValid, "\(same)")
        // Another number of seats is caught, naming the customer.
        let changed = reordered.replacingOccurrences(of: "12", with: "13")
        #expect(try sqlite(file, "UPDATE customers SET subscriptions = '\(changed)' WHERE tenantId = '\(tenantA)'").status == 0)
        let report = try store.verify()
        #expect(!report.isValid)
        #expect(report.problem?.contains(tenantA) == true, "\(report)")
    }
}
