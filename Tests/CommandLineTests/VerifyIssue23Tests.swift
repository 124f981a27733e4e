import Foundation
import Testing
import TestSupport

/// Issue 23: `verify` judged anchors it could not see, read its journal without the care it
/// is written with, did not look at the search index or the renewals, and numbered a wrong
/// row by the wrong event. Each test would have failed before its fix.
@Suite("verify: writers meanwhile, the journal read strictly, the list's indexes, numbering, every write path")
struct VerifyIssue23Tests {
    static let contoso = "0f8fad5b-d9cb-469f-a165-70867728950e"

    /// The environment of `cli`'s desk, for a command run another way (a shell, another folder).
    static func environment(_ cli: CLI, _ extra: [String: String] = [:]) -> [String: String] {
        var env = ["CONSENTDESK_NOW": CLI.now, "USER": "desk-tester", "CONSENTDESK_STORE": cli.store, "CONSENTDESK_ANCHORS": cli.anchors]
        for (key, value) in extra { env[key] = value }
        return env
    }

    // MARK: 1. A false alarm of truncation while other desks write

    @Test func noFalseAlarmOfTruncationWhileOtherDesksWriteYetATruncationIsCaught() throws {
        let cli = CLI()
        #expect(try cli("demo", "--customers", "1500", "--seed", "3").status == 0)
        let first = try #require(try CLI.jsonLines(try cli("list", "--json").stdout).first)
        let tenant = try #require(first["tenantId"] as? String)
        let backup = cli.dir.file("before.sqlite")
        #expect(try cli("backup", backup).status == 0)
        // Two desks of the same account note one customer again and again while a third verifies.
        let writing = Locked(2)
        let writerFailures = Locked<[String]>([])
        let group = DispatchGroup()
        for desk in 0..<2 {
            DispatchQueue.global().async(group: group) {
                for n in 0..<20 {
                    let result = try? cli("note", tenant, "--text", "Desk \(desk) called, round \(n)")
                    if result?.status != 0 { writerFailures.update { $0.append(result?.stderr ?? "not run") } }
                }
                writing.update { $0 -= 1 }
            }
        }
        var runs: [ProcessResult] = []
        repeat { runs.append(try cli("verify")) } while writing.value > 0 && runs.count < 30
        group.wait()
        #expect(writerFailures.value.isEmpty, "\(writerFailures.value)")
        for run in runs {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stderr.contains("truncated"))
        }
        let after = try cli("verify")
        #expect(after.status == 0, "\(after.stderr)")
        // A real truncation (an older copy over the store) is still caught.
        let file = cli.store + "/store.sqlite"
        #expect(try shell("rm -f \(shellQuote(file))-wal \(shellQuote(file))-shm && cp \(shellQuote(backup)) \(shellQuote(file))").status == 0)
        let truncated = try cli("verify")
        #expect(truncated.status == 4)
        #expect(truncated.stderr.contains("truncated or replaced by an older copy"))
    }

    // MARK: 2. The journal read as strictly as it is written

    /// A pipe, a device, a symbolic link and a folder in the journal's place: verify neither
    /// blocks nor reads without end, and says in words what is wrong; a write says so too.
    @Test(arguments: ["pipe", "/dev/zero", "/dev/urandom", "symlink", "folder"])
    func aJournalThatIsNotARegularFileIsRefusedAtOnceInWords(kind: String) throws {
        let cli = try CLI.withCustomer()
        var journal = cli.dir.file("odd-journal")
        let words: String
        switch kind {
        case "pipe":
            #expect(mkfifo(journal, 0o600) == 0)
            words = "not a regular file"
        case "symlink":
            #expect(symlink(cli.anchors, journal) == 0)
            words = "symbolic link"
        case "folder":
            #expect(mkdir(journal, 0o700) == 0)
            words = "is a folder"
        default:
            journal = kind
            words = "not a regular file"
        }
        let env = Self.environment(cli, ["CONSENTDESK_ANCHORS": journal])
        let verify = try shell("timeout 60 \(shellQuote(Products.consentdesk)) verify", environment: env)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains(words), "\(verify.stdout)")
        #expect(verify.stdout.contains("the store was checked without it"))
        #expect(!verify.stdout.contains("error 256") && !verify.stdout.contains("Too many levels"))
        let write = try shell("timeout 60 \(shellQuote(Products.consentdesk)) note contoso.com --text Called", environment: env)
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stderr.contains("The change was saved"))
        #expect(write.stderr.contains(kind == "folder" ? "is a folder" : kind == "symlink" ? "symbolic link" : "is not a regular file"),
                "\(write.stderr)")
    }

    @Test func aTornLastLineOfTheJournalIsEndedBeforeTheNextAnchorSoNoAnchorIsSwallowed() throws {
        let cli = try CLI.withCustomer()
        let handle = try #require(FileHandle(forWritingAtPath: cli.anchors))
        handle.seekToEndOfFile()
        handle.write(Data("{\"hash\":\"3f5a".utf8))
        try handle.close()
        let confirm = try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        #expect(confirm.status == 0, "\(confirm.stderr)")
        #expect(confirm.stderr.contains("(line 4) had been cut off"), "\(confirm.stderr)")
        let last = try #require(try String(contentsOfFile: cli.anchors, encoding: .utf8).split(separator: "\n").last)
        let anchor = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        #expect(anchor["seq"] as? Int == 4)
        let verify = try cli("verify")
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("4 recorded heads"))
        #expect(verify.stdout.contains("line 4"))
    }

    @Test func anAnchorWithAnOutOfRangeValueIsAnUnreadableLineNotATruncation() throws {
        let cli = try CLI.withCustomer()
        let first = try #require(try String(contentsOfFile: cli.anchors, encoding: .utf8).split(separator: "\n").first)
        var anchor = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        anchor["seq"] = -5
        var line = try JSONSerialization.data(withJSONObject: anchor, options: [.sortedKeys])
        anchor["seq"] = 1
        anchor["hash"] = "not a hash"
        line += Data("\n".utf8) + (try JSONSerialization.data(withJSONObject: anchor, options: [.sortedKeys])) + Data("\n".utf8)
        let handle = try #require(FileHandle(forWritingAtPath: cli.anchors))
        handle.seekToEndOfFile()
        handle.write(line)
        try handle.close()
        let verify = try cli("verify")
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("line 4, 5"))
        #expect(verify.stdout.contains("3 recorded heads"))
    }

    /// The XDG base directory specification: a relative path is invalid and ignored (the
    /// journal and the store never depend on the folder a command is run from).
    @Test func aRelativeXDGDirectoryIsIgnoredForTheJournalAndTheStore() throws {
        let dir = TemporaryDirectory("xdg")
        let home = dir.file("home"), here = dir.file("here")
        #expect(mkdir(home, 0o700) == 0 && mkdir(here, 0o700) == 0)
        let env = ["CONSENTDESK_NOW": CLI.now, "USER": "desk-tester", "HOME": home, "CONSENTDESK_STORE": "", "CONSENTDESK_ANCHORS": "",
                   "XDG_STATE_HOME": "state", "XDG_DATA_HOME": "data"]
        let add = try run(Products.consentdesk, ["add-customer", "--tenant-id", Self.contoso, "--name", "Contoso Ltd"],
                          environment: env, currentDirectory: here)
        #expect(add.status == 0, "\(add.stderr)")
        let manager = FileManager.default
        #expect(!manager.fileExists(atPath: here + "/state") && !manager.fileExists(atPath: here + "/data"))
        #expect(manager.fileExists(atPath: home + "/.local/state/consentdesk/anchors.jsonl"))
        #expect(manager.fileExists(atPath: home + "/.local/share/consentdesk/store.sqlite"))
        let verify = try run(Products.consentdesk, ["verify"], environment: env, currentDirectory: dir.path)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("1 recorded heads") || verify.stdout.contains("1 recorded head"))
    }

    // MARK: 3. The search index and the renewals against the rows

    @Test func aHandChangedSearchIndexEntryFailsVerify() throws {
        let cli = try CLI.withCustomer()
        // Contoso's index entry made to hold another company's words: a search for them finds Contoso.
        let tamper = try cli.sqlite("""
            INSERT INTO customer_search (customer_search, rowid, sText) SELECT 'delete', rowid, sText FROM customers WHERE tenantId = '\(Self.contoso)';
            INSERT INTO customer_search (rowid, sText) SELECT rowid, 'litware inc' FROM customers WHERE tenantId = '\(Self.contoso)';
            """)
        #expect(tamper.status == 0, "\(tamper.stderr)")
        #expect(try cli("list", "--search", "litware").stdout.contains("Contoso"))
        let verify = try cli("verify")
        #expect(verify.status == 4)
        #expect(verify.stderr.contains("search index entry of customer \(Self.contoso)"), "\(verify.stderr)")
    }

    @Test func aSearchIndexEntryChangedToWordsOfTheSameLengthIsCaughtByVerifyFull() throws {
        let cli = try CLI.withCustomer()
        let tamper = try cli.sqlite("""
            INSERT INTO customer_search (customer_search, rowid, sText) SELECT 'delete', rowid, sText FROM customers WHERE tenantId = '\(Self.contoso)';
            INSERT INTO customer_search (rowid, sText) SELECT rowid, upper(sText) FROM customers WHERE tenantId = '\(Self.contoso)';
            """)
        #expect(tamper.status == 0, "\(tamper.stderr)")
        let plain = try cli("verify")
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("verify --full"))
        let full = try cli("verify", "--full")
        #expect(full.status == 4)
        #expect(full.stderr.contains("search index does not match the customer rows"), "\(full.stderr)")
        // An untouched store passes the full check and says nothing was left out.
        let clean = try CLI.withCustomer()
        let intact = try clean("verify", "--full")
        #expect(intact.status == 0, "\(intact.stderr)")
        #expect(!intact.stdout.contains("verify --full"))
    }

    @Test(arguments: ["UPDATE customer_renewals SET day = '2031-01-01' WHERE rowid = (SELECT MIN(rowid) FROM customer_renewals)",
                      "DELETE FROM customer_renewals WHERE rowid = (SELECT MIN(rowid) FROM customer_renewals)",
                      "INSERT INTO customer_renewals (tenantId, day) SELECT tenantId, '2027-02-03' FROM customers LIMIT 1"])
    func aHandChangedRenewalFailsVerify(tamper: String) throws {
        let cli = CLI()
        #expect(try cli("demo", "--customers", "40", "--seed", "7").status == 0)
        let count = Int(try cli.sqlite("SELECT COUNT(*) FROM customer_renewals;").stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(count > 0)
        #expect(try cli("verify").status == 0)
        #expect(try cli.sqlite(tamper + ";").status == 0)
        let verify = try cli("verify")
        #expect(verify.status == 4)
        #expect(verify.stderr.contains("renewals stored for customer"), "\(verify.stderr)")
    }

    // MARK: 4. The event (or the row) a failure is numbered by

    @Test func aRowTheHistoryNeverMadeIsNamedNotNumberedEventDash() throws {
        let cli = try CLI.withCustomer()
        let ghost = "11111111-2222-4333-8444-555555555555"
        let tamper = try cli.sqlite("""
            CREATE TEMP TABLE copy AS SELECT * FROM customers; UPDATE copy SET tenantId = '\(ghost)', companyName = 'Ghost Ltd';
            INSERT INTO customers SELECT * FROM copy;
            """)
        #expect(tamper.status == 0, "\(tamper.stderr)")
        let verify = try cli("verify")
        #expect(verify.status == 4)
        #expect(!verify.stderr.contains("at event -"))
        #expect(verify.stderr.contains("the customer row \(ghost) has no event in the history"), "\(verify.stderr)")
    }

    @Test func aChangedRowIsNumberedByTheEventThatSetTheChangedPartNotTheCustomersLast() throws {
        let cli = try CLI.withCustomer()
        // 3 added the customer; 4 confirms; 5 is a note.
        try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        #expect(try cli("note", "contoso.com", "--text", "Called Anna").status == 0)
        #expect(try cli.sqlite("UPDATE customers SET companyName = 'Contoso Evil' WHERE tenantId = '\(Self.contoso)';").status == 0)
        let renamed = try JSONSerialization.jsonObject(with: Data(try cli("verify", "--json").stdout.utf8)) as? [String: Any]
        #expect(renamed?["valid"] as? Bool == false)
        #expect(renamed?["firstBadSeq"] as? Int == 3)
        // The status column a desk filters by, moved back to "missing": the confirmation (4) set it.
        #expect(try cli.sqlite("UPDATE customers SET companyName = 'Contoso Ltd', status = 1 WHERE tenantId = '\(Self.contoso)';").status == 0)
        let status = try JSONSerialization.jsonObject(with: Data(try cli("verify", "--json").stdout.utf8)) as? [String: Any]
        #expect(status?["firstBadSeq"] as? Int == 4)
        #expect((status?["problem"] as? String)?.contains("status") == true)
    }

    // MARK: 5. verify passes after every write path

    @Test func verifyIsIntactAfterEveryWritePath() throws {
        let cli = CLI()
        func step(_ arguments: String...) throws {
            let result = try cli.call(arguments)
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
            try cli.expectIntact(after: arguments.joined(separator: " "))
        }
        try step("profile", "set", "--name", "Northwind", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                 "--domains", "northwind.example", "--role", "indirectProvider", "--user-id", "5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13")
        try step("profile", "add-reseller", "--id", "R-1", "--name", "Tailspin", "--domains", "tailspin.example")
        try step("profile", "add-reseller", "--id", "R-2", "--name", "Wingtip", "--domains", "wingtip.example")
        try step("profile", "edit-reseller", "--id", "R-1", "--name", "Tailspin Toys")
        try step("profile", "remove-reseller", "--id", "R-2")
        try step("add-customer", "--tenant-id", Self.contoso, "--name", "Contoso Ltd", "--domains", "contoso.com", "--country", "US")
        try step("add-customer", "--tenant-id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--name", "Fabrikam", "--domains", "fabrikam.com",
                 "--country", "DE", "--reseller", "R-1")
        let edit = cli.dir.file("edit.csv")
        try "tenantId,companyName\n\(Self.contoso),Contoso Renamed\n".write(toFile: edit, atomically: true, encoding: .utf8)
        try step("import", edit)
        try step("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        try step("request", "fabrikam.com", "--from", "Tailspin", "--date", "2026-11-21")
        try step("withdraw", "contoso.com", "--date", "2026-11-24", "--reason", "Customer left")
        let head = try #require(try JSONSerialization.jsonObject(with: Data(try cli("verify", "--json").stdout.utf8)) as? [String: Any])
        try step("void", "\(try #require(head["headSeq"] as? Int))", "--reason", "entered on the wrong day")
        try step("note", "contoso.com", "fabrikam.com", "--text", "Called both")
        try step("templates", "add", "--id", "22222222-3333-4444-8555-666666666666", "--link", "https://aka.ms/customeragreement",
                 "--rank", "1", "--yes")
        try step("templates", "retire", "22222222-3333-4444-8555-666666666666", "--yes")
        let attestations = cli.dir.file("attest.csv")
        try """
        CustomerTenantId,CustomerDomainName,DateAgreed,FirstName,LastName,PhoneNumber,Email,AgreementType
        1b4e28ba-2fa1-41d2-883f-0016d3cca427,fabrikam.com,2026-11-22,Bob,Jones,,bob@fabrikam.com,MicrosoftCustomerAgreement

        """.write(toFile: attestations, atomically: true, encoding: .utf8)
        try step("import", attestations)
        try step("profile", "set", "--name", "Northwind Partners", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                 "--domains", "northwind.example", "--role", "indirectProvider", "--user-id", "5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13")
        // Partner Center bodies into a fresh store, and the demo into another.
        let bodies = cli.dir.file("bodies")
        #expect(try cli("export", "--format", "partner-center", "--output", bodies).status == 0)
        let fresh = CLI()
        #expect(try fresh("profile", "set", "--name", "P", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                          "--user-id", "5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13").status == 0)
        // Fabrikam's acceptance names the template the source added (and later retired).
        #expect(try fresh("templates", "add", "--id", "22222222-3333-4444-8555-666666666666", "--link",
                          "https://aka.ms/customeragreement", "--rank", "1", "--yes").status == 0)
        let imported = try fresh("import", bodies)
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        try fresh.expectIntact(after: "import partner-center")
        let demo = CLI()
        #expect(try demo("demo", "--customers", "150", "--seed", "11").status == 0)
        try demo.expectIntact(after: "demo")
        let csv = demo.dir.file("customers.csv")
        #expect(try demo("export", "--format", "csv", "--output", csv).status == 0)
        let target = CLI()
        try target("profile", "set", "--name", "Northwind Cloud Partners", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                   "--domains", "northwindcloud.example", "--role", "indirectProvider", "--user-id", "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f")
        for (id, name, domain) in [("R-100", "Tailspin Resellers", "tailspin.example"), ("R-200", "Wingtip IT", "wingtip.example"),
                                   ("R-300", "星云渠道", "xingyun.example")] {
            try target("profile", "add-reseller", "--id", id, "--name", name, "--domains", domain)
        }
        let whole = try target("import", csv)
        #expect(whole.status == 0, "\(whole.stdout)\(whole.stderr)")
        try target.expectIntact(after: "import customers")
    }
}
