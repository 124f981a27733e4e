import Foundation
import Testing
import TestSupport

@Suite("The command line, through the real binary")
struct CommandLineTests {
    @Test func confirmThenShowThenListAsJSON() throws {
        let cli = try CLI.withCustomer()
        let confirm = try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com",
                              "--date", "2026-11-20", "--evidence", "TICKET-1")
        #expect(confirm.status == 0, "\(confirm.stderr)")
        #expect(confirm.stderr.contains("Confirmation recorded for Contoso Ltd"))
        let show = try cli("show", "Contoso")
        #expect(show.stdout.contains("confirmed"))
        #expect(show.stdout.contains("Anna Smith <anna@contoso.com>"))
        #expect(show.stdout.contains("TICKET-1"))
        #expect(show.stdout.contains("desk-tester"))
        let list = try CLI.jsonLines(try cli("list", "--json").stdout)
        #expect(list.count == 1)
        #expect(list[0]["tenantId"] as? String == "0f8fad5b-d9cb-469f-a165-70867728950e")
        #expect(list[0]["companyName"] as? String == "Contoso Ltd")
        #expect(list[0]["status"] as? String == "confirmed")
        let confirmation = list[0]["confirmation"] as? [String: Any]
        #expect((confirmation?["primaryContact"] as? [String: Any])?["email"] as? String == "anna@contoso.com")
        #expect(confirmation?["dateAgreed"] as? String == "2026-11-20")
        #expect(confirmation?["userId"] as? String == "5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13")
    }

    @Test func storeOptionWorksBeforeAndAfterTheSubcommand() throws {
        let cli = try CLI.withCustomer()
        let elsewhere = cli.dir.file("other")
        #expect(try cli("--store", elsewhere, "demo", "--customers", "5").status == 0)
        let before = try cli("--store", elsewhere, "list", "--json")
        let after = try cli("list", "--json", "--store", elsewhere)
        #expect(try CLI.jsonLines(before.stdout).count == 5)
        #expect(before.stdout == after.stdout)
        #expect(try CLI.jsonLines(try cli("list", "--json").stdout).count == 1)
    }

    @Test func futureDateIsRefusedWithTheFieldAndTheFixAndNothingIsWritten() throws {
        let cli = try CLI.withCustomer()
        let history = try cli("export", "--format", "history").stdout
        let result = try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-26")
        #expect(result.status == 2)
        #expect(result.stderr.contains("Acceptance date 2026-11-26 is in the future"))
        #expect(result.stderr.contains("600002"))
        #expect(try cli("export", "--format", "history").stdout == history)
    }

    @Test func resellerEmailIsRefused() throws {
        let cli = try CLI.withCustomer()
        let result = try cli("confirm", "contoso.com", "--first", "Bob", "--last", "Jones", "--email", "bob@tailspin.example", "--date", "2026-11-20")
        #expect(result.status == 2)
        #expect(result.stderr.contains("reseller Tailspin"))
    }

    @Test func badEmailNamesTheFieldAndTheFix() throws {
        let cli = try CLI.withCustomer()
        let result = try cli("confirm", "contoso.com", "--first", "A", "--last", "B", "--email", "anna.contoso.com", "--date", "2026-11-20")
        #expect(result.status == 2)
        #expect(result.stderr.contains("Email \"anna.contoso.com\" is not a valid address"))
    }

    @Test func duplicateConfirmationIsRefused() throws {
        let cli = try CLI.withCustomer()
        let args = ["confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20"]
        #expect(try cli.call(args).status == 0)
        let again = try cli.call(args)
        #expect(again.status == 2)
        #expect(again.stderr.contains("600061"))
    }

    @Test func unknownCustomerAndBadTenantIdAreClear() throws {
        let cli = try CLI.withCustomer()
        let unknown = try cli("show", "fabrikam")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("No customer matches \"fabrikam\""))
        let bad = try cli("add-customer", "--tenant-id", "contoso", "--name", "X")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("GUID"))
    }

    @Test func usageErrorsExit64() throws {
        let cli = CLI()
        #expect(try cli("list", "--frobnicate").status == 64)
        #expect(try cli("confirm").status == 64)
    }

    @Test func withdrawBlocksAndRequestShowsWaiting() throws {
        let cli = try CLI.withCustomer()
        try cli("add-customer", "--tenant-id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--name", "Fabrikam", "--domains", "fabrikam.com")
        let request = try cli("request", "fabrikam.com", "--from", "Tailspin", "--date", "2026-11-15")
        #expect(request.status == 0, "\(request.stderr)")
        #expect(try cli("show", "fabrikam.com").stdout.contains("10 days waiting"))
        try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        let withdraw = try cli("withdraw", "contoso.com", "--date", "2026-11-24", "--reason", "No longer agrees")
        #expect(withdraw.status == 0)
        let list = try CLI.jsonLines(try cli("list", "--json", "--status", "withdrawn").stdout)
        #expect(list.map { $0["companyName"] as? String } == ["Contoso Ltd"])
        #expect(try cli("list", "--status", "blocked").stdout.contains("Fabrikam"))
        let noWithdrawal = try cli("withdraw", "fabrikam.com", "--date", "2026-11-24", "--reason", "x")
        #expect(noWithdrawal.status == 2)
        #expect(noWithdrawal.stderr.contains("no confirmation to withdraw"))
    }

    @Test func checkExitCodesForEveryStatus() throws {
        let cli = CLI()
        #expect(try cli("demo", "--customers", "200", "--seed", "3").status == 0)
        let all = try CLI.jsonLines(try cli("list", "--json").stdout)
        let expected: [String: Int32] = ["confirmed": 0, "not-applicable": 0, "missing": 3, "requested": 3, "outdated": 3, "withdrawn": 3]
        for (status, code) in expected {
            let customer = try #require(all.first { $0["status"] as? String == status }, "no \(status) customer in the demo")
            let tenant = customer["tenantId"] as! String
            let newPurchase = try cli("check", tenant, "--transaction", "new-purchase")
            #expect(newPurchase.status == code, "\(status): \(newPurchase.stderr)")
            // The answer is on standard output whether allowed or blocked.
            #expect(newPurchase.stdout.contains(code == 3 ? "Fix:" : "Allowed"), "\(status): \(newPurchase.stdout)")
            #expect(newPurchase.stderr.isEmpty)
            #expect(try cli("check", tenant, "--transaction", "auto-renewal").status == 0, "auto-renewal for \(status)")
        }
        let missing = all.first { $0["status"] as? String == "missing" }!["tenantId"] as! String
        #expect(try cli("check", missing, "--transaction", "seat-change", "--channel", "api", "--as-of", "2019-03-21").status == 0)
        #expect(try cli("check", missing, "--transaction", "seat-change", "--channel", "api", "--as-of", "2019-03-22").status == 3)
        #expect(try cli("check", missing, "--transaction", "buy").status == 64)
    }

    @Test func verifyAndBackup() throws {
        let cli = try CLI.withCustomer()
        let verify = try cli("verify")
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("Verified 3 events"))
        let target = cli.dir.file("backup.sqlite")
        #expect(try cli("backup", target).status == 0)
        #expect(try cli("--store", target, "list", "--json").stdout.contains("Contoso Ltd"))
        #expect(try cli("backup", target).status == 1)
        _ = try shell("sqlite3 \(shellQuote(cli.store + "/store.sqlite")) \"DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, 'Contoso', 'Kontoso') WHERE seq = 3;\"")
        let broken = try cli("verify")
        #expect(broken.status == 4)
        #expect(broken.stderr.contains("at event 3"))
    }

    @Test func templatesAddListAndRetire() throws {
        let cli = try CLI.withCustomer()
        try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        // It would make the confirmed customer outdated: a script must say --yes.
        let refused = try cli("templates", "add", "--id", "22222222-3333-4444-8555-666666666666", "--link", "https://aka.ms/customeragreement", "--rank", "1")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("1 customer changes status today: 1 confirmed → outdated"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--yes"))
        #expect(!(try cli("templates").stdout.contains("22222222-3333-4444-8555-666666666666")))
        let add = try cli("templates", "add", "--id", "22222222-3333-4444-8555-666666666666", "--link", "https://aka.ms/customeragreement", "--rank", "1", "--yes")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(try cli("templates").stdout.contains("22222222-3333-4444-8555-666666666666"))
        let json = try JSONSerialization.jsonObject(with: Data(try cli("templates", "list", "--json").stdout.utf8)) as? [String: Any]
        #expect(json?["totalCount"] as? Int == 3)
        #expect(try CLI.jsonLines(try cli("list", "--json").stdout)[0]["status"] as? String == "outdated")
        #expect(try cli("templates", "retire", "22222222-3333-4444-8555-666666666666").status == 2)
        #expect(try cli("templates", "retire", "22222222-3333-4444-8555-666666666666", "--yes").status == 0)
        #expect(try CLI.jsonLines(try cli("list", "--json").stdout)[0]["status"] as? String == "confirmed")
    }

    @Test func nationalCloudCustomerCannotBeConfirmed() throws {
        let cli = try CLI.withCustomer()
        try cli("add-customer", "--tenant-id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--name", "Bund", "--domains", "bund.de", "--cloud", "germany")
        let result = try cli("confirm", "bund.de", "--first", "A", "--last", "B", "--email", "a@bund.de", "--date", "2026-11-20")
        #expect(result.status == 2)
        #expect(result.stderr.contains("national cloud"))
        #expect(try CLI.jsonLines(try cli("list", "--json", "--status", "not-applicable").stdout).count == 1)
    }

    @Test func listTableAlignsCJKByDisplayWidth() throws {
        let cli = try CLI.withCustomer()
        try cli("add-customer", "--tenant-id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--name", "北京云端科技有限公司", "--domains", "bj.cn")
        let lines = try cli("list").stdout.split(separator: "\n").map(String.init)
        let contoso = try #require(lines.first { $0.contains("Contoso") })
        let beijing = try #require(lines.first { $0.contains("北京") })
        func column(of text: String, in line: String) -> Int {
            let prefix = line[..<line.range(of: text)!.lowerBound]
            return prefix.reduce(0) { $0 + ($1.unicodeScalars.first!.value >= 0x1100 ? 2 : 1) }
        }
        #expect(column(of: "contoso.com", in: contoso) == column(of: "bj.cn", in: beijing))
    }

    @Test func controlCharactersInStoredNamesArePrintedEscaped() throws {
        let cli = try CLI.withCustomer()
        // Through the CSV import a name with an escape sequence is refused…
        let csv = cli.dir.file("evil.csv")
        try "tenantId,companyName\n1b4e28ba-2fa1-41d2-883f-0016d3cca427,\"Evil\u{1B}[2J Corp\"\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let result = try cli("import", csv)
        #expect(result.status == 2)
        #expect(result.stdout.contains("line 2"))
        #expect(result.stdout.contains("control character"))
        #expect(!result.stdout.contains("\u{1B}") && !result.stderr.contains("\u{1B}"))
    }

    @Test func helpExplainsItselfWithExamplesAndExitCodes() throws {
        let help = try CLI()("--help").stdout
        #expect(help.contains("Exit codes"))
        #expect(help.contains("check: the transaction is blocked"))
        let importHelp = try CLI()("import", "--help").stdout
        #expect(importHelp.contains("--skip-invalid"))
        #expect(importHelp.contains("Examples"))
    }

    /// A large demo store loads whole and lists (how fast is for scripts/bench, not a test).
    @Test func aLargeDemoStoreLoadsWhole() throws {
        let cli = CLI()
        let result = try cli("demo", "--customers", "20000")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try cli("list", "--status", "withdrawn", "--json").stdout.split(separator: "\n").count > 200)
        #expect(try cli("verify").status == 0)
    }

    @Test func chineseMessagesFollowLANGAndLangOverridesIt() throws {
        let cli = try CLI.withCustomer()
        let zh = try cli("confirm", "contoso.com", "--first", "A", "--last", "B", "--email", "a@contoso.com", "--date", "2026-11-26",
                         environment: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.status == 2)
        #expect(zh.stderr.contains("是将来的日期"))
        #expect(zh.stderr.contains("2026-11-26"))
        let list = try cli("list", environment: ["LANG": "zh_CN.UTF-8"])
        #expect(list.stdout.contains("状态") && list.stdout.contains("缺失"))
        let english = try cli("list", "--lang", "en", environment: ["LANG": "zh_CN.UTF-8"])
        #expect(english.stdout.contains("Status") && english.stdout.contains("missing"))
        let help = try cli("--help", environment: ["LANG": "zh_CN.UTF-8"])
        #expect(help.stdout.contains("退出代码"))
    }
}
