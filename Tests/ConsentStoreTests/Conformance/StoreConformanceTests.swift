import ConsentModel
import ConsentStore
import Foundation
import Testing
import TestSupport

/// The store seam's behaviour, written against the protocols only (`DeskStore` and the
/// protocols it joins) and run against every implementation in `StoreImplementation.all`.
/// Whatever backs the store, a desk sees the same numbering, chain, refusals, list, history,
/// log and verify.
@Suite("Every store implementation behaves the same")
struct StoreConformanceTests {
    static let day = Day(year: 2026, month: 11, day: 25)!
    static let clock = FixedClock(day, hour: 10)
    static let contoso = "aaaaaaaa-0000-4000-8000-000000000001"
    static let fabrikam = "bbbbbbbb-0000-4000-8000-000000000002"
    static let userId = "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f"

    /// A fresh store of `implementation` with the partner's profile and customers `names`
    /// (tenant ids from `tenant(_:)`), written by "amy".
    static func store(_ implementation: StoreImplementation, _ dir: TemporaryDirectory,
                      customers names: [String] = ["Contoso Ltd", "Fabrikam Inc"]) throws -> any DeskStore {
        let store = try implementation.open(dir, clock, StoreActor(userId: "", employee: "amy"))
        try store.execute(.setProfile(ProfileDraft(name: "Northwind", tenantId: "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                                                   domains: "northwind.example", role: "indirectProvider", defaultUserId: userId)))
        for (index, name) in names.enumerated() {
            let domain = name.split(separator: " ")[0].lowercased() + ".example"
            try store.execute(.addCustomer(CustomerDraft(tenantId: tenant(index), companyName: name, domains: domain, country: "US")))
        }
        return store
    }

    static func tenant(_ index: Int) -> String {
        switch index {
        case 0: return contoso
        case 1: return fabrikam
        default: return String(format: "cccccccc-0000-4000-8000-%012d", index)
        }
    }

    static func anna(_ date: String = "2026-11-20") -> ConfirmationDraft {
        ConfirmationDraft(dateAgreed: date, firstName: "Anna", lastName: "Smith", email: "anna@contoso.example")
    }

    /// Every event of the store, oldest first.
    static func events(_ store: any DeskStore) throws -> [StoredEvent] {
        var all: [StoredEvent] = []
        try store.forEachEvent { all.append($0) }
        return all
    }

    @Test(arguments: StoreImplementation.all)
    func anAppendedConfirmationIsReadBackWithWhoRecordedIt(_ implementation: StoreImplementation) throws {
        let dir = TemporaryDirectory()
        let store = try Self.store(implementation, dir)
        let outcome = try store.execute(.confirm(tenantId: Self.contoso.uppercased(), Self.anna()))
        let seq = try #require(outcome.seq)
        let (customer, lastSeq) = try #require(try store.customer(Self.contoso.uppercased()))
        #expect(lastSeq == seq)
        #expect(customer.companyName == "Contoso Ltd")
        #expect(customer.confirmation?.contact.fullName == "Anna Smith")
        #expect(customer.confirmation?.employee == "amy")
        #expect(customer.confirmation?.partnerUserId == Self.userId)
        #expect(try store.resolve("contoso.example").tenantId == Self.contoso)
        #expect(try store.resolve("Fabrikam Inc").tenantId == Self.fabrikam)
    }

    @Test(arguments: StoreImplementation.all)
    func eventsAreNumberedWithoutGapsAndEachChainsToTheOneBefore(_ implementation: StoreImplementation) throws {
        let dir = TemporaryDirectory()
        let store = try Self.store(implementation, dir)
        try store.execute(.confirm(tenantId: Self.contoso, Self.anna()))
        try store.execute(.note(tenantId: Self.fabrikam, text: "called twice"))
        let events = try Self.events(store)
        #expect(events.map(\.seq) == Array(1...Int64(events.count)))
        #expect(events.first?.previousHash == EventChain.genesis)
        for (before, after) in zip(events, events.dropFirst()) {
            #expect(after.previousHash == before.hash, "event \(after.seq) chains to \(before.seq)")
        }
        let head = try store.head()
        #expect(head.seq == events.last?.seq)
        #expect(head.hash == events.last?.hash)
        #expect(try store.headSeq() == head.seq)
        #expect(events.allSatisfy { $0.employee == "amy" && $0.at == Self.clock.now() })
    }

    @Test(arguments: StoreImplementation.all)
    func aWriteTheRulesRefuseStoresNothing(_ implementation: StoreImplementation) throws {
        let dir = TemporaryDirectory()
        let store = try Self.store(implementation, dir)
        let before = try store.head()
        // A customer added twice, a confirmation for a customer the store does not know, and
        // a confirmation agreed in the future: each refused by the model's rules.
        #expect(throws: StoreError.self) {
            try store.execute(.addCustomer(CustomerDraft(tenantId: Self.contoso, companyName: "Contoso again",
                                                         domains: "contoso2.example", country: "US")))
        }
        #expect(throws: StoreError.self) {
            try store.execute(.confirm(tenantId: "dddddddd-0000-4000-8000-000000000009", Self.anna()))
        }
        #expect(throws: StoreError.self) { try store.execute(.confirm(tenantId: Self.contoso, Self.anna("2027-01-01"))) }
        // All or nothing: one refused command of several writes none of them.
        let bulk = try store.executeAll([.confirm(tenantId: Self.fabrikam, Self.anna()),
                                         .confirm(tenantId: Self.contoso, Self.anna("2027-01-01"))])
        #expect(!bulk.wrote)
        #expect(try store.head() == before)
        #expect(try store.customer(Self.contoso)?.customer.companyName == "Contoso Ltd")
        #expect(try store.customer(Self.fabrikam)?.customer.confirmation == nil)
    }

    @Test(arguments: StoreImplementation.all)
    func aSaveExpectingAnOlderCustomerIsRefusedAsAConflict(_ implementation: StoreImplementation) throws {
        let dir = TemporaryDirectory()
        let store = try Self.store(implementation, dir)
        let seen = try #require(try store.customer(Self.contoso)).lastSeq
        try store.execute(.confirm(tenantId: Self.contoso, Self.anna()))
        let head = try store.head()
        #expect {
            try store.execute(.note(tenantId: Self.contoso, text: "late"), expectingCustomerSeq: seen, progress: nil)
        } throws: { error in
            guard case StoreError.conflict = error else { return false }
            return true
        }
        #expect(try store.head() == head)
    }

    @Test(arguments: StoreImplementation.all)
    func theListPagesCountsAndSearchesTheCustomers(_ implementation: StoreImplementation) throws {
        let dir = TemporaryDirectory()
        let names = ["Contoso Ltd", "Fabrikam Inc", "Göteborg Energi", "Adatum Corp", "Tailspin Toys"]
        let store = try Self.store(implementation, dir, customers: names)
        try store.execute(.confirm(tenantId: Self.contoso, Self.anna()))
        let all = ListQuery()
        let first = try store.listPage(all, limit: 2)
        #expect(first.total == 5)
        #expect(first.rows.map(\.customer.companyName) == ["Adatum Corp", "Contoso Ltd"])
        let cursor = try #require(first.rows.last?.cursor)
        let second = try store.listPage(all, from: .after(cursor), limit: 2)
        #expect(second.rows.map(\.customer.companyName) == ["Fabrikam Inc", "Göteborg Energi"])
        #expect(try store.listPage(all, from: .offset(4), limit: 2).rows.map(\.customer.companyName) == ["Tailspin Toys"])
        #expect(try store.listCount(all) == 5)
        // Search folds as the model folds: "goteborg" finds "Göteborg".
        #expect(try store.listPage(ListQuery(search: "goteborg"), limit: 10).rows.map(\.customer.companyName) == ["Göteborg Energi"])
        #expect(try store.listCount(ListQuery(status: .status(.confirmed))) == 1)
        let counts = try store.statusCounts()
        #expect(counts[.confirmed] == 1)
        #expect(counts.values.reduce(0, +) == 5)
        #expect(try store.position(of: Self.fabrikam, in: all) == 2)
        #expect(try store.listTenantIds(ListQuery(search: "contoso"), limit: 10) == [Self.contoso])
        let window = try store.listWindow(all, at: .following(Self.fabrikam, fallback: 0), limit: 3, counting: true,
                                          knownTotal: nil, progress: nil)
        #expect(window.total == 5)
        let selected = try #require(window.selected)
        #expect(window.rows[selected - window.start].customer.tenantId == Self.fabrikam)
        #expect(window.counts?[.confirmed] == 1)
    }

    @Test(arguments: StoreImplementation.all)
    func aCustomersHistoryHoldsItsOwnEventsInOrder(_ implementation: StoreImplementation) throws {
        let dir = TemporaryDirectory()
        let store = try Self.store(implementation, dir)
        try store.execute(.request(tenantId: Self.contoso, RequestDraft(sentTo: "it@contoso.example", date: "2026-11-10")))
        try store.execute(.confirm(tenantId: Self.fabrikam, Self.anna()))
        try store.execute(.confirm(tenantId: Self.contoso, Self.anna()))
        let history = try store.history(of: Self.contoso.uppercased())
        #expect(history.map(\.kind) == ["customerAdded", "requested", "confirmed"])
        #expect(history.allSatisfy { $0.customer == Self.contoso })
        #expect(history.map(\.seq) == history.map(\.seq).sorted())
        #expect(try history.last?.event().tenantId == Self.contoso)
        // The customer's master data before an edit: what the log says the edit changed.
        try store.execute(.editCustomer(tenantId: Self.contoso, CustomerDraft(tenantId: Self.contoso, companyName: "Contoso Group",
                                                                             domains: "contoso.example", country: "US")))
        let edit = try #require(try store.history(of: Self.contoso).last)
        #expect(edit.kind == "customerEdited")
        #expect(try store.customerBefore(edit.seq, of: Self.contoso)?.companyName == "Contoso Ltd")
        #expect(try store.customer(Self.contoso)?.customer.companyName == "Contoso Group")
        #expect(try store.customer(Self.contoso)?.customer.confirmation?.contact.fullName == "Anna Smith")
    }

    @Test(arguments: StoreImplementation.all)
    func theLogReadsNewestFirstAndFilters(_ implementation: StoreImplementation) throws {
        let dir = TemporaryDirectory()
        let store = try Self.store(implementation, dir)
        try store.execute(.confirm(tenantId: Self.contoso, Self.anna()))
        try store.execute(.note(tenantId: Self.fabrikam, text: "called"))
        let page = try store.activity(ActivityQuery(limit: 2))
        #expect(page.map(\.event.kind) == ["noted", "confirmed"])
        #expect(page.map(\.companyName) == ["Fabrikam Inc", "Contoso Ltd"])
        let older = try store.activity(ActivityQuery(before: page.last?.event.seq, limit: 100))
        #expect(older.count == 3)
        #expect(try store.activity(ActivityQuery(customer: Self.contoso)).map(\.event.kind) == ["confirmed", "customerAdded"])
        #expect(try store.activity(ActivityQuery(employee: "AMY")).count == 5)
        #expect(try store.activity(ActivityQuery(employee: "bo")).isEmpty)
        var seen: [(Int64, Customer?)] = []
        let head = try store.forEachEventWithPrevious { seen.append(($0.seq, $1)) }
        #expect(seen.map(\.0) == Array(1...5))
        #expect(head == (try store.head()))
    }

    @Test(arguments: StoreImplementation.all)
    func aGoodStoreVerifiesAndKeepsItsIdentity(_ implementation: StoreImplementation) throws {
        let dir = TemporaryDirectory()
        let store = try Self.store(implementation, dir)
        let identity = try #require(try store.identity())
        try store.execute(.confirm(tenantId: Self.contoso, Self.anna()))
        let report = try store.verify()
        #expect(report.isValid, "\(report.description)")
        let head = try store.head()
        #expect(report.eventsChecked == Int(head.seq))
        #expect(report.headHash == head.hash)
        #expect(try store.verify(expecting: ExpectedHead(seq: head.seq, hash: head.hash), full: false, progress: nil).isValid)
        #expect(try store.identity() == identity)
    }

    @Test(arguments: StoreImplementation.all)
    func whatChangedSinceAHeadIsReadWithoutTheWholeList(_ implementation: StoreImplementation) throws {
        let dir = TemporaryDirectory()
        let store = try Self.store(implementation, dir)
        let seen = try store.headSeq()
        try store.execute(.confirm(tenantId: Self.contoso, Self.anna()))
        let changes = try store.listChanges(since: seen)
        #expect(changes.headSeq == seen + 1)
        #expect(changes.customersTouched == 1)
        #expect(changes.profile.name == "Northwind")
        // The app's start: the head, profile and catalogue, no customer read or counted.
        let start = try store.snapshot(limit: 0)
        #expect(start.headSeq == seen + 1)
        #expect(start.customers.isEmpty)
        let full = try store.snapshot()
        #expect(full.totalCustomers == 2)
        #expect(full.customers.map(\.companyName) == ["Contoso Ltd", "Fabrikam Inc"])
        #expect(full.lastSeqs[Self.contoso] == seen + 1)
    }
}
