import Foundation
import Testing
import TestSupport

/// `show --json` of Contoso as a dictionary.
private func shown(_ cli: CLI) throws -> [String: Any] {
    let result = try cli("show", "contoso.com", "--json")
    #expect(result.status == 0, "\(result.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
}



private func eventCount(_ cli: CLI) throws -> String {
    try cli.sqlite("SELECT COUNT(*) FROM events;").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}

@Suite("void: corrections are voids, not deletions (rule 12)")
struct VoidTests {
    static let anna = ["--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com"]
    static let bob = ["--first", "Bob", "--last", "Jones", "--email", "bob@contoso.com"]

    /// Contoso (event #3) with Anna's confirmation of 2026-11-20 (#4).
    static func confirmed() throws -> CLI {
        let cli = try CLI.withCustomer()
        let confirm = try cli.call(["confirm", "contoso.com", "--date", "2026-11-20"] + anna)
        #expect(confirm.status == 0, "\(confirm.stderr)")
        return cli
    }

    @Test func everyWritePrintsTheEventNumberItCreated() throws {
        let cli = CLI()
        let profile = try cli("profile", "set", "--name", "Northwind", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                              "--domains", "northwind.example", "--role", "indirectProvider", "--user-id", "5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13")
        #expect(profile.status == 0 && profile.stderr.contains("#1"), "\(profile.stderr)")
        let reseller = try cli("profile", "add-reseller", "--id", "R-1", "--name", "Tailspin", "--domains", "tailspin.example")
        #expect(reseller.status == 0 && reseller.stderr.contains("#2"), "\(reseller.stderr)")
        let add = try cli("add-customer", "--tenant-id", "0f8fad5b-d9cb-469f-a165-70867728950e", "--name", "Contoso Ltd",
                          "--domains", "contoso.com", "--country", "US")
        #expect(add.status == 0 && add.stderr.contains("#3"), "\(add.stderr)")
        let request = try cli("request", "contoso.com", "--from", "it@contoso.com", "--date", "2026-11-19")
        #expect(request.status == 0 && request.stderr.contains("#4"), "\(request.stderr)")
        let confirm = try cli.call(["confirm", "contoso.com", "--date", "2026-11-20"] + Self.anna)
        #expect(confirm.status == 0 && confirm.stderr.contains("#5"), "\(confirm.stderr)")
        let withdraw = try cli("withdraw", "contoso.com", "--date", "2026-11-24", "--reason", "Customer left")
        #expect(withdraw.status == 0 && withdraw.stderr.contains("#6"), "\(withdraw.stderr)")
        let void = try cli("void", "#6", "--reason", "entered on the wrong customer")
        #expect(void.status == 0 && void.stderr.contains("#6") && void.stderr.contains("#7"), "\(void.stderr)")
    }

    @Test func voidingAConfirmationRestoresTheEarlierOneThenNone() throws {
        let cli = try Self.confirmed()
        #expect(try cli.call(["confirm", "contoso.com", "--date", "2026-11-22"] + Self.bob).status == 0)
        var customer = try shown(cli)
        #expect((customer["confirmation"] as? [String: Any]).flatMap { $0["primaryContact"] as? [String: Any] }?["firstName"] as? String == "Bob")

        let void = try cli("void", "5", "--reason", "Bob signed for another tenant")
        #expect(void.status == 0, "\(void.stderr)")
        #expect(void.stderr.contains("#6"))
        customer = try shown(cli)
        #expect(customer["status"] as? String == "confirmed")
        #expect((customer["confirmation"] as? [String: Any]).flatMap { $0["primaryContact"] as? [String: Any] }?["firstName"] as? String == "Anna")

        #expect(try cli("void", "4", "--reason", "no acceptance was ever given").status == 0)
        customer = try shown(cli)
        #expect(customer["status"] as? String == "missing")
        #expect(customer["confirmation"] == nil)
        #expect(try cli("verify").status == 0)
    }

    /// Rule 10 after a void: a withdrawal never stands without the acceptance it withdrew.
    @Test func aVoidThatWouldLeaveAWithdrawalAloneIsRefused() throws {
        let cli = try Self.confirmed()                                                        // #4 Anna
        #expect(try cli.call(["confirm", "contoso.com", "--date", "2026-11-22"] + Self.bob).status == 0)   // #5 Bob
        #expect(try cli("withdraw", "contoso.com", "--date", "2026-11-23", "--reason", "left").status == 0) // #6
        #expect(try cli("void", "5", "--reason", "Bob was the wrong contact").status == 0)    // #7: Anna's stands, withdrawn
        let before = try eventCount(cli)
        let orphan = try cli("void", "4", "--reason", "no acceptance at all")
        #expect(orphan.status == 2, "\(orphan.stderr)")
        #expect(orphan.stderr.contains("Void the withdrawal first"))
        #expect(try eventCount(cli) == before)
        // Voiding the withdrawal first, then the acceptance, is a story the rules allow.
        #expect(try cli("void", "6", "--reason", "recorded in error").status == 0)
        #expect(try cli("void", "4", "--reason", "no acceptance at all").status == 0)
        #expect(try shown(cli)["status"] as? String == "missing")
        #expect(try cli("verify").status == 0)
    }

    @Test func voidingAWithdrawalUnblocksAndTheStoryStillDecidesWhatMayFollow() throws {
        let cli = try Self.confirmed()
        #expect(try cli("withdraw", "contoso.com", "--date", "2026-11-24", "--reason", "Customer left").status == 0)
        // While the withdrawal stands, a confirmation dated before it is refused (rule 10).
        let early = try cli.call(["confirm", "contoso.com", "--date", "2026-11-22"] + Self.bob)
        #expect(early.status == 2)
        #expect(try shown(cli)["status"] as? String == "withdrawn")

        #expect(try cli("void", "5", "--reason", "the customer never left").status == 0)
        let customer = try shown(cli)
        #expect(customer["status"] as? String == "confirmed")
        #expect(customer["withdrawal"] == nil)
        let check = try cli("check", "contoso.com", "--transaction", "new-purchase")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        // Without the withdrawal the same confirmation may be saved; one dated before Anna's may still not.
        let before = try cli.call(["confirm", "contoso.com", "--date", "2026-11-18"] + Self.bob)
        #expect(before.status == 2)
        let again = try cli.call(["confirm", "contoso.com", "--date", "2026-11-22"] + Self.bob)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try cli("verify").status == 0)
    }

    @Test func voidingARequestLeavesTheCustomerMissing() throws {
        let cli = try CLI.withCustomer()
        #expect(try cli("request", "contoso.com", "--from", "it@contoso.com", "--date", "2026-11-19").status == 0)
        #expect(try shown(cli)["status"] as? String == "requested")
        #expect(try cli("void", "4", "--reason", "sent to the wrong customer").status == 0)
        let customer = try shown(cli)
        #expect(customer["status"] as? String == "missing")
        #expect(customer["request"] == nil)
    }

    @Test func refusedVoidsSayWhyAndWriteNothing() throws {
        let cli = try Self.confirmed()
        #expect(try cli("void", "4", "--reason", "wrong customer").status == 0)
        let count = try eventCount(cli)
        let cases: [([String], String)] = [
            (["void", "5", "--reason", "undo the undo"], "itself a correction"),
            (["void", "3", "--reason", "wrong customer"], "cannot be voided"),
            (["void", "99", "--reason", "wrong customer"], "no event #99"),
            (["void", "4", "--reason", "again"], "already voided by #5"),
            (["void", "abc", "--reason", "wrong customer"], "not an event number"),
        ]
        for (arguments, message) in cases {
            let result = try cli.call(arguments)
            // Not a number is a wrong command line (64); the others are refused by the rules (2).
            #expect(result.status == (arguments[1] == "abc" ? 64 : 2), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        let confirm = try cli.call(["confirm", "contoso.com", "--date", "2026-11-21"] + Self.bob)
        #expect(confirm.status == 0)
        let blank = try cli("void", "6", "--reason", "   ")
        #expect(blank.status == 2)
        #expect(blank.stderr.contains("Reason"), "\(blank.stderr)")
        #expect(try eventCount(cli) == String((Int(count) ?? 0) + 1))
        #expect(try shown(cli)["status"] as? String == "confirmed")
    }

    @Test func showMarksTheVoidedEventAndShowsTheVoid() throws {
        let cli = try Self.confirmed()
        #expect(try cli("void", "4", "--reason", "entered on the wrong customer").status == 0)
        let text = try cli("show", "contoso.com")
        #expect(text.status == 0)
        #expect(text.stdout.contains("(voided by #5: entered on the wrong customer)"), "\(text.stdout)")
        #expect(text.stdout.contains("Voided #4: entered on the wrong customer"), "\(text.stdout)")

        let history = try #require(try shown(cli)["history"] as? [[String: Any]])
        let voided = try #require(history.first { $0["seq"] as? Int == 4 })
        #expect(voided["kind"] as? String == "confirmed")
        #expect(voided["voidedBy"] as? Int == 5)
        #expect(voided["voidReason"] as? String == "entered on the wrong customer")
        let void = try #require(history.first { $0["seq"] as? Int == 5 })
        #expect(void["kind"] as? String == "voided")
        #expect(void["voids"] as? Int == 4)
    }

    @Test func verifyPassesAfterVoidsAndCatchesATamperedProjection() throws {
        let cli = try Self.confirmed()
        #expect(try cli("withdraw", "contoso.com", "--date", "2026-11-24", "--reason", "Customer left").status == 0)
        #expect(try cli("void", "5", "--reason", "the customer never left").status == 0)
        #expect(try cli("verify").status == 0)
        // Put the voided withdrawal back into the projection: the replay knows better.
        let tamper = try cli.sqlite("UPDATE customers SET wDate = '2026-11-24', wReason = 'Customer left', wLastDate = '2026-11-24';")
        #expect(tamper.status == 0, "\(tamper.stderr)")
        let verify = try cli("verify")
        #expect(verify.status == 4)
        #expect(verify.stderr.contains("0f8fad5b-d9cb-469f-a165-70867728950e"), "\(verify.stderr)")
    }

    @Test func aForgedVoidWithARecomputedHashFailsVerify() throws {
        let cli = try Self.confirmed()
        #expect(try cli("void", "4", "--reason", "wrong customer").status == 0)
        // Point the void at the customer being added (#3) and recompute its hash with the published recipe.
        let row = try cli.sqlite("SELECT seq, at, userId, employee, kind, ifnull(customer, ''), payload, prevHash FROM events WHERE seq = 5;")
        let f = row.stdout.trimmingCharacters(in: .newlines).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        #expect(f.count == 8 && f[6].contains("\"seq\":4"), "\(row.stdout)")
        let payload = f[6].replacingOccurrences(of: "\"seq\":4", with: "\"seq\":3")
        let hash = try ChainRecipe.sha256Hex(ChainRecipe.versionTwoInput([f[7], f[0], f[1], f[2], f[3], f[4], f[5], payload]), in: cli.dir)
        let forge = try cli.sqlite("DROP TRIGGER events_no_update; UPDATE events SET payload = '\(payload)', hash = '\(hash)' WHERE seq = 5;")
        #expect(forge.status == 0, "\(forge.stderr)")
        let verify = try cli.call(["verify"], environment: ["CONSENTDESK_ANCHORS": cli.dir.file("other-desk.jsonl")])
        #expect(verify.status == 4)
        #expect(verify.stderr.contains("the void of event #3"), "\(verify.stderr)")
    }

    @Test func checkAsOfIgnoresAVoidedConfirmation() throws {
        let cli = try Self.confirmed()
        #expect(try cli("check", "contoso.com", "--transaction", "new-purchase", "--as-of", "2026-11-21").status == 0)
        #expect(try cli("void", "4", "--reason", "wrong customer").status == 0)
        let check = try cli("check", "contoso.com", "--transaction", "new-purchase", "--as-of", "2026-11-21")
        #expect(check.status != 0)
    }
}
