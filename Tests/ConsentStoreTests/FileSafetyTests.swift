import ConsentModel
import Foundation
import GRDB
import Testing
@testable import ConsentStore
import TestSupport

@Suite("Files and reads at the store level")
struct FileSafetyTests {
    func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    @Test func aWriterThatIsNotCommittedLeavesTheOldFileAndNoTemporaryFile() throws {
        let dir = TemporaryDirectory("writer")
        let path = dir.file("out.txt")
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let writer = try SafeFileWriter(path: path, force: true)
            try writer.write(Data("new, but never committed\n".utf8))
            #expect(contents(path) == "old\n", "nothing shows before commit")
        }
        #expect(contents(path) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.txt"])
        let writer = try SafeFileWriter(path: path, force: true)
        try writer.write(Data("new\n".utf8))
        try writer.commit()
        #expect(contents(path) == "new\n")
        #expect(mode(path) == 0o600)
    }

    @Test func aStoreFileIsRefusedByIdentityEvenUnderAnotherName() throws {
        let dir = TemporaryDirectory("writer")
        let store = try makeStore(dir)
        let hardLink = dir.file("looks-harmless.csv")
        #expect(link(store.location.file.path, hardLink) == 0)
        #expect(throws: FileWriteError.storeFile(path: hardLink)) { try SafeFileWriter(path: hardLink, force: true, protecting: store.location) }
        let wal = store.location.file.path + "-wal"
        #expect(throws: FileWriteError.storeFile(path: wal)) { try SafeFileWriter(path: wal, force: true, protecting: store.location) }
        #expect(try store.verify().isValid)
    }

    @Test func readingAMissingStoreCreatesNothing() throws {
        let dir = TemporaryDirectory("read")
        let location = StoreLocation(path: dir.file("missing"))
        #expect(throws: StoreError.noStore(path: location.file.path)) { try ConsentStore(location: location, mode: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: dir.file("missing")))
    }

    @Test func aReadOnlyOpenReadsButCannotWrite() throws {
        let dir = TemporaryDirectory("read")
        _ = try makeStore(dir)
        let reader = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, mode: .readOnly)
        #expect(try reader.snapshot().customers.count == 2)
        #expect(throws: StoreError.self) { try reader.execute(.addCustomer(CustomerDraft(tenantId: "cccccccc-0000-4000-8000-000000000003", companyName: "X"))) }
        #expect(try reader.verify().isValid)
    }

    @Test func aReadOnlyShmLeftByAnOlderVersionDoesNotBlockTheNextWriter() throws {
        let dir = TemporaryDirectory("heal")
        do { _ = try makeStore(dir) }
        let shm = dir.file("store.sqlite-shm")
        #expect(FileManager.default.createFile(atPath: shm, contents: Data(), attributes: [.posixPermissions: 0o400]))
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock)
        try store.execute(.addCustomer(CustomerDraft(tenantId: "cccccccc-0000-4000-8000-000000000003", companyName: "Fabrikam")))
        #expect(mode(shm) == 0o600)
        #expect(try store.verify().isValid)
    }

    @Test func aNullOrAWrongTypeInTheProjectionIsDamageNamingTheRowNotACrash() throws {
        let dir = TemporaryDirectory("damage")
        let store = try makeStore(dir)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        let file = store.location.file.path
        #expect(try sqlite(file, "UPDATE customers SET cLast = NULL WHERE tenantId = '\(tenantA)'").status == 0)
        let fresh = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, mode: .readOnly)
        #expect(throws: StoreError.damaged(table: "customers", row: tenantA, detail: tr("store.damaged.null", "cLast"))) {
            try fresh.snapshot()
        }
        let report = try fresh.verify()
        #expect(!report.isValid)
        #expect(report.description.contains("table customers"))
        #expect(!report.description.contains("Smith"))
        #expect(try sqlite(file, "UPDATE customers SET cLast = 'Smith', subscriptions = 42 WHERE tenantId = '\(tenantA)'").status == 0)
        #expect(throws: StoreError.self) { try fresh.customer(tenantA) }
    }
}

@Suite("The one writer never replaces a file it was not asked to")
struct WriterRaceTests {
    @Test func aFileThatAppearsWhileWritingIsKept() throws {
        let dir = TemporaryDirectory("race")
        let path = dir.file("out.csv")
        let writer = try SafeFileWriter(path: path, force: false)
        try writer.write(Data("ours\n".utf8))
        try "theirs\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: FileWriteError.self) { try writer.commit() }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "theirs\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(left == ["out.csv"], "no temporary file is left: \(left)")
    }
}
