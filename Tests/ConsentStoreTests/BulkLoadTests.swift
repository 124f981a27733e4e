import ConsentModel
import Foundation
import GRDB
import Testing
@testable import ConsentStore
import TestSupport

/// The fast bulk paths (the demo made on a second core, imports written in chunks with only
/// the changed columns) write exactly what the one-by-one paths write, all or nothing.
@Suite("Bulk loads: demo and large imports")
struct BulkLoadTests {
    func tenant(_ n: Int) -> String { String(format: "dddddddd-0000-4000-8000-%012d", n) }

    /// Everything a desk could notice in the file: the customers' rows, the renewals, what
    /// the search index finds, the indexes and the history.
    func fingerprint(_ file: String) throws -> String {
        try sqlite(file, """
            SELECT * FROM customers ORDER BY tenantId;
            SELECT * FROM customer_renewals ORDER BY tenantId, day;
            SELECT c.tenantId FROM customer_search s JOIN customers c ON c.rowid = s.rowid
                WHERE customer_search MATCH '"smith"' ORDER BY c.tenantId;
            SELECT name, sql FROM sqlite_master ORDER BY name;
            SELECT seq, hash FROM events ORDER BY seq;
            """).stdout
    }

    @Test func aDemoLoadWritesTheGeneratorsEventsInOrderAndTheStoreIsSearchableSortedAndVerifies() throws {
        let dir = TemporaryDirectory("bulk-demo")
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, actor: StoreActor(userId: "", employee: "amy"))
        let file = store.location.file.path
        let indexes = try sqlite(file, "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name").stdout
        // More customers than one batch between the two threads, and not a multiple of it.
        let generator = DemoGenerator(customers: 1_234, seed: 11, today: today)
        var reported: [(Int, Int)] = []
        let written = try store.loadDemo(generator) { reported.append(($0, $1)) }
        let expected = generator.events()
        #expect(written == expected.count)
        #expect(reported.last.map { [$0.0, $0.1] } == [1_234, 1_234])
        var stored: [ConsentEvent] = []
        try store.forEachEvent { stored.append(try $0.event()) }
        #expect(stored == expected)
        #expect(try sqlite(file, "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name").stdout == indexes)
        let report = try store.verify()
        #expect(report.isValid, "\(report)")
        #expect(report.eventsChecked == expected.count)
        // Every customer listed, sorted by company as the sort key says, and found by search.
        #expect(try store.listCount(ListQuery()) == 1_234)
        let page = try store.listPage(ListQuery(), limit: 1_234)
        let keys = page.rows.map { ListProjection.sortKey($0.customer.companyName) + "\u{0}" + $0.customer.tenantId }
        #expect(keys == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let someone = try #require(page.rows.first { $0.customer.confirmation != nil })
        let email = try #require(someone.customer.confirmation?.contact.email)
        #expect(try store.listTenantIds(ListQuery(search: email.uppercased()), limit: 10).contains(someone.customer.tenantId))
        #expect(try store.listCount(ListQuery(search: "云端")) > 0)
        // The search index, written along the load, holds every customer's text and nothing else.
        let check = try sqlite(file, """
            INSERT INTO customer_search (customer_search, rank) VALUES ('integrity-check', 1);
            SELECT COUNT(*) FROM customer_search_docsize;
            """)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1234")
        #expect(try store.listCount(ListQuery(search: "gmbh")) == page.rows.filter { $0.customer.companyName.contains("GmbH") }.count)
        // A second demo load is refused and changes nothing.
        let before = try fingerprint(file)
        #expect(throws: StoreError.self) { try store.loadDemo(DemoGenerator(customers: 10, seed: 1, today: today)) }
        #expect(try fingerprint(file) == before)
    }

    @Test func aLargeAttestationImportWhoseLastRowIsBadWritesNothingThenWholeKeepsSubscriptionsAndVerifies() throws {
        let dir = TemporaryDirectory("bulk-import")
        let store = try makeStore(dir)
        let file = store.location.file.path
        let indexes = try sqlite(file, "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name").stdout
        let count = 2_600
        let renewal = Subscription(id: "S-1", offer: "Microsoft 365 E3", seats: 7, autoRenew: true, renewalDate: Day(year: 2027, month: 2, day: 3))
        let added = try store.runBatch((0..<count).map { n in
            (n + 2, .addCustomer(CustomerDraft(tenantId: tenant(n), companyName: "Bulk \(n) GmbH", domains: "bulk\(n).example", country: "DE")))
        }, source: "customers.csv", mode: .allOrNothing)
        #expect(added.wrote)
        #expect(try store.executeAll((0..<count).filter { $0 % 3 == 0 }.map { .setSubscriptions(tenantId: tenant($0), [renewal]) }).wrote)
        let head = try store.headSeq()
        let before = try fingerprint(file)
        func row(_ n: Int, email: String? = nil) -> (line: Int, command: StoreCommand) {
            (n + 2, .importConfirmation(tenantId: tenant(n), domain: "bulk\(n).example", ConfirmationDraft(
                dateAgreed: "2026-11-20", firstName: "Anna", lastName: "Smith", email: email ?? "anna.smith@bulk\(n).example",
                agreementType: "MicrosoftCustomerAgreement")))
        }
        var rows = (0..<count).map { row($0) }
        rows.append(row(count - 1, email: "not an email"))
        let refused = try store.runBatch(rows, source: "attestations.csv", mode: .allOrNothing)
        #expect(!refused.wrote)
        #expect(refused.failures.map(\.line) == [count + 1])
        #expect(try store.headSeq() == head)
        #expect(try fingerprint(file) == before)
        #expect(try store.verify().isValid)

        let written = try store.runBatch(Array(rows.dropLast()), source: "attestations.csv", mode: .allOrNothing)
        #expect(written.wrote && written.eventsWritten == count)
        #expect(try store.listCount(ListQuery(search: "anna.smith@bulk2599")) == 1)
        #expect(try store.listCount(ListQuery(status: .status(.confirmed))) == count)
        // The subscriptions (and their renewal days) are as they were: a confirmation never changes them.
        let subscribed = try #require(try store.customer(tenant(300)))
        #expect(subscribed.customer.subscriptions == [renewal])
        #expect(subscribed.customer.confirmation?.contact.email == "anna.smith@bulk300.example")
        #expect(try sqlite(file, "SELECT COUNT(*) FROM customer_renewals").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            == String((0..<count).filter { $0 % 3 == 0 }.count))
        let report = try store.verify()
        #expect(report.isValid, "\(report)")
        #expect(try sqlite(file, "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name").stdout == indexes)
        // The same file again changes nothing.
        let again = try store.runBatch(Array(rows.dropLast()), source: "attestations.csv", mode: .allOrNothing)
        #expect(again.eventsWritten == 0 && again.unchanged == count)
    }

    @Test func aCustomersImportLongerThanOneChunkSeesItsOwnEarlierRowsAndVerifies() throws {
        let dir = TemporaryDirectory("bulk-chunks")
        let store = try makeStore(dir)
        let file = store.location.file.path
        let indexes = try sqlite(file, "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name").stdout
        // 6,000 new customers, then (past the first chunk of 5,000 written) rows that change
        // customers added in the first chunk: each row sees what the rows before it left.
        var rows: [(line: Int, command: StoreCommand)] = (0..<6_000).map { n in
            (n + 2, .addCustomer(CustomerDraft(tenantId: tenant(n), companyName: "Chunk \(n) Oy", domains: "chunk\(n).example", country: "FI")))
        }
        rows.append((6_002, .editCustomer(tenantId: tenant(7), CustomerDraft(tenantId: tenant(7), companyName: "Renamed Seven Oy",
                                                                             domains: "chunk7.example", country: "FI"))))
        rows.append((6_003, .addCustomer(CustomerDraft(tenantId: tenant(7), companyName: "Twice", domains: "twice.example", country: "FI"))))
        let report = try store.runBatch(rows, source: "customers.csv", mode: .skipInvalid)
        #expect(report.wrote)
        #expect(report.failures.map(\.line) == [6_003])
        #expect(try store.customer(tenant(7))?.customer.companyName == "Renamed Seven Oy")
        #expect(try store.listCount(ListQuery(search: "renamed seven")) == 1)
        #expect(try store.listCount(ListQuery(search: "chunk 7 oy")) == 0)
        #expect(try store.listCount(ListQuery()) == 6_002)
        #expect(try sqlite(file, "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name").stdout == indexes)
        let verified = try store.verify()
        #expect(verified.isValid, "\(verified)")
    }

    /// The rows of a partner's first import, large enough for the bulk path: new customers
    /// (some with a reseller), renewals, then confirmations of stored and of unknown customers,
    /// then renames (the search text and the company's sort keys change).
    func importSteps(_ store: ConsentStore, bulk: Bool) throws -> [BatchReport] {
        let count = 2_400
        var reports: [BatchReport] = []
        reports.append(try store.runBatch((0..<count).map { n in
            (n + 2, .addCustomer(CustomerDraft(tenantId: tenant(n), companyName: "Firma \(n % 97) Nummer \(n) GmbH",
                                               domains: "firma\(n).example", country: n % 2 == 0 ? "DE" : "AT",
                                               reseller: n % 5 == 0 ? "R-1" : "")))
        }, source: "customers.csv", mode: .allOrNothing, bulk: bulk))
        let renewal = Subscription(id: "S-1", offer: "Microsoft 365 E3", seats: 3, autoRenew: true, renewalDate: Day(year: 2027, month: 1, day: 9))
        #expect(try store.executeAll((0..<count).filter { $0 % 7 == 0 }.map { .setSubscriptions(tenantId: tenant($0), [renewal]) }).wrote)
        // Confirmations: every stored customer but the last 100, and 300 the store does not know.
        reports.append(try store.runBatch((100..<(count + 300)).map { n in
            (n + 2, .importConfirmation(tenantId: tenant(n), domain: "firma\(n).example", ConfirmationDraft(
                dateAgreed: "2026-11-\(10 + n % 10)", firstName: n % 3 == 0 ? "Zoë" : "Anna", lastName: "Smith",
                email: "anna.smith@firma\(n).example", agreementType: "MicrosoftCustomerAgreement")))
        }, source: "attestations.csv", mode: .allOrNothing, bulk: bulk))
        reports.append(try store.runBatch((0..<count).filter { $0 % 2 == 0 }.map { n in
            (n + 2, .editCustomer(tenantId: tenant(n), CustomerDraft(tenantId: tenant(n), companyName: "Umbenannt \(n) AG",
                                                                     domains: "firma\(n).example", country: "CH")))
        }, source: "customers.csv", mode: .allOrNothing, bulk: bulk))
        return reports
    }

    /// Everything a desk sees of a store: `fingerprint` and what searches find, by tenant.
    func seen(_ store: ConsentStore) throws -> String {
        var text = try fingerprint(store.location.file.path)
        for query in ["zoë", "ZOE", "umbenannt 14 ag", "firma 3 nummer", "anna.smith@firma2650", "tailspin", "nummer 1"] {
            text += query + ": " + (try store.listTenantIds(ListQuery(search: query), limit: 10_000)).joined(separator: ",") + "\n"
        }
        for status in [ConsentStatus.confirmed, .missing] {
            text += "\(status): \(try store.listCount(ListQuery(status: .status(status))))\n"
        }
        return text
    }

    /// Class: a fast path that writes something other than the slow one. The same rows
    /// written through the bulk path (rows first, indexes made once) and row by row give the
    /// same events (hash for hash), the same rows, renewals, indexes and search results.
    @Test func theBulkPathAndTheRowByRowPathWriteTheSameEventsRowsIndexesAndSearchResults() throws {
        var seenBy: [Bool: String] = [:]
        for bulk in [true, false] {
            let dir = TemporaryDirectory("bulk-same-\(bulk)")
            let store = try makeStore(dir)
            let reports = try importSteps(store, bulk: bulk)
            #expect(reports.allSatisfy { $0.wrote })
            #expect(reports.map(\.failures.count) == [0, 0, 0])
            let report = try store.verify()
            #expect(report.isValid, "\(report)")
            seenBy[bulk] = try seen(store)
        }
        let bulk = try #require(seenBy[true]), rowByRow = try #require(seenBy[false])
        // The search index is compared by the customers it finds: a row's rowid (which the
        // index is keyed by) is SQLite's own and may differ between the paths.
        #expect(bulk == rowByRow)
        // What is compared is not empty: searches find customers, the confirmed are counted.
        #expect(bulk.contains("umbenannt 14 ag: \(tenant(14))\n"))
        #expect(bulk.contains("confirmed: 2600"))
        #expect(bulk.contains(tenant(2650)), "the search index finds the customers named Smith")
    }

    /// Class: work done for nothing. A large file that changes nothing (imported again)
    /// writes no event and makes no index again: before, every list index, the renewals' and
    /// the search index were dropped and made again (seconds at 100,000 customers), then
    /// the transaction was rolled back. The schema is not touched at all now.
    @Test func aLargeFileThatChangesNothingWritesNoEventAndMakesNoIndexAgain() throws {
        let dir = TemporaryDirectory("bulk-unchanged")
        let store = try makeStore(dir)
        _ = try importSteps(store, bulk: true)
        let file = store.location.file.path
        let before = try fingerprint(file)
        let head = try store.headSeq()
        let rows: [(line: Int, command: StoreCommand)] = (100..<2_700).map { n in
            (n + 2, .importConfirmation(tenantId: tenant(n), domain: "firma\(n).example", ConfirmationDraft(
                dateAgreed: "2026-11-\(10 + n % 10)", firstName: n % 3 == 0 ? "Zoë" : "Anna", lastName: "Smith",
                email: "anna.smith@firma\(n).example", agreementType: "MicrosoftCustomerAgreement")))
        }
        #expect(WriteSession.isBulk(rows: rows.count, stored: try store.listCount(ListQuery())))
        let (report, schemaBefore, schemaAfter) = try store.write { session in
            let schemaBefore = try Int.fetchOne(session.db, sql: "PRAGMA schema_version")
            let (report, commit) = try session.runBatch(rows, source: "attestations.csv", mode: .allOrNothing, bulk: nil, progress: nil)
            #expect(!commit)
            let schemaAfter = try Int.fetchOne(session.db, sql: "PRAGMA schema_version")
            return ((report, schemaBefore, schemaAfter), false)
        }
        #expect(report.eventsWritten == 0 && report.unchanged == rows.count && report.failures.isEmpty)
        #expect(schemaBefore != nil && schemaAfter == schemaBefore)
        // Through the public path too: nothing written, the file as it was.
        let again = try store.runBatch(rows, source: "attestations.csv", mode: .allOrNothing)
        #expect(!again.wrote && again.eventsWritten == 0 && again.unchanged == rows.count)
        #expect(try store.headSeq() == head)
        #expect(try fingerprint(file) == before)
    }
}
