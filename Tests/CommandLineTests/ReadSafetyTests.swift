import Foundation
import Testing
import TestSupport

/// Reads never create a store, never crash on a damaged one, and work on a store the user
/// may only read, leaving nothing behind that blocks later writers.
@Suite("Read safety, through the real binary")
struct ReadSafetyTests {
    static let contoso = OutputSafetyTests.contoso

    /// Every read command, given a store path.
    static func readCommands(store: String, scratch: String) -> [[String]] {
        [["list"], ["show", "contoso.com"], ["check", "contoso.com", "--transaction", "new-purchase"], ["export"],
         ["export", "--format", "history"], ["verify"], ["backup", scratch + "/backup.sqlite"],
         ["import", scratch + "/attest.csv", "--dry-run"], ["templates", "list"], ["profile", "show"]]
            .map { $0 + ["--store", store] }
    }

    static func listing(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    @Test func readCommandsOnAMissingStoreCreateNothing() throws {
        let cli = CLI()
        try ImportExportTests.attestations.write(toFile: cli.dir.file("attest.csv"), atomically: true, encoding: .utf8)
        // A mistyped folder, and an existing folder without store.sqlite.
        let empty = cli.dir.file("empty-folder")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        for store in [cli.dir.file("mistyped"), empty] {
            for arguments in Self.readCommands(store: store, scratch: cli.dir.path) {
                let result = try cli.call(arguments)
                #expect(result.status == 1, "\(arguments)")
                #expect(result.stderr.contains("No store at"), "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains("consentdesk demo") && result.stderr.contains("profile set"))
                #expect(!result.stdout.contains("Verified"))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: cli.dir.file("mistyped")))
        #expect(Self.listing(empty).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: cli.dir.file("backup.sqlite")))
    }

    @Test func whatStandsWhereTheStoreShouldBeIsNamedAndLeftAlone() throws {
        let cli = CLI()
        let folder = cli.dir.file("folder"), fifo = cli.dir.file("fifo"), empty = cli.dir.file("empty")
        for dir in [folder, fifo, empty] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false) }
        try FileManager.default.createDirectory(atPath: folder + "/store.sqlite", withIntermediateDirectories: false)
        #expect(mkfifo(fifo + "/store.sqlite", 0o600) == 0)
        #expect(FileManager.default.createFile(atPath: empty + "/store.sqlite", contents: Data()))
        for (store, words) in [(folder, "is a folder"), (fifo, "named pipe"), (empty, "empty file (0 bytes)")] {
            for arguments in [["list"], ["verify"], ["show", "contoso.com"]] {
                let result = try cli.call(arguments + ["--store", store])
                #expect(result.status == 1, "\(store) \(arguments)")
                #expect(result.stderr.contains(words), "\(result.stderr)")
            }
            #expect(Self.listing(store) == ["store.sqlite"])
        }
        // A write command does not turn a folder or a pipe into a store either.
        let write = try cli("add-customer", "--tenant-id", Self.contoso, "--name", "Contoso", "--store", fifo)
        #expect(write.status == 1)
        #expect(write.stderr.contains("named pipe"))
        var info = stat()
        #expect(lstat(empty + "/store.sqlite", &info) == 0 && info.st_size == 0)
    }

    @Test func anInterruptedOrRefusedBackupLeavesNothingThatLooksLikeAStore() throws {
        let cli = try CLI.withCustomer()
        // Into a missing folder: the folder is named, --store is not suggested.
        let missing = try cli("backup", cli.dir.file("no-such-folder/backup.sqlite"))
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("does not exist"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("--store"))
        // An empty file (what a killed copy used to leave) is not a store verify calls intact.
        let empty = cli.dir.file("killed.sqlite")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let verify = try cli("verify", "--store", empty)
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("empty file"))
        #expect(!verify.stdout.contains("intact"))
        // Forced over it, the backup is a whole store that verifies, 0600, with no temporary file left.
        #expect(try cli("backup", empty).status == 1)
        let forced = try cli("backup", empty, "--force")
        #expect(forced.status == 0, "\(forced.stderr)")
        let verified = try cli("verify", "--store", empty)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("Verified 3 events"))
        #expect(OutputSafetyTests.mode(empty) == 0o600)
        #expect(!Self.listing(cli.dir.path).contains { $0.hasSuffix(".tmp") })
    }

    @Test func aNullInACustomerColumnIsReportedAsDamageNeverACrash() throws {
        let cli = try OutputSafetyTests.confirmed()
        let storeFile = cli.store + "/store.sqlite"
        #expect(try shell("sqlite3 \(shellQuote(storeFile)) \"UPDATE customers SET cEmail = NULL WHERE tenantId = '\(Self.contoso)'\"").status == 0)
        for arguments in [["list"], ["list", "--json"], ["show", Self.contoso], ["export"], ["check", Self.contoso, "--transaction", "renewal"]] {
            let result = try cli.call(arguments)
            OutputSafetyTests.expectNoCrash(result)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("The store is damaged: table customers, row \(Self.contoso): column cEmail is empty"),
                    "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("consentdesk verify") && result.stderr.contains("backup"))
            // No personal data in what is printed.
            #expect(!result.stderr.contains("Anna") && !result.stderr.contains("Smith") && !result.stdout.contains("Anna"))
        }
        let verify = try cli("verify")
        OutputSafetyTests.expectNoCrash(verify)
        #expect(verify.status == 4)
        #expect(verify.stderr.contains("table customers, row \(Self.contoso)"), "\(verify.stderr)")
        #expect(!verify.stderr.contains("Run consentdesk verify"))
        #expect(!verify.stderr.contains("Anna"))
        // A value of the wrong type is damage too.
        #expect(try shell("sqlite3 \(shellQuote(storeFile)) \"UPDATE customers SET cEmail = 'anna@contoso.com', cRecordedAt = 'yesterday' WHERE tenantId = '\(Self.contoso)'\"").status == 0)
        let typed = try cli("list")
        #expect(typed.status == 1)
        #expect(typed.stderr.contains("column cRecordedAt holds the wrong kind of value"), "\(typed.stderr)")
    }

    @Test func aCorruptFileSendsTheUserToVerifyAndVerifyToTheBackup() throws {
        let cli = CLI()
        #expect(try cli("demo", "--customers", "50").status == 0)
        let file = cli.store + "/store.sqlite"
        // Two pages of the file overwritten.
        #expect(try shell("dd if=/dev/zero bs=4096 seek=3 count=2 conv=notrunc of=\(shellQuote(file)) 2>/dev/null").status == 0)
        let list = try cli("list")
        OutputSafetyTests.expectNoCrash(list)
        #expect(list.status == 1)
        #expect(list.stderr.contains("Run consentdesk verify"), "\(list.stderr)")
        let verify = try cli("verify")
        OutputSafetyTests.expectNoCrash(verify)
        #expect(verify.status == 4)
        #expect(verify.stderr.contains("Restore the latest backup"), "\(verify.stderr)")
        #expect(!verify.stderr.contains("verify"), "verify does not send the user to verify")
    }

    @Test(arguments: ["{}", "not json", "[1,2]"])
    func anUnreadableProfileIsDamageThatVerifyReports(value: String) throws {
        let cli = try CLI.withCustomer()
        let sql = "UPDATE state SET value = \(shellQuote(value).replacingOccurrences(of: "'\\''", with: "''")) WHERE key = 'profile'"
        #expect(try shell("sqlite3 \(shellQuote(cli.store + "/store.sqlite")) \"\(sql)\"").status == 0)
        let verify = try cli("verify")
        #expect(verify.status == 4, "\(verify.stderr)")
        #expect(verify.stderr.contains("table state, row profile"))
        let list = try cli("list")
        #expect(list.status == 1)
        #expect(list.stderr.contains("The store is damaged: table state, row profile"))
    }

    /// A store the user may only read: its file 0400, or its folder 0500. As root (who may
    /// write anything) the commands run as `nobody` through setpriv.
    @Test(arguments: ["file", "folder"])
    func aReadOnlyStoreCanBeReadAndLeavesNothingThatBlocksLaterWrites(what: String) throws {
        let cli = try OutputSafetyTests.confirmed()
        let asRoot = getuid() == 0
        if asRoot {
            try #require(haveTool("setpriv"), "running as root needs setpriv to drop privileges")
            chmod(cli.dir.path, 0o755)
            #expect(try shell("chown -R 65534:65534 \(shellQuote(cli.store))").status == 0)
        }
        func asUser(_ arguments: [String]) throws -> ProcessResult {
            let env = ["CONSENTDESK_STORE": cli.store, "CONSENTDESK_NOW": CLI.now, "USER": "desk-tester", "HOME": "/tmp", "LANG": "C.UTF-8"]
            if asRoot {
                return try run("/usr/bin/env", ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", Products.consentdesk] + arguments,
                               environment: env)
            }
            return try run(Products.consentdesk, arguments, environment: env)
        }
        let file = cli.store + "/store.sqlite"
        if what == "file" { chmod(file, 0o400) } else { chmod(cli.store, 0o500) }
        let before = Self.listing(cli.store)
        let list = try asUser(["list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("Contoso Ltd"))
        #expect(try asUser(["show", "contoso.com"]).stdout.contains("Anna Smith"))
        #expect(try asUser(["check", "contoso.com", "--transaction", "new-purchase"]).status == 0)
        #expect(try asUser(["export", "--format", "attestations"]).stdout.contains("anna@contoso.com"))
        let verify = try asUser(["verify"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("the chain is intact"))
        #expect(Self.listing(cli.store) == before, "nothing left behind")
        // Writable again: a later write works (no read-only -shm in its way) and the store verifies.
        chmod(file, 0o600)
        chmod(cli.store, 0o700)
        let write = try asUser(["add-customer", "--tenant-id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--name", "Fabrikam",
                                "--domains", "fabrikam.com"])
        #expect(write.status == 0, "\(write.stderr)")
        let after = try asUser(["verify"])
        #expect(after.status == 0, "\(after.stderr)")
        if asRoot { _ = try shell("chown -R 0:0 \(shellQuote(cli.store))") }
    }
}
