import ConsentModel
import Foundation
import GRDB
import Testing
import TestSupport
@testable import ConsentStore

/// The activity log pages from the store through its indexes (issue 15.4).
@Suite("The activity log's pages")
struct ActivityLogTests {
    static func store(_ dir: TemporaryDirectory) throws -> ConsentStore {
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock,
                                     actor: StoreActor(userId: "", employee: "amy"))
        try store.loadDemo(DemoGenerator(customers: 120, seed: 7, today: today))
        return store
    }

    @Test func pagesFollowEachOtherWithoutGapsOrRepeats() throws {
        let dir = TemporaryDirectory()
        let store = try Self.store(dir)
        let head = try store.headSeq()
        var seen: [Int64] = []
        var query = ActivityQuery(limit: 50)
        while true {
            let page = try store.activity(query)
            seen += page.map(\.event.seq)
            guard page.count == query.limit, let last = page.last else { break }
            query.before = last.event.seq
        }
        #expect(seen == Array((1...head).reversed()))
        // Several kinds: merged newest first, as one page.
        let two = try store.activity(ActivityQuery(kinds: ["confirmed", "customerAdded"], limit: 30))
        let confirmed = try store.activity(ActivityQuery(kinds: ["confirmed"], limit: 10_000)).map(\.event.seq)
        let added = try store.activity(ActivityQuery(kinds: ["customerAdded"], limit: 10_000)).map(\.event.seq)
        #expect(two.map(\.event.seq) == Array((confirmed + added).sorted(by: >).prefix(30)))
        // Each entry names the company it is about.
        let one = try #require(try store.activity(ActivityQuery(kinds: ["confirmed"], limit: 1)).first)
        #expect(one.companyName == (try store.customer(one.event.customer ?? ""))?.customer.companyName)
    }

    @Test func everyFilterIsAnIndexedSearchNeverASortOfTheWholeHistory() throws {
        let dir = TemporaryDirectory()
        let store = try Self.store(dir)
        let someone = try #require(try store.activity(ActivityQuery(kinds: ["customerAdded"], limit: 1)).first?.event.customer)
        let queries = [
            ActivityQuery(limit: 100),
            ActivityQuery(employee: "AMY", limit: 100),
            ActivityQuery(kinds: ["confirmed", "noted"], limit: 100),
            ActivityQuery(customer: someone, limit: 100),
            ActivityQuery(since: today, until: today, limit: 100),
            ActivityQuery(since: today, employee: "bo", before: 200, limit: 100),
        ]
        for query in queries {
            let plan: String = try store.read { db in
                try ConsentStore.activityStatements(query, in: db).map { sql, arguments in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                        .map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
                }.joined(separator: "\n")
            }
            #expect(!plan.contains("TEMP B-TREE"), "\(query): \(plan)")
            #expect(!plan.contains("SCAN c"), "\(query): \(plan)")
            if query.employee != nil { #expect(plan.contains("events_employee"), "\(plan)") }
            if query.kinds != nil { #expect(plan.contains("events_kind") || plan.contains("PRIMARY KEY"), "\(plan)") }
        }
    }
}

/// `export --format history` writes each event with the compact encoder, on two cores: the
/// bytes must be exactly what `EventJSON.encoder()` (Foundation) writes, for every kind of event.
@Suite("The history's event lines, compact and Foundation alike")
struct EventLineTests {
    @Test func everyKindOfEventIsWrittenAsFoundationWritesIt() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        try store.execute(.editCustomer(tenantId: tenantA, CustomerDraft(tenantId: tenantA, companyName: "Contoso \"Holdings\" Ltd",
                                                                        domains: "contoso.com contoso.co.uk", country: "GB")))
        let request = try store.execute(.request(tenantId: tenantB, RequestDraft(sentTo: "IT / 王 <it@bjcloud.cn>", date: "2026-11-24")))
        try store.execute(.note(tenantId: tenantB, text: "Called: \\ back on Monday, \"soon\" / 月曜日"))
        try store.execute(.void(seq: try #require(request.seq), reason: "wrong customer"))
        try store.execute(.withdraw(tenantId: tenantA, WithdrawalDraft(date: "2026-11-25", reason: "Customer left")))
        var kinds = Set<String>()
        var lines = 0
        let compact = CompactJSONEncoder()
        let foundation = EventJSON.encoder()
        var differing: [Int64] = []
        try store.forEachEventWithPrevious { stored, previous in
            kinds.insert(stored.kind)
            let event = EventJSON(stored, previous: previous)
            if try compact.encode(event) != foundation.encode(event) { differing.append(stored.seq) }
            lines += 1
        }
        #expect(differing.isEmpty, "events written differently: \(differing)")
        #expect(lines >= 8)
        #expect(kinds.isSuperset(of: ["profileSet", "customerAdded", "customerEdited", "confirmed", "requested", "noted", "voided", "withdrawn"]))
    }
}
