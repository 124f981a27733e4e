import ConsentModel
import Foundation
import Testing
@testable import ConsentStore
import TestSupport

@Suite("The file store")
struct StoreBasicsTests {
    @Test func aConfirmationIsSavedAndReadBackFromTheFile() throws {
        let dir = TemporaryDirectory()
        do {
            let store = try makeStore(dir)
            let outcome = try store.execute(.confirm(tenantId: tenantA, anna()))
            #expect(outcome.seq != nil)
        }
        let reopened = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock)
        let customer = try #require(try reopened.customer(tenantA)).customer
        #expect(customer.confirmation?.contact.fullName == "Anna Smith")
        #expect(customer.confirmation?.employee == "amy")
        #expect(customer.confirmation?.partnerUserId == "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f")
        #expect(customer.confirmation?.recordedAt == Date(timeIntervalSince1970: clock.now().timeIntervalSince1970.rounded(.down)))
    }

    @Test func everyChangeIsAnEventWithTimeEmployeeAndUserId() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir, employee: "bo")
        try store.execute(.confirm(tenantId: tenantA, anna()))
        try store.execute(.confirm(tenantId: tenantA, anna("Anne")))
        let history = try store.history(of: tenantA)
        #expect(history.map(\.kind) == ["customerAdded", "confirmed", "confirmed"])
        #expect(history.allSatisfy { $0.employee == "bo" && $0.userId == "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f" })
        #expect(try history[1].event() != history[2].event())
        #expect(try store.customer(tenantA)?.customer.confirmation?.contact.firstName == "Anne")
    }

    @Test func theHistoryRefusesUpdateAndDelete() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        let file = store.location.file.path
        let update = try sqlite(file, "UPDATE events SET employee = 'mallory' WHERE seq = 1;")
        #expect(update.status != 0)
        #expect(update.stderr.contains("append-only"))
        let delete = try sqlite(file, "DELETE FROM events;")
        #expect(delete.status != 0)
        #expect(try store.verify().isValid)
    }

    @Test func verifyReportsEventsCheckedAndTheHead() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        let report = try store.verify()
        #expect(report.isValid)
        #expect(report.eventsChecked == 5)
        #expect(report.headHash.count == 64)
        #expect(report.description.contains("5 events"))
    }

    @Test func aFlippedByteInAPayloadIsFoundAtItsSequenceNumber() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        try store.execute(.confirm(tenantId: tenantB, ConfirmationDraft(dateAgreed: "2026-11-01", firstName: "伟", lastName: "王", email: "wei@bjcloud.cn")))
        let seq = try #require(try store.history(of: tenantA).last?.seq)
        let tamper = try sqlite(store.location.file.path, """
            DROP TRIGGER events_no_update;
            UPDATE events SET payload = replace(payload, '"Anna"', '"Anne"') WHERE seq = \(seq);
            """)
        #expect(tamper.status == 0, "\(tamper.stderr)")
        let report = try store.verify()
        #expect(!report.isValid)
        #expect(report.firstBadSeq == seq)
        #expect(report.description.contains("at event \(seq)"))
    }

    @Test func aChangedProjectionIsFound() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        _ = try sqlite(store.location.file.path, "UPDATE customers SET cEmail = 'x@y.example' WHERE tenantId = '\(tenantA)';")
        let report = try store.verify()
        #expect(!report.isValid)
        #expect(report.problem?.contains(tenantA) == true)
    }

    @Test func theModelsRulesAreEnforcedAndNothingIsWrittenOnRefusal() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        let head = try store.headSeq()
        #expect(throws: StoreError.invalid(ValidationError([.duplicateConfirmation]))) {
            try store.execute(.confirm(tenantId: tenantA, anna()))
        }
        var resellerEmail = anna()
        resellerEmail.email = "bob@tailspin.example"
        #expect(throws: StoreError.self) { try store.execute(.confirm(tenantId: tenantA, resellerEmail)) }
        #expect(try store.headSeq() == head)
    }

    @Test func anotherDesksChangeInBetweenIsAConflictNotAnOverwrite() throws {
        let dir = TemporaryDirectory()
        let amy = try makeStore(dir, employee: "amy")
        let bo = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, actor: StoreActor(userId: "", employee: "bo"))
        let seen = try #require(try amy.customer(tenantA)).lastSeq
        try bo.execute(.confirm(tenantId: tenantA, anna("Bo's")))
        do {
            try amy.execute(.confirm(tenantId: tenantA, anna()), expectingCustomerSeq: seen)
            Issue.record("a stale save went through")
        } catch {
            guard case .conflict(let company, let employee) = error else { Issue.record("\(error)"); return }
            #expect(company == "Contoso Ltd")
            #expect(employee == "bo")
            #expect(error.description.contains("nothing was saved"))
        }
        #expect(try amy.customer(tenantA)?.customer.confirmation?.contact.firstName == "Bo's")
    }

    @Test func changesSinceASequenceNumberNameOnlyTheChangedCustomers() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let before = try store.headSeq()
        try store.execute(.confirm(tenantId: tenantB, ConfirmationDraft(dateAgreed: "2026-11-01", firstName: "伟", lastName: "王", email: "wei@bjcloud.cn")))
        let changes = try store.changes(since: before)
        #expect(changes.customers.map(\.tenantId) == [tenantB])
        #expect(changes.headSeq == before + 1)
    }

    @Test func resolveFindsByTenantDomainOrNamePart() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        #expect(try store.resolve(tenantA.uppercased()).companyName == "Contoso Ltd")
        #expect(try store.resolve("bjcloud.cn").tenantId == tenantB)
        #expect(try store.resolve("云端").tenantId == tenantB)
        #expect(try store.resolve("contoso").tenantId == tenantA)
        #expect(throws: StoreError.unknownCustomer("fabrikam")) { try store.resolve("fabrikam") }
    }

    @Test func backupIsAFullCopyThatVerifiesAndIsNeverWrittenOver() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        let target = dir.file("backup.sqlite")
        try store.backup(to: target)
        #expect(mode(target) == 0o600)
        let copy = try ConsentStore(location: StoreLocation(path: target), clock: clock)
        #expect(try copy.verify().headHash == store.verify().headHash)
        #expect(throws: StoreError.self) { try store.backup(to: target) }
    }

    @Test func batchesAreAllOrNothingUnlessToldToSkip() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let head = try store.headSeq()
        let rows: [(line: Int, command: StoreCommand)] = [
            (2, .confirm(tenantId: tenantA, anna())),
            (3, .confirm(tenantId: tenantB, ConfirmationDraft(dateAgreed: "2030-01-01", firstName: "伟", lastName: "王", email: "wei@bjcloud.cn"))),
        ]
        let refused = try store.runBatch(rows, source: "test.csv", mode: .allOrNothing)
        #expect(refused.failures.map(\.line) == [3])
        #expect(refused.failures[0].message.contains("600002"))
        #expect(!refused.wrote)
        #expect(try store.headSeq() == head)
        let dry = try store.runBatch(rows, source: "test.csv", mode: .dryRun)
        #expect(dry.failures.count == 1 && !dry.wrote)
        #expect(try store.headSeq() == head)
        let skipped = try store.runBatch(rows, source: "test.csv", mode: .skipInvalid)
        #expect(skipped.wrote && skipped.eventsWritten == 1)
        #expect(try store.customer(tenantA)?.customer.confirmation != nil)
        #expect(try store.customer(tenantB)?.customer.confirmation == nil)
        #expect(try store.verify().isValid)
    }

    @Test func locationFollowsFlagThenEnvironmentThenXDG() {
        #expect(StoreLocation.resolve(flag: "/x/y", environment: ["CONSENTDESK_STORE": "/e"]).file.path == "/x/y/store.sqlite")
        #expect(StoreLocation.resolve(flag: "/x/my.sqlite", environment: [:]).file.path == "/x/my.sqlite")
        #expect(StoreLocation.resolve(flag: nil, environment: ["CONSENTDESK_STORE": "/e"]).directory.path == "/e")
        #expect(StoreLocation.resolve(flag: nil, environment: ["XDG_DATA_HOME": "/d"]).file.path == "/d/consentdesk/store.sqlite")
        #expect(StoreLocation.resolve(flag: nil, environment: ["HOME": "/home/u"]).file.path == "/home/u/.local/share/consentdesk/store.sqlite")
    }
}

@Suite("Files that are not a good store")
struct StoreFailureTests {
    func checksum(_ path: String) throws -> String {
        try shell("sha256sum \(shellQuote(path))").stdout
    }

    @Test func anotherSQLiteFileIsRefusedAndLeftUntouched() throws {
        let dir = TemporaryDirectory()
        let file = dir.file("other.sqlite")
        _ = try sqlite(file, "CREATE TABLE invoices (id INTEGER); INSERT INTO invoices VALUES (1);")
        let before = try checksum(file)
        #expect(throws: StoreError.notAStore(path: file)) { try ConsentStore(location: StoreLocation(path: file)) }
        #expect(try checksum(file) == before)
    }

    @Test func aFileOfGarbageIsRefusedAndLeftUntouched() throws {
        let dir = TemporaryDirectory()
        let file = dir.file("garbage.sqlite")
        try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: URL(fileURLWithPath: file))
        chmod(file, 0o600)
        let before = try checksum(file)
        do {
            _ = try ConsentStore(location: StoreLocation(path: file))
            Issue.record("garbage opened as a store")
        } catch {
            #expect([StoreError.notAStore(path: file), .corrupted(path: file)].contains(error))
            #expect(error.description.contains("untouched"))
        }
        #expect(try checksum(file) == before)
    }

    @Test func aDamagedStoreGivesAClearErrorNotACrash() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        for n in 0..<200 {
            try store.execute(.addCustomer(CustomerDraft(tenantId: String(format: "cccccccc-0000-4000-8000-%012d", n), companyName: "Filler \(n)")))
        }
        let file = store.location.file.path
        _ = try shell("sqlite3 \(shellQuote(file)) 'PRAGMA wal_checkpoint(TRUNCATE);'")
        // Overwrite two pages in the middle of the file.
        _ = try shell("dd if=/dev/urandom of=\(shellQuote(file)) bs=4096 seek=6 count=2 conv=notrunc 2>/dev/null")
        do {
            let reopened = try ConsentStore(location: StoreLocation(path: file))
            let report = try reopened.verify()
            #expect(!report.isValid)
        } catch {
            #expect([StoreError.corrupted(path: file), .notAStore(path: file)].contains(error) || "\(error)".contains("store"))
        }
    }

    @Test func aNewerSchemaIsRefused() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let file = store.location.file.path
        _ = try sqlite(file, "INSERT INTO grdb_migrations VALUES ('v99-from-the-future');")
        #expect(throws: StoreError.newerSchema(path: file)) { try ConsentStore(location: StoreLocation(path: file)) }
    }

    @Test func aStoreOthersCanWriteIsRefused() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        chmod(store.location.file.path, 0o666)
        do {
            _ = try ConsentStore(location: StoreLocation(path: dir.path))
            Issue.record("opened a world-writable store")
        } catch {
            guard case .insecurePermissions(_, let mode) = error else { Issue.record("\(error)"); return }
            #expect(mode == "666")
            #expect(error.description.contains("chmod"))
        }
    }

    @Test func aReadOnlyFolderGivesAClearError() throws {
        let dir = TemporaryDirectory()
        // root ignores permission bits, so use a path under a file, which no one can create.
        let blocker = dir.file("not-a-folder")
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        do {
            _ = try ConsentStore(location: StoreLocation(path: blocker + "/store"))
            Issue.record("created a store under a file")
        } catch {
            #expect(error == .readOnly(path: blocker + "/store"))
            #expect(error.description.contains("Cannot write"))
        }
    }

    @Test(arguments: ["000", "022", "077"])
    func filesAre0600InA0700FolderWhateverTheUmask(umask: String) throws {
        let dir = TemporaryDirectory()
        let storeDir = dir.file("store")
        let result = try shell("umask \(umask); \(shellQuote(Products.loadgen)) --store \(shellQuote(storeDir)) --setup 2 && \(shellQuote(Products.loadgen)) --store \(shellQuote(storeDir)) --confirm 3")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(mode(storeDir) == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: storeDir)
        #expect(files.contains("store.sqlite"))
        for file in files { #expect(mode(storeDir + "/" + file) == 0o600, "\(file)") }
    }
}
