import Foundation
import Testing
import TestSupport

/// Issue #23's edges, through the real binary: what stands at the store's name, audit fields
/// on every path, files left by interrupted writes, small words, requests nobody needs,
/// who recorded an imported confirmation, and every day a policy change moves statuses.
@Suite("Edges: store names, audit fields, litter, small words, requests, importers, policy days")
struct EdgeFindingsTests {
    static let contoso = OutputSafetyTests.contoso
    static let objectId = "5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13"

    static func listing(_ path: String) -> [String] { ReadSafetyTests.listing(path) }

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    // MARK: 1. a file that exists is never made into a new store

    /// Every kind of command that writes, on a store path given directly.
    static func writeCommands(store: String, scratch: String) -> [[String]] {
        [["add-customer", "--tenant-id", contoso, "--name", "Contoso", "--domains", "contoso.com"],
         ["profile", "set", "--name", "Northwind", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40"],
         ["templates", "add", "--id", "33333333-4444-4555-8666-777777777777", "--link", "https://aka.ms/x", "--rank", "3", "--yes"],
         ["import", scratch + "/attest.csv"],
         ["demo", "--customers", "5"]]
            .map { $0 + ["--store", store] }
    }

    @Test func aFileThatExistsIsNeverMadeIntoANewStoreByAWrite() throws {
        let cli = CLI()
        try ImportExportTests.attestations.write(toFile: cli.dir.file("attest.csv"), atomically: true, encoding: .utf8)
        let empty = cli.dir.file("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let text = cli.dir.file("notes.sqlite")
        #expect(FileManager.default.createFile(atPath: text, contents: Data("meeting notes, not a store\n".utf8)))
        // An SQLite file of no one's (no tables yet) and one of another program.
        let bare = cli.dir.file("bare.sqlite"), other = cli.dir.file("other.sqlite")
        #expect(try shell("sqlite3 \(shellQuote(bare)) 'PRAGMA user_version = 7;'").status == 0)
        #expect(try shell("sqlite3 \(shellQuote(other)) 'CREATE TABLE invoices (id INTEGER);'").status == 0)
        let folder = cli.dir.file("folder.sqlite")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let fifo = cli.dir.file("pipe.sqlite")
        #expect(mkfifo(fifo, 0o600) == 0)
        let dangling = cli.dir.file("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: cli.dir.file("elsewhere/made.sqlite"))
        try FileManager.default.createDirectory(atPath: cli.dir.file("elsewhere"), withIntermediateDirectories: false)
        let cases: [(String, String)] = [(empty, "empty file (0 bytes)"), (text, "is not a ConsentDesk store"),
                                         (bare, "is not a ConsentDesk store"), (other, "is not a ConsentDesk store"),
                                         (folder, "is a folder"), (fifo, "named pipe"), (dangling, "symbolic link to a file that does not exist")]
        for (store, words) in cases {
            let before = Self.bytes(store)
            for arguments in Self.writeCommands(store: store, scratch: cli.dir.path) {
                let result = try cli.call(arguments)
                #expect(result.status == 1, "\(store) \(arguments): \(result.stdout)\(result.stderr)")
                #expect(result.stderr.contains(words), "\(store) \(arguments): \(result.stderr)")
                #expect(!result.stderr.contains("Added") && !result.stdout.contains("Added"))
            }
            #expect(Self.bytes(store) == before, "\(store) changed")
        }
        // Nothing beside them either: no -wal, -shm or temporary file, no store where the link points.
        #expect(Self.listing(cli.dir.path).filter { $0.hasSuffix("-wal") || $0.hasSuffix("-shm") || $0.hasSuffix(".tmp") }.isEmpty,
                "\(Self.listing(cli.dir.path))")
        #expect(Self.listing(cli.dir.file("elsewhere")).isEmpty)
        // A missing store is still made, whole, by a write; and read back.
        let fresh = cli.dir.file("fresh.sqlite")
        let made = try cli("add-customer", "--tenant-id", Self.contoso, "--name", "Contoso", "--store", fresh)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try cli("verify", "--store", fresh).status == 0)
        #expect(OutputSafetyTests.mode(fresh) == 0o600)
        #expect(!Self.listing(cli.dir.path).contains { $0.hasSuffix(".tmp") })
    }

    // MARK: 2. audit fields: one rule on every path

    @Test func aPartnerUserIdThatIsNotAnObjectIdIsRefusedOnEveryPathItEnters() throws {
        let cli = try CLI.withCustomer()
        let before = try cli("export", "--format", "history").stdout
        // An argument.
        let argument = try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com",
                               "--date", "2026-11-20", "--user-id", "jdoe")
        #expect(argument.status == 2)
        #expect(argument.stderr.contains("\"jdoe\" is not a partner user id") && argument.stderr.contains("Object ID"), "\(argument.stderr)")
        // The environment, for any write.
        let markup = "\"><script>alert(1)</script>"
        for arguments in [["add-customer", "--tenant-id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--name", "Fabrikam"],
                          ["confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20"]] {
            let result = try cli.call(arguments, environment: ["CONSENTDESK_USER_ID": markup])
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("is not a partner user id"), "\(result.stderr)")
        }
        // An imported file: Partner Center's JSON and the desk's own CSV.
        let json = cli.dir.file("agreement.json")
        try """
        {"primaryContact":{"firstName":"Anna","lastName":"Smith","email":"anna@contoso.com"},
         "templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","dateAgreed":"2026-11-20T00:00:00Z",
         "type":"MicrosoftCustomerAgreement","agreementLink":"https://aka.ms/customeragreement","userId":"jdoe"}
        """.write(toFile: json, atomically: true, encoding: .utf8)
        let fromJSON = try cli("import", json, "--customer", "contoso.com")
        #expect(fromJSON.status != 0)
        #expect(fromJSON.stdout.contains("jdoe") || fromJSON.stderr.contains("jdoe"), "\(fromJSON.stdout)\(fromJSON.stderr)")
        #expect((fromJSON.stdout + fromJSON.stderr).contains("is not a partner user id"))
        // Nothing was recorded on any of these paths, and no export carries "jdoe".
        #expect(try cli("export", "--format", "history").stdout == before)
        let folder = cli.dir.file("bodies")
        #expect(try cli("export", "--format", "partner-center", "--output", folder).status == 0)
        #expect(Self.listing(folder).isEmpty)
        // The object id itself is taken from each path.
        let good = try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com",
                           "--date", "2026-11-20", "--user-id", "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f")
        #expect(good.status == 0, "\(good.stderr)")
    }

    @Test func anEmployeeNameFromTheOperatingSystemTakesTheSameRuleAsTheFlag() throws {
        let cli = try CLI.withCustomer()
        let before = try cli("export", "--format", "history").stdout
        for user in ["desk\u{1B}[31mtester", "desk\u{202E}tester", "\u{200B}"] {
            let result = try cli.call(["add-customer", "--tenant-id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--name", "Fabrikam"],
                                      environment: ["USER": user])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("Employee"), "\(result.stderr)")
            #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{202E}"))
        }
        #expect(try cli("export", "--format", "history").stdout == before)
    }

    // MARK: 3. interrupted writes leave no litter

    /// SIGINT, SIGTERM and SIGHUP part way through a partner-center export (one file per
    /// customer, each through a temporary file): the command line removes its temporary file
    /// and the files it made so far (the export is all or nothing), and exits 128 + signal.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aStopSignalDuringAnExportLeavesNoTemporaryOrHalfExport(signal: Int32) throws {
        let cli = CLI()
        #expect(try cli("demo", "--customers", "3000").status == 0)
        let out = cli.dir.file("bodies")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Products.consentdesk)
        process.arguments = ["export", "--format", "partner-center", "--output", out]
        var env = ProcessInfo.processInfo.environment
        env["CONSENTDESK_STORE"] = cli.store
        env["CONSENTDESK_NOW"] = CLI.now
        env["USER"] = "desk-tester"
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The export is writing its files.
        let deadline = Date().addingTimeInterval(30)
        while Self.listing(out).count < 3, Date() < deadline, process.isRunning {
            Thread.sleep(forTimeInterval: 0.002)
        }
        try #require(process.isRunning, "the export ended before it could be stopped")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + signal)
        let left = Self.listing(out)
        #expect(left.isEmpty, "\(left.count) files left, such as \(left.prefix(3))")
    }

    @Test func staleTemporaryFilesOfOursAreSweptByTheNextWriteToTheirFolder() throws {
        let cli = try OutputSafetyTests.confirmed()
        let out = cli.dir.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let old = Date().addingTimeInterval(-2 * 3600)
        func make(_ name: String, age: Date?) throws {
            let path = out + "/" + name
            #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x41, count: 4096)))
            if let age { try FileManager.default.setAttributes([.modificationDate: age], ofItemAtPath: path) }
        }
        try make(".customers.csv.3k9z1q.tmp", age: old)             // a killed export: removed
        try make(".backup.sqlite.a1b2c3d4e5.tmp", age: old)         // a killed backup…
        try make(".backup.sqlite.a1b2c3d4e5.tmp-journal", age: old) // …and its journal: removed
        try make(".customers.csv.7h2k.tmp", age: nil)               // under way (new): kept
        try make(".notes.tmp", age: old)                            // not our pattern: kept
        try make("customers.csv.3k9z1q.tmp", age: old)              // not hidden: kept
        try FileManager.default.createSymbolicLink(atPath: out + "/.linked.csv.abc.tmp", withDestinationPath: out + "/.notes.tmp")
        let export = try cli("export", "--output", out + "/list.csv")
        #expect(export.status == 0, "\(export.stderr)")
        #expect(Self.listing(out) == [".customers.csv.7h2k.tmp", ".linked.csv.abc.tmp", ".notes.tmp", "customers.csv.3k9z1q.tmp", "list.csv"])
        // The store's own folder is swept by the next write to the store.
        let stale = cli.store + "/.store.sqlite.q8w7e6.tmp"
        #expect(FileManager.default.createFile(atPath: stale, contents: Data()))
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: stale)
        #expect(try cli("note", "contoso.com", "--text", "Called").status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    /// A write refused on a store the user may only read leaves no `-wal` or `-shm` (SQLite
    /// would make them with the store's read-only mode, blocking every later writer).
    @Test func aWriteRefusedOnAReadOnlyStoreLeavesNoCompanionFiles() throws {
        let cli = try OutputSafetyTests.confirmed()
        let asRoot = getuid() == 0
        if asRoot {
            try #require(haveTool("setpriv"), "running as root needs setpriv to drop privileges")
            chmod(cli.dir.path, 0o755)
            #expect(try shell("chown -R 65534:65534 \(shellQuote(cli.store))").status == 0)
        }
        defer { if asRoot { _ = try? shell("chown -R 0:0 \(shellQuote(cli.store))") } }
        func asUser(_ arguments: [String]) throws -> ProcessResult {
            let env = ["CONSENTDESK_STORE": cli.store, "CONSENTDESK_NOW": CLI.now, "USER": "desk-tester", "HOME": "/tmp", "LANG": "C.UTF-8"]
            if asRoot {
                return try run("/usr/bin/env", ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", Products.consentdesk] + arguments,
                               environment: env)
            }
            return try run(Products.consentdesk, arguments, environment: env)
        }
        let file = cli.store + "/store.sqlite"
        chmod(file, 0o400)
        let before = Self.listing(cli.store)
        let write = try asUser(["note", "contoso.com", "--text", "Called"])
        #expect(write.status == 1, "\(write.stderr)")
        #expect(write.stderr.contains("Cannot write to"), "\(write.stderr)")
        #expect(Self.listing(cli.store) == before, "\(Self.listing(cli.store))")
        chmod(file, 0o600)
        #expect(try asUser(["note", "contoso.com", "--text", "Called"]).status == 0)
    }

    // MARK: 4. small words

    @Test func anEmptyNameInAListOfKindsIsAWrongCommandLine() throws {
        let cli = try CLI.withCustomer()
        for kind in ["", ",", " , ", "confirmed,", ",confirmed", "confirmed,,withdrawn"] {
            let result = try cli("log", "--kind", kind)
            #expect(result.status == 64, "\(kind.debugDescription): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("is not a kind of event") && result.stderr.contains("customer-added"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect(try cli("log", "--kind", "customer-added, profile-set").status == 0)
    }

    @Test func aTemplateIdIsNamedAsATemplateIdAndQuotedAsTyped() throws {
        let cli = try CLI.withCustomer()
        let result = try cli("templates", "add", "--id", "NOT-A-Guid", "--link", "https://aka.ms/x", "--rank", "3", "--yes")
        #expect(result.status == 2)
        #expect(result.stderr.contains("\"NOT-A-Guid\" is not a template id"), "\(result.stderr)")
        #expect(!result.stderr.contains("tenant id") && !result.stderr.contains("not-a-guid"))
        // Siblings: a domain is quoted as typed; a list of domains of only commas is none.
        let domain = try cli("add-customer", "--tenant-id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--name", "Fabrikam", "--domains", "Fabrikam_COM")
        #expect(domain.status == 2)
        #expect(domain.stderr.contains("\"Fabrikam_COM\" is not a domain name"), "\(domain.stderr)")
        let reseller = try cli("profile", "add-reseller", "--id", "R-2", "--name", "Litware", "--domains", ",")
        #expect(reseller.status == 2, "\(reseller.stderr)")
        #expect(!(try cli("profile", "show").stdout.contains("Litware")))
    }

    // MARK: 5. a request nobody needs

    @Test func aRequestForACustomerConfirmedOnTheCurrentTemplateIsRefusedUnlessOneWillBeNeeded() throws {
        let cli = try OutputSafetyTests.confirmed()
        let before = try cli("export", "--format", "history").stdout
        let refused = try cli("request", "contoso.com", "--from", "Tailspin")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("confirmed on the current template") && refused.stderr.contains("nothing is missing"), "\(refused.stderr)")
        #expect(try cli("export", "--format", "history").stdout == before)
        // With a template coming that will outdate the acceptance, asking again is right.
        let add = try cli("templates", "add", "--id", "33333333-4444-4555-8666-777777777777", "--link", "https://aka.ms/customeragreement",
                          "--rank", "1", "--effective", "2026-12-26", "--yes")
        #expect(add.status == 0, "\(add.stderr)")
        let asked = try cli("request", "contoso.com", "--from", "Tailspin")
        #expect(asked.status == 0, "\(asked.stderr)")
    }

    // MARK: 6. who recorded an imported confirmation

    @Test func anImportedConfirmationIsRecordedByWhoeverRanTheImport() throws {
        let cli = try CLI.withCustomer()
        let export = try OutputSafetyTests.confirmed()
        let csv = cli.dir.file("from-other-desk.csv")
        // The other desk's export names its employee, desk-tester; this desk's employee is amy.
        #expect(try export("export", "--output", csv).status == 0)
        let imported = try cli.call(["import", csv], environment: ["USER": "amy"])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let history = try CLI.jsonLines(try cli("export", "--format", "history").stdout)
        // The event: recorded by amy; the confirmation: made with the customer by desk-tester.
        let confirmed = try #require(history.first { $0["kind"] as? String == "confirmed" })
        #expect(confirmed["employee"] as? String == "amy")
        #expect((confirmed["confirmation"] as? [String: Any])?["employee"] as? String == "desk-tester", "\(confirmed)")
        let show = try cli("show", "contoso.com").stdout
        #expect(show.contains("Employee             desk-tester"), "\(show)")
        #expect(show.contains("amy") && show.contains("— confirmed with the customer by desk-tester"), "\(show)")
        let log = try cli("log", "--kind", "confirmed").stdout
        #expect(log.contains("amy"), "\(log)")
        let logged = try CLI.jsonLines(try cli("log", "--kind", "confirmed", "--json").stdout)
        #expect(logged.first?["employee"] as? String == "amy")
        #expect((logged.first?["confirmation"] as? [String: Any])?["employee"] as? String == "desk-tester")
        #expect(try cli("verify").status == 0)
    }

    // MARK: 7. every day a policy change moves statuses

    @Test func aCutoffMovedFromThePastToTheFutureReportsBothDaysItMovesStatuses() throws {
        let cli = try OutputSafetyTests.confirmed()   // confirmed 2026-11-20; today 2026-11-25
        #expect(try cli("profile", "set", "--cutoff", "2026-11-21", "--yes").status == 0)
        let moved = try cli("profile", "set", "--cutoff", "2026-12-10")
        #expect(moved.status == 2)
        #expect(moved.stderr.contains("1 customer changes status today: 1 outdated → confirmed."), "\(moved.stderr)")
        #expect(moved.stderr.contains("From 2026-12-10, with this change, 1 customer changes status: 1 confirmed → outdated."), "\(moved.stderr)")
        // And the check on that day agrees.
        #expect(try cli("profile", "set", "--cutoff", "2026-12-10", "--yes").status == 0)
        #expect(try cli("check", "contoso.com", "--transaction", "new-purchase").status == 0)
        #expect(try cli("check", "contoso.com", "--transaction", "new-purchase", "--as-of", "2026-12-10").status == 3)
    }
}
