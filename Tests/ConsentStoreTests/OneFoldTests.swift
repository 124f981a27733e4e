import ConsentModel
import Foundation
import Testing
@testable import ConsentStore
import TestSupport

/// Search folded less than sort (issue #23): "oresund" found nothing while "Øresund" sorted
/// with O; "ﬁ" found nothing. One fold (`TextFold`) now makes the stored search text and the
/// sort keys, an older store is migrated to it, and the list search and the customer matcher agree.
@Suite("One fold in the store: search, sort and matching agree")
struct OneFoldTests {
    static let names = ["Øresund Logistics", "Oslo Fjord AS", "ﬁnance Partners", "Finance Hub", "Straße Motors", "Ærø Shipping",
                        "Œuvre Conseil", "Łódź Textiles", "ＷＩＤＥ Corp", "北京云端科技有限公司", "Göteborg Energi AB"]

    static func id(_ index: Int) -> String { String(format: "%08x-0000-4000-8000-%012x", index + 1, index + 1) }

    func store(_ dir: TemporaryDirectory) throws -> ConsentStore {
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, actor: StoreActor(userId: "", employee: "amy"))
        for (index, name) in Self.names.enumerated() {
            try store.execute(.addCustomer(CustomerDraft(tenantId: Self.id(index), companyName: name, domains: "c\(index).example", country: "DE")))
        }
        return store
    }

    func found(_ store: ConsentStore, _ search: String) throws -> Set<String> {
        Set(try store.listPage(ListQuery(search: search), limit: 100).rows.map(\.customer.companyName))
    }

    @Test func searchFoldsLettersWithoutADecompositionLigaturesAndWidthAsSortDoes() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        #expect(try found(store, "oresund") == ["Øresund Logistics"])
        #expect(try found(store, "Øresund") == ["Øresund Logistics"])
        // Two letters (a substring test) and more (the trigram index) agree: "fi" and "ﬁ" find both.
        for typed in ["fi", "ﬁ", "finance", "ﬁnance", "FINANCE"] {
            #expect(try found(store, typed) == ["ﬁnance Partners", "Finance Hub"], "\(typed)")
        }
        #expect(try found(store, "strasse") == ["Straße Motors"])
        #expect(try found(store, "straße") == ["Straße Motors"])
        #expect(try found(store, "aero") == ["Ærø Shipping"])
        #expect(try found(store, "ærø") == ["Ærø Shipping"])
        #expect(try found(store, "oeuvre") == ["Œuvre Conseil"])
        #expect(try found(store, "lodz") == ["Łódź Textiles"])
        #expect(try found(store, "wide corp") == ["ＷＩＤＥ Corp"])
        #expect(try found(store, "ｗｉｄｅ") == ["ＷＩＤＥ Corp"])
        #expect(try found(store, "北京") == ["北京云端科技有限公司"])
        #expect(try found(store, "云端科技") == ["北京云端科技有限公司"])
        #expect(try store.verify().isValid)
    }

    @Test func whatSortsWithALetterIsFoundByIt() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        // Each name is found by the key it sorts by, and sorts where its key says.
        let rows = try store.listPage(ListQuery(), limit: 100).rows
        for row in rows {
            let key = ListQuery.companyKey(row.customer.companyName)
            #expect(try found(store, key).contains(row.customer.companyName), "\(row.customer.companyName) by \(key)")
            #expect(try store.resolve(key).tenantId == row.customer.tenantId, "\(key)")
        }
        let keys = rows.map { ListQuery.companyKey($0.customer.companyName) }
        #expect(keys == keys.sorted())
        let shown = rows.map(\.customer.companyName)
        #expect(try #require(shown.firstIndex(of: "Øresund Logistics")) < #require(shown.firstIndex(of: "Oslo Fjord AS")))
    }

    @Test func aStoreSearchedWithTheOlderFoldIsMigratedAndTheHistoryIsNotTouched() throws {
        let dir = TemporaryDirectory()
        let file: String
        do {
            let store = try store(dir)
            try store.execute(.note(tenantId: Self.id(0), text: "Ring Øystein"))
            file = store.location.file.path
        }
        let events = "SELECT COUNT(*), group_concat(hash, ',') FROM (SELECT hash FROM events ORDER BY seq)"
        let historyBefore = try sqlite(file, events).stdout
        // Back to schema v9: the search text as the older fold made it (ø, æ, ß, œ, ł and the
        // ligature kept), the index built from it.
        let back = try sqlite(file, """
            UPDATE customers SET sText = replace(replace(replace(replace(replace(replace(sText,
                'oresund', 'øresund'), 'finance partners', 'ﬁnance partners'), 'strasse', 'straße'), 'aero', 'ærø'),
                'oeuvre', 'œuvre'), 'oystein', 'øystein');
            INSERT INTO customer_search (customer_search) VALUES ('rebuild');
            DELETE FROM grdb_migrations WHERE identifier = 'v10-one-fold';
            """)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try sqlite(file, "SELECT COUNT(*) FROM customer_search WHERE customer_search MATCH '\"oresund\"'").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        // Read-only, the older store is searched in Swift with the one fold.
        let reader = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, mode: .readOnly)
        #expect(try reader.listIsCurrent() == false)
        #expect(try reader.resolve("oresund").tenantId == Self.id(0))
        #expect(try reader.verify().isValid)
        // Opened to write, it is migrated: the index finds what the fold finds.
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock)
        #expect(try found(store, "oresund") == ["Øresund Logistics"])
        #expect(try found(store, "oystein") == ["Øresund Logistics"])
        #expect(try found(store, "finance") == ["ﬁnance Partners", "Finance Hub"])
        #expect(try found(store, "strasse") == ["Straße Motors"])
        #expect(try found(store, "aero") == ["Ærø Shipping"])
        #expect(try store.verify().isValid)
        #expect(try sqlite(file, events).stdout == historyBefore)
    }

    @Test func severalMatchesNameEachByDomainCountryAndTenantIdAndAnExactOneActs() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let de = "dddddddd-0000-4000-8000-000000000004"
        try store.execute(.addCustomer(CustomerDraft(tenantId: de, companyName: "Contoso Ltd", domains: "contoso.de", country: "DE")))
        try store.execute(.confirm(tenantId: tenantA, anna()))
        let refusal = #expect(throws: StoreError.self) { _ = try store.resolve("contoso") }
        let text = try #require(refusal).description
        #expect(text.contains("(2 customers)"), "\(text)")
        let lines = text.split(separator: "\n")
        let us = try #require(lines.first { $0.contains(tenantA) })
        let german = try #require(lines.first { $0.contains(de) })
        #expect(us.contains("Contoso Ltd") && us.contains("contoso.com") && us.contains("US"))
        #expect(german.contains("Contoso Ltd") && german.contains("contoso.de") && german.contains("DE"))
        #expect(try store.resolve("https://contoso.de/").tenantId == de)
        #expect(try store.resolve("CONTOSO.COM").tenantId == tenantA)
        #expect(try store.resolve("anna@contoso.com").tenantId == tenantA)
        #expect(try store.resolve("mailto:anna@contoso.com").tenantId == tenantA)
        #expect(try store.resolve("dddddddd").tenantId == de)
        #expect(try found(store, "https://www.contoso.de/impressum") == ["Contoso Ltd"])
        #expect(try found(store, "anna@contoso.com") == ["Contoso Ltd"])
        #expect(throws: StoreError.unknownCustomer("fabrikam")) { try store.resolve("fabrikam") }
    }
}
