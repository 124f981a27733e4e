import ConsentModel
import Foundation
import Testing
@testable import ConsentStore
import TestSupport

/// The store's answers for the list (status, days waiting, counts) against the model's
/// evaluation of every customer on the store's day.
func expectListMatchesModel(_ store: ConsentStore, on day: Day, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let evaluator = ConsentEvaluator(profile: try store.profile(), catalog: try store.catalog(), day: day)
    let page = try store.listPage(ListQuery(), limit: 100_000)
    var counts: [ConsentStatus: Int] = [:]
    for row in page.rows {
        let report = evaluator.status(of: row.customer, today: day)
        #expect(row.status == report.status, "\(row.customer.companyName)", sourceLocation: sourceLocation)
        #expect(row.daysWaiting == report.daysWaiting, "\(row.customer.companyName)", sourceLocation: sourceLocation)
        counts[report.status, default: 0] += 1
    }
    #expect(try store.statusCounts() == counts, sourceLocation: sourceLocation)
    #expect(try store.verify().isValid, sourceLocation: sourceLocation)
}

@Suite("The list in the store: materialised status, search, verify")
struct ListProjectionTests {
    @Test func theStoredStatusIsTheModelsAfterEveryKindOfEvent() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try expectListMatchesModel(store, on: today)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        #expect(try store.statusCounts()[.confirmed] == 1)
        try expectListMatchesModel(store, on: today)
        try store.execute(.request(tenantId: tenantB, RequestDraft(sentTo: "it@bjcloud.cn", date: "2026-11-20")))
        let requested = try store.listPage(ListQuery(status: .status(.requested)), limit: 10)
        #expect(requested.rows.map(\.customer.tenantId) == [tenantB])
        #expect(requested.rows.first?.daysWaiting == 5)
        try expectListMatchesModel(store, on: today)
        try store.execute(.withdraw(tenantId: tenantA, WithdrawalDraft(date: "2026-11-24", reason: "Customer left")))
        #expect(try store.listPage(ListQuery(status: .status(.withdrawn)), limit: 10).total == 1)
        try expectListMatchesModel(store, on: today)
        // An edit that moves the customer to a national cloud: not applicable.
        try store.execute(.editCustomer(tenantId: tenantB, CustomerDraft(tenantId: tenantB, companyName: "北京云端科技有限公司",
                                                                          domains: "bjcloud.cn", country: "CN", cloud: "china21Vianet")))
        #expect(try store.statusCounts()[.notApplicable] == 1)
        try expectListMatchesModel(store, on: today)
        try store.execute(.confirm(tenantId: tenantA, ConfirmationDraft(dateAgreed: "2026-11-25", firstName: "Anna", lastName: "Smith",
                                                                        email: "anna@contoso.com")))
        #expect(try store.statusCounts()[.confirmed] == 1)
        try expectListMatchesModel(store, on: today)
    }

    @Test func catalogueAndProfileChangesReevaluateEveryCustomer() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        #expect(try store.statusCounts()[.confirmed] == 1)
        // A newer template of the required type: the confirmation becomes outdated.
        try store.execute(.addTemplate(TemplateDraft(templateId: "11111111-2222-4333-8444-555555555555", agreementLink: "https://example.com/mca",
                                                     versionRank: "99", effectiveDate: "2026-11-01")))
        #expect(try store.statusCounts()[.outdated] == 1)
        try expectListMatchesModel(store, on: today)
        try store.execute(.retireTemplate(templateId: "11111111-2222-4333-8444-555555555555"))
        #expect(try store.statusCounts()[.confirmed] == 1)
        try expectListMatchesModel(store, on: today)
        // A re-acceptance cut-off after the confirmation: outdated again.
        try store.execute(.setProfile(ProfileDraft(name: "Northwind", tenantId: "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                                                   domains: "northwind.example", role: "indirectProvider", defaultUserId: "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f",
                                                   reacceptanceCutoff: "2026-11-22")))
        #expect(try store.statusCounts()[.outdated] == 1)
        try expectListMatchesModel(store, on: today)
    }

    @Test func aTemplateTakesOverOnItsEffectiveDateAndDaysWaitingCountAcrossMidnight() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        try store.execute(.request(tenantId: tenantB, RequestDraft(sentTo: "it@bjcloud.cn", date: "2026-11-22")))
        try store.execute(.addTemplate(TemplateDraft(templateId: "66666666-7777-4888-8999-aaaaaaaaaaaa", agreementLink: "https://example.com/mca",
                                                     versionRank: "99", effectiveDate: "2026-11-26")))
        // Upcoming today: the confirmation still counts.
        #expect(try store.statusCounts()[.confirmed] == 1)
        try expectListMatchesModel(store, on: today)
        let tomorrow = today.adding(days: 1)
        let location = StoreLocation(path: dir.path)
        // A read-only desk on the new day may not write the new statuses: it says so.
        let reader = try ConsentStore(location: location, clock: FixedClock(tomorrow, hour: 0, minute: 1), mode: .readOnly)
        #expect(try reader.listIsCurrent() == false)
        #expect(try reader.forEachListed(ListQuery()) { _, _ in } == nil)
        // The first desk to read on the new day brings the stored statuses up to it.
        let desk = try ConsentStore(location: location, clock: FixedClock(tomorrow, hour: 0, minute: 1))
        #expect(try desk.statusCounts()[.outdated] == 1)
        let waiting = try desk.listPage(ListQuery(status: .status(.requested)), limit: 5)
        #expect(waiting.rows.first?.daysWaiting == 4)
        try expectListMatchesModel(desk, on: tomorrow)
        #expect(try reader.listIsCurrent())
        // A desk whose clock is still on the day before never takes the stored day back: the
        // statuses stay the new day's (two desks would otherwise re-evaluate everyone by turns).
        #expect(try store.statusCounts()[.outdated] == 1)
        try store.execute(.note(tenantId: tenantA, text: "Called"))
        #expect(try desk.statusCounts()[.outdated] == 1)
        try expectListMatchesModel(desk, on: tomorrow)
    }

    @Test func verifyCatchesATamperedMaterialisedStatus() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        try store.execute(.withdraw(tenantId: tenantA, WithdrawalDraft(date: "2026-11-24", reason: "Customer left")))
        #expect(try store.verify().isValid)
        // Someone marks the withdrawn customer confirmed in the list without an event.
        let confirmed = ConsentStatus.allCases.firstIndex(of: .confirmed) ?? 0
        let tamper = try sqlite(store.location.file.path, "UPDATE customers SET status = \(confirmed) WHERE tenantId = '\(tenantA)';")
        #expect(tamper.status == 0, "\(tamper.stderr)")
        let report = try store.verify()
        #expect(!report.isValid)
        #expect(report.description.contains("status"))
        #expect(report.description.contains(tenantA))
    }

    @Test func searchThroughTheIndexEqualsTheModelsFilterOnADemoStore() throws {
        let dir = TemporaryDirectory()
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock)
        try store.loadDemo(DemoGenerator(customers: 1_500, seed: 7, today: today))
        let profile = try store.profile()
        var folded: [String: String] = [:]
        _ = try store.readCustomers { customer, _ in folded[customer.tenantId] = CustomerSearch.folded(customer, profile: profile) }
        let queries = ["contoso", "CONTOSO", "ＣＯＮＴＯＳＯ", "muller", "MÜLLER", "zurich", "Île", "sao paulo", "北京", "北",
                       "云端科技", "東京", "서울", "o", "co", "ab", "tailspin", "星云", "r-200", "anna.", "crm-1000", "gmbh",
                       "  fabrikam  ", "\"", "a\"b", "xyz-nothing", ""]
        for text in queries {
            let needle = CustomerSearch.query(text)
            let expected = Set(folded.filter { CustomerSearch.matches($0.value, query: needle) }.keys)
            var found = Set<String>()
            try #require(try store.forEachListed(ListQuery(search: text)) { row, _ in found.insert(row.customer.tenantId) } != nil)
            #expect(found == expected, "search \(text): \(found.count) found, \(expected.count) expected")
            #expect(try store.listCount(ListQuery(search: text)) == expected.count)
        }
        // With a status filter, the search narrows that status only.
        let blocked = try store.listPage(ListQuery(status: .group(.blocked), search: "gmbh"), limit: 100_000)
        #expect(blocked.rows.allSatisfy { $0.status.blocksNewPurchases && folded[$0.customer.tenantId]?.contains("gmbh") == true })
        #expect(blocked.total == blocked.rows.count && blocked.total > 0)
    }

    @Test func anOlderStoreIsMigratedWithItsStatusesFilledIn() throws {
        let dir = TemporaryDirectory()
        let file: String
        do {
            let store = try makeStore(dir)
            try store.execute(.confirm(tenantId: tenantA, anna()))
            try store.execute(.request(tenantId: tenantB, RequestDraft(sentTo: "it@bjcloud.cn", date: "2026-11-20")))
            file = store.location.file.path
        }
        // Take the store back to schema v4: no list columns, no search index.
        let columns = ListProjection.columns.map { "ALTER TABLE customers DROP COLUMN \($0);" }.joined()
        let back = try sqlite(file, """
            \(FollowUpListTests.backToV6)
            DROP TRIGGER customers_search_insert; DROP TRIGGER customers_search_delete; DROP TRIGGER customers_search_update;
            DROP TABLE customer_search;
            DROP INDEX customers_status_count; DROP INDEX customers_status; DROP INDEX customers_domain; DROP INDEX customers_country; DROP INDEX customers_cloud;
            DROP INDEX customers_reseller; DROP INDEX customers_agreement; DROP INDEX customers_date; DROP INDEX customers_contact;
            DROP INDEX customers_sort_company;
            \(columns)
            DELETE FROM meta WHERE key = 'statusDay';
            DELETE FROM grdb_migrations WHERE identifier IN ('v5-list-in-the-store', 'v6-folded-sort-keys', 'v9-status-count-index');
            """)
        #expect(back.status == 0, "\(back.stderr)")
        // Read-only, the older store is read as it is: the list is evaluated by the caller.
        let reader = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, mode: .readOnly)
        #expect(try reader.listIsCurrent() == false)
        // Opened to write, it is migrated and every status filled in.
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock)
        #expect(try store.statusCounts() == [.confirmed: 1, .requested: 1])
        #expect(try store.listCount(ListQuery(search: "contoso")) == 1)
        try expectListMatchesModel(store, on: today)
    }
}
