import Foundation
import Testing
import TestSupport

/// The peak resident memory (KB) of one `consentdesk` run, from `/usr/bin/time -v`.
private func peakKB(_ cli: CLI, _ arguments: [String]) throws -> (kb: Int, result: ProcessResult) {
    let command = (["/usr/bin/time", "-v", Products.consentdesk] + arguments).map(shellQuote).joined(separator: " ")
    let result = try shell(command, environment: ["CONSENTDESK_NOW": CLI.now, "USER": "desk-tester",
                                                  "CONSENTDESK_STORE": cli.store, "CONSENTDESK_ANCHORS": cli.anchors])
    let line = result.stderr.split(separator: "\n").first { $0.contains("Maximum resident set size") } ?? ""
    return (Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? -1, result)
}

@Suite("Streaming commands: memory follows a batch, not the store")
struct StreamingTests {
    @Test(.enabled(if: haveTool("sqlite3") && FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
    func exportAndListStayInBoundedMemoryOnALargeStore() throws {
        let cli = CLI()
        #expect(try cli("demo", "--customers", "4000").status == 0)
        let small = try peakKB(cli, ["export", "--format", "csv", "--output", cli.dir.file("small.csv"), "--force"])
        #expect(small.result.status == 0, "\(small.result.stderr)")
        let smallList = try peakKB(cli, ["list", "--status", "blocked", "--json"])
        let smallTable = try peakKB(cli, ["list"])
        // 24 more copies of the customers' rows (new tenant ids; the list columns and search
        // index come along): 100,000 customers without a minute of demo generation.
        let file = cli.store + "/store.sqlite"
        let columns = try shell("sqlite3 \(shellQuote(file)) \(shellQuote("SELECT group_concat(name, ',') FROM pragma_table_info('customers')"))")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        var sql = "BEGIN;"
        for copy in 1...24 {
            let prefix = String(format: "%02d", copy)
            let values = columns.split(separator: ",").map { name in
                name == "tenantId" ? "'z\(prefix)' || substr(tenantId, 4)" : String(name)
            }.joined(separator: ",")
            sql += "INSERT INTO customers (\(columns)) SELECT \(values) FROM customers WHERE rowid <= 4000;"
        }
        sql += "COMMIT;"
        let grow = try shell("sqlite3 \(shellQuote(file)) \(shellQuote(sql))")
        #expect(grow.status == 0, "\(grow.stderr)")

        let large = try peakKB(cli, ["export", "--format", "csv", "--output", cli.dir.file("large.csv"), "--force"])
        #expect(large.result.status == 0, "\(large.result.stderr)")
        #expect(large.result.stderr.contains("100000 rows written"))
        let lines = try String(contentsOfFile: cli.dir.file("large.csv"), encoding: .utf8).split(separator: "\n").count
        #expect(lines == 100_001)
        // Read on one core and written on the other, batch by batch: still exactly the store's order.
        let exported = try String(contentsOfFile: cli.dir.file("large.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { String($0.prefix { $0 != "," }) }
        let stored = try shell("sqlite3 \(shellQuote(file)) \(shellQuote("SELECT tenantId FROM customers ORDER BY kCompany, tenantId"))")
            .stdout.split(separator: "\n").map(String.init)
        #expect(exported.count == 100_000 && exported == stored)
        // Twenty-five times the customers; memory grows by far less than holding them would take.
        #expect(small.kb > 0 && large.kb < small.kb + 25_000, "export peak \(small.kb) KB → \(large.kb) KB")

        let largeList = try peakKB(cli, ["list", "--status", "blocked", "--json"])
        #expect(largeList.result.status == 0)
        #expect(largeList.result.stdout.split(separator: "\n").count > 25 * smallList.result.stdout.split(separator: "\n").count - 25)
        #expect(smallList.kb > 0 && largeList.kb < smallList.kb + 25_000, "list peak \(smallList.kb) KB → \(largeList.kb) KB")
        // The table too: printed as it is read, not held whole to size its columns.
        let largeTable = try peakKB(cli, ["list"])
        #expect(largeTable.result.status == 0)
        #expect(largeTable.result.stdout.split(separator: "\n").count == 100_002)
        #expect(smallTable.kb > 0 && largeTable.kb < smallTable.kb + 25_000, "list table peak \(smallTable.kb) KB → \(largeTable.kb) KB")
    }

    @Test(.enabled(if: haveTool("sqlite3") && FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
    func verifyStaysInBoundedMemoryOnALargeStoreAndStillCatchesTampering() throws {
        let small = CLI()
        #expect(try small("demo", "--customers", "1000").status == 0)
        let smallRun = try peakKB(small, ["verify"])
        #expect(smallRun.result.status == 0, "\(smallRun.result.stderr)")
        // Twenty-five times the customers and their events (replaying them all in memory took about 3 KB a customer).
        let large = CLI()
        #expect(try large("demo", "--customers", "25000").status == 0)
        let largeRun = try peakKB(large, ["verify"])
        #expect(largeRun.result.status == 0, "\(largeRun.result.stderr)")
        #expect(largeRun.result.stdout.contains("Verified 50"))
        #expect(smallRun.kb > 0 && largeRun.kb < smallRun.kb + 25_000, "verify peak \(smallRun.kb) KB → \(largeRun.kb) KB")

        // Streaming still catches a changed row far into the store: a list column, then a record.
        let file = shellQuote(large.store + "/store.sqlite")
        let target = try shell("sqlite3 \(file) \(shellQuote("SELECT tenantId FROM customers ORDER BY tenantId LIMIT 1 OFFSET 24000"))")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(target.count == 36)
        let sortKey = try shell("sqlite3 \(file) \(shellQuote("UPDATE customers SET kCompany = 'aaa' WHERE tenantId = '\(target)'"))")
        #expect(sortKey.status == 0, "\(sortKey.stderr)")
        let columnCaught = try large("verify")
        #expect(columnCaught.status == 4)
        #expect(columnCaught.stderr.contains("the list column kCompany of \(target) differs"), "\(columnCaught.stderr)")
        let record = try shell("sqlite3 \(file) \(shellQuote("UPDATE customers SET country = 'ZZ' WHERE tenantId = '\(target)'"))")
        #expect(record.status == 0, "\(record.stderr)")
        let recordCaught = try large("verify")
        #expect(recordCaught.status == 4)
        #expect(recordCaught.stderr.contains("the current state of \(target) differs from what the history gives"), "\(recordCaught.stderr)")
    }

    @Test(.enabled(if: haveTool("sqlite3")))
    func aStoreFromBeforeTheListColumnsIsListedTheSameReadOnlyAndAfterItsMigration() throws {
        let cli = CLI()
        #expect(try cli("demo", "--customers", "300").status == 0)
        let current = try cli("list", "--status", "blocked", "--search", "gmbh", "--json")
        #expect(current.status == 0 && current.stdout.split(separator: "\n").count > 3)
        // Back to schema v4: no list columns, no search index (as a store from the last release).
        let columns = ["status", "kDomain", "kReseller", "kAgreement", "kDate", "kContact", "sText"]
            .map { "ALTER TABLE customers DROP COLUMN \($0);" }.joined()
        let back = try shell("sqlite3 \(shellQuote(cli.store + "/store.sqlite")) \(shellQuote("""
            DROP TRIGGER customers_renewals_insert; DROP TRIGGER customers_renewals_update; DROP TRIGGER customers_renewals_delete;
            DROP TABLE customer_renewals; DROP INDEX customers_waiting; DROP INDEX customers_reseller_id;
            DELETE FROM grdb_migrations WHERE identifier IN ('v8-follow-ups', 'v9-status-count-index'); DROP INDEX customers_status_count;
            DROP TRIGGER customers_search_insert; DROP TRIGGER customers_search_delete; DROP TRIGGER customers_search_update;
            DROP TABLE customer_search; DROP INDEX customers_status; DROP INDEX customers_domain; DROP INDEX customers_country;
            DROP INDEX customers_cloud; DROP INDEX customers_reseller; DROP INDEX customers_agreement; DROP INDEX customers_date;
            DROP INDEX customers_contact; \(columns)
            DELETE FROM meta WHERE key = 'statusDay'; DELETE FROM grdb_migrations WHERE identifier = 'v5-list-in-the-store';
            """))")
        #expect(back.status == 0, "\(back.stderr)")
        // Read-only commands never migrate: the old store is evaluated as it is read.
        let old = try cli("list", "--status", "blocked", "--search", "gmbh", "--json")
        #expect(old.status == 0, "\(old.stderr)")
        #expect(old.stdout == current.stdout)
        // The first write migrates it; the answer stays the same.
        #expect(try cli("profile", "add-reseller", "--id", "R-900", "--name", "Contoso Partners", "--domains", "cp.example").status == 0)
        let migrated = try cli("list", "--status", "blocked", "--search", "gmbh", "--json")
        #expect(migrated.stdout == current.stdout)
        #expect(try cli("verify").status == 0)
    }

    @Test func aLargeImportIsSearchableAndVerifies() throws {
        let cli = CLI()
        // 6,000 customers in one file: the import indexes their search text in one pass.
        var csv = "tenantId,companyName,domains,country\n"
        for index in 0..<6_000 {
            let id = String(format: "%08x-0000-4000-8000-%012x", index, index)
            let name = index % 3 == 0 ? "Müller Logistik \(index) GmbH" : "北京云端 \(index) 有限公司"
            csv += "\(id),\(name),c\(index).example,\(index % 3 == 0 ? "DE" : "CN")\n"
        }
        let file = cli.dir.file("customers.csv")
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try cli("import", "--format", "customers", file)
        #expect(imported.status == 0, "\(imported.stderr)")
        let found = try cli("list", "--search", "MULLER LOG", "--json")
        #expect(try CLI.jsonLines(found.stdout).count == 2_000)
        let short = try cli("list", "--search", "云端", "--json")
        #expect(try CLI.jsonLines(short.stdout).count == 4_000)
        #expect(try cli("verify").status == 0)
        // After the import, single changes keep the index row by row.
        #expect(try cli("add-customer", "--tenant-id", "0f8fad5b-d9cb-469f-a165-70867728950e", "--name", "Müller Logistik Neu",
                        "--domains", "neu.example", "--country", "DE").status == 0)
        #expect(try CLI.jsonLines(try cli("list", "--search", "muller log", "--json").stdout).count == 2_001)
    }
}
