import ConsentModel
import Foundation
import Testing
@testable import ConsentStore
import TestSupport

/// Names sort where a reader looks for them (issue 14.3), and the status sort puts the
/// most urgent first (14.10).
@Suite("Sorting on folded keys and by urgency")
struct SortKeyTests {
    static let names = ["Graphic Design Ltd", "Göteborg Energi AB", "Southridge Video", "São Paulo Têxtil",
                        "Île-de-France Média", "Iris Labs", "Øresund Logistics", "Oslo Fjord AS", "Čeština Software",
                        "Contoso Ltd", "Woodgrove Bank", "Ærø Shipping", "Straße Motors", "ｗｉｄｅ Corp"]

    /// A store holding a customer per name (tenant ids in order of `names`).
    func store(_ dir: TemporaryDirectory) throws -> ConsentStore {
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, actor: StoreActor(userId: "", employee: "amy"))
        for (index, name) in Self.names.enumerated() {
            let id = String(format: "%08x-0000-4000-8000-%012x", index + 1, index + 1)
            try store.execute(.addCustomer(CustomerDraft(tenantId: id, companyName: name, domains: "c\(index).example", country: "DE")))
        }
        return store
    }

    @Test func accentedAndSpecialLettersSortWithTheirBaseLetter() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        let shown = try store.listPage(ListQuery(), limit: 100).rows.map(\.customer.companyName)
        func before(_ a: String, _ b: String) -> Bool {
            guard let x = shown.firstIndex(of: a), let y = shown.firstIndex(of: b) else { return false }
            return x < y
        }
        // "Göteborg" with G (before "Graphic"), "São Paulo" with S (before "Southridge"),
        // "Île-de-France" with I, "Øresund" with O, "Čeština" with C, not after "Woodgrove".
        #expect(before("Göteborg Energi AB", "Graphic Design Ltd"))
        #expect(before("Contoso Ltd", "Göteborg Energi AB"))
        #expect(before("São Paulo Têxtil", "Southridge Video"))
        #expect(before("Île-de-France Média", "Iris Labs"))
        #expect(before("Øresund Logistics", "Oslo Fjord AS") && before("Oslo Fjord AS", "São Paulo Têxtil"))
        #expect(before("Čeština Software", "Contoso Ltd"))
        #expect(before("Ærø Shipping", "Čeština Software"))
        #expect(before("Straße Motors", "Woodgrove Bank") && before("Southridge Video", "Straße Motors"))
        #expect(before("Woodgrove Bank", "ｗｉｄｅ Corp") == false && before("ｗｉｄｅ Corp", "Woodgrove Bank"))
        // Descending is the exact reverse, and paging by cursor agrees with offsets.
        let reversed = try store.listPage(ListQuery(ascending: false), limit: 100).rows.map(\.customer.companyName)
        #expect(reversed == shown.reversed())
        let first = try store.listPage(ListQuery(), limit: 5).rows
        let next = try store.listPage(ListQuery(), from: .after(try #require(first.last).cursor), limit: 5).rows
        #expect((first + next).map(\.customer.companyName) == Array(shown.prefix(10)))
    }

    @Test func theFoldedKeyFoldsCaseAccentsWidthAndLettersWithoutADecomposition() {
        #expect(ListProjection.sortKey("Göteborg") == "goteborg")
        #expect(ListProjection.sortKey("São Paulo") == "sao paulo")
        #expect(ListProjection.sortKey("Île-de-France") == "ile-de-france")
        #expect(ListProjection.sortKey("Øresund") == "oresund")
        #expect(ListProjection.sortKey("Čeština") == "cestina")
        #expect(ListProjection.sortKey("Ærø") == "aero")
        #expect(ListProjection.sortKey("Straße") == "strasse")
        #expect(ListProjection.sortKey("ＡＢＣ") == "abc")
        #expect(ListProjection.sortKey("北京云端") == "北京云端")
    }

    @Test func theStatusSortPutsTheBlockedKindsFirstAndNotApplicableLast() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.execute(.addCustomer(CustomerDraft(tenantId: "cccccccc-0000-4000-8000-000000000003", companyName: "Gov Cloud Inc",
                                                     domains: "gov.example", country: "US", cloud: "usGovernment")))
        try store.execute(.confirm(tenantId: tenantA, anna()))
        let statuses = try store.listPage(ListQuery(sort: .status), limit: 10).rows.map(\.status)
        #expect(statuses == [.missing, .confirmed, .notApplicable])
        let descending = try store.listPage(ListQuery(sort: .status, ascending: false), limit: 10).rows.map(\.status)
        #expect(descending == [.notApplicable, .confirmed, .missing])
        #expect(ListProjection.urgency == [.withdrawn, .missing, .requested, .outdated, .confirmed, .notApplicable])
    }

    @Test func aStoreWithByteOrderKeysIsMigratedToFoldedKeys() throws {
        let dir = TemporaryDirectory()
        let file: String
        do {
            let store = try store(dir)
            file = store.location.file.path
        }
        // Take the store back to schema v5: raw sort keys, no folded company, ranks in
        // declaration order (not applicable first).
        let back = try sqlite(file, """
            \(FollowUpListTests.backToV6)
            DROP INDEX customers_sort_company; DROP INDEX customers_status; DROP INDEX customers_domain; DROP INDEX customers_country;
            DROP INDEX customers_cloud; DROP INDEX customers_reseller; DROP INDEX customers_agreement; DROP INDEX customers_date;
            DROP INDEX customers_contact;
            ALTER TABLE customers DROP COLUMN kCompany;
            UPDATE customers SET kDomain = 'X' || kDomain, status = 0;
            CREATE INDEX customers_status ON customers(status, companyName, tenantId);
            DELETE FROM grdb_migrations WHERE identifier = 'v6-folded-sort-keys';
            """)
        #expect(back.status == 0, "\(back.stderr)")
        // Read-only, the older store is not read as if it had this version's columns.
        let reader = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, mode: .readOnly)
        #expect(try reader.listIsCurrent() == false)
        // Opened to write, the keys are rebuilt: folded order, statuses ranked again.
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock)
        let shown = try store.listPage(ListQuery(), limit: 100).rows.map(\.customer.companyName)
        #expect(shown.firstIndex(of: "Göteborg Energi AB")! < shown.firstIndex(of: "Graphic Design Ltd")!)
        #expect(try store.listPage(ListQuery(sort: .domain), limit: 1).rows.first?.customer.primaryDomain == "c0.example")
        #expect(try store.statusCounts() == [.missing: Self.names.count])
        #expect(try store.verify().isValid)
    }
}
