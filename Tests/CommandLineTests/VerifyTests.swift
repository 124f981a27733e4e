import Foundation
import Testing
import TestSupport



/// "Taken at event #N, hash H" from a command's standard error.
private func takenAt(_ text: String) -> (seq: Int, hash: String)? {
    guard let range = text.range(of: "Taken at event #") else { return nil }
    let rest = text[range.upperBound...]
    let parts = rest.split(separator: ",", maxSplits: 1)
    guard parts.count == 2, let seq = Int(parts[0]) else { return nil }
    let hash = parts[1].replacingOccurrences(of: " hash ", with: "").prefix(64)
    return (seq, String(hash))
}

@Suite("verify: anchors, --expect, --json, and the demo through the front door")
struct VerifyTests {
    /// A store with a customer, a confirmation and a withdrawal (events 1–5), each commit anchored.
    static func withWithdrawal() throws -> CLI {
        let cli = try CLI.withCustomer()
        try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        let withdraw = try cli("withdraw", "contoso.com", "--date", "2026-11-24", "--reason", "Customer left")
        #expect(withdraw.status == 0, "\(withdraw.stderr)")
        return cli
    }

    @Test func aTruncatedAndPatchedStoreFailsVerifyNamingTheAnchor() throws {
        let cli = try Self.withWithdrawal()
        let head = try #require(try cli.sqlite("SELECT hash FROM events WHERE seq = 5;").stdout.split(separator: "\n").first)
        // Drop the withdrawal and put the projection (and the list's status, confirmed: rank 4
        // in urgency order) back as it was before it: the chain and the replay agree.
        // The Merkle tree is rebuilt over what is left, as an attacker who knows the recipe would.
        let kept = try cli.sqlite("SELECT hash FROM events WHERE seq < 5 ORDER BY seq;").stdout.split(separator: "\n").map(String.init)
        let tamper = try cli.sqlite("""
            DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 5;
            UPDATE customers SET wDate = NULL, wReason = NULL, wLastDate = NULL, lastSeq = 4, status = 4;
            """ + MerkleRecipe.rebuildSQL(eventHashes: kept))
        #expect(tamper.status == 0, "\(tamper.stderr)")
        let elsewhere = cli.dir.file("other-desk.jsonl")
        #expect(try cli.call(["verify"], environment: ["CONSENTDESK_ANCHORS": elsewhere]).status == 0)
        let verify = try cli("verify")
        #expect(verify.status == 4)
        #expect(verify.stderr.contains("#5"))
        #expect(verify.stderr.contains(String(head)))
        #expect(verify.stderr.contains(CLI.now.prefix(19)))
        #expect(verify.stderr.contains("truncated"))
    }

    @Test func aWholeChainRewrittenWithRecomputedHashesFailsVerify() throws {
        let cli = try Self.withWithdrawal()
        // Rewrite who recorded the first event and recompute every hash with the published recipe.
        let rows = try cli.sqlite("SELECT \(ChainRecipe.rowColumns) FROM events ORDER BY seq;")
        let (rewritten, hashes) = try ChainRecipe.recomputed(rows.stdout, in: cli.dir) { f in
            var f = f
            if f[0] == "1" { f[3] = "mallory" }
            return f
        }
        let sql = "DROP TRIGGER events_no_update;" + rewritten
        // The Merkle tree too, so that the store is consistent in itself.
        #expect(try cli.sqlite(sql + MerkleRecipe.rebuildSQL(eventHashes: hashes)).status == 0)
        // The rewrite is self-consistent: without this desk's journal nothing shows it.
        #expect(try cli.call(["verify"], environment: ["CONSENTDESK_ANCHORS": cli.dir.file("other-desk.jsonl")]).status == 0)
        let verify = try cli("verify")
        #expect(verify.status == 4)
        #expect(verify.stderr.contains("no longer has the hash"))
        #expect(verify.stderr.contains(cli.anchors))
        // Giving the rewritten store a new identity, so that no anchor names it, does not hide it.
        #expect(try cli.sqlite("UPDATE meta SET value = '11111111-2222-4333-8444-555555555555' WHERE key = 'storeId';").status == 0)
        let renamed = try cli("verify")
        #expect(renamed.status == 4)
        #expect(renamed.stderr.contains("another store in this file"))
    }

    @Test func anOlderBackupCopiedOverTheStoreFailsVerify() throws {
        let cli = try CLI.withCustomer()
        let backup = cli.dir.file("monday.sqlite")
        let taken = try cli("backup", backup)
        #expect(taken.status == 0)
        #expect(takenAt(taken.stderr)?.seq == 3)
        try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        #expect(try cli("verify").status == 0)
        let file = cli.store + "/store.sqlite"
        #expect(try shell("rm -f \(shellQuote(file))-wal \(shellQuote(file))-shm && cp \(shellQuote(backup)) \(shellQuote(file))").status == 0)
        let verify = try cli("verify")
        #expect(verify.status == 4)
        #expect(verify.stderr.contains("no longer holds event #4"))
    }

    @Test func expectHoldsTheStoreToAHeadFromAnEarlierExport() throws {
        let cli = try CLI.withCustomer()
        let export = try cli("export", "--format", "csv")
        #expect(export.status == 0)
        let head = try #require(takenAt(export.stderr))
        #expect(head.seq == 3)
        let history = try cli("export", "--format", "history")
        #expect(takenAt(history.stderr)?.hash == head.hash)
        try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        #expect(try cli("verify", "--expect", "\(head.seq):\(head.hash)").status == 0)
        let changed = String(head.hash.reversed())
        let wrong = try cli("verify", "--expect", "\(head.seq):\(changed)")
        #expect(wrong.status == 4)
        #expect(wrong.stderr.contains("not the expected"))
        let beyond = try cli("verify", "--expect", "99:\(head.hash)")
        #expect(beyond.status == 4)
        #expect(beyond.stderr.contains("there is no event #99"))
        let garbage = try cli("verify", "--expect", "three")
        #expect(garbage.status == 64)
        #expect(garbage.stderr.contains("SEQ:HASH"))
    }

    @Test func verifyJSONGivesTheCountTheHeadAndTheAnchors() throws {
        let cli = try CLI.withCustomer()
        let result = try cli("verify", "--json")
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["valid"] as? Bool == true)
        #expect(json["eventsChecked"] as? Int == 3)
        #expect(json["headSeq"] as? Int == 3)
        #expect((json["headHash"] as? String)?.count == 64)
        #expect(json["problem"] is NSNull)
        #expect(json["firstBadSeq"] is NSNull)
        #expect(json["anchorsChecked"] as? Int == 3)
        #expect(json["anchorJournal"] as? String == cli.anchors)
        _ = try cli.sqlite("DROP TRIGGER events_no_update; UPDATE events SET employee = 'mallory' WHERE seq = 2;")
        let broken = try cli("verify", "--json")
        #expect(broken.status == 4)
        let failed = try #require(try JSONSerialization.jsonObject(with: Data(broken.stdout.utf8)) as? [String: Any])
        #expect(failed["valid"] as? Bool == false)
        #expect(failed["firstBadSeq"] as? Int == 2)
        #expect((failed["problem"] as? String)?.contains("changed after it was written") == true)
    }

    @Test func aJournalLineThatCannotBeReadIsReportedNotFatal() throws {
        let cli = try CLI.withCustomer()
        let handle = try #require(FileHandle(forWritingAtPath: cli.anchors))
        handle.seekToEndOfFile()
        handle.write(Data("this is not an anchor\n".utf8))
        try handle.close()
        let verify = try cli("verify")
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("line 4"))
        #expect(verify.stdout.contains("3 recorded heads"))
    }

    @Test func theJournalLivesInTheStateFolderPrivately() throws {
        let cli = CLI()
        let state = cli.dir.file("xdg-state")
        let result = try cli.call(["add-customer", "--tenant-id", "0f8fad5b-d9cb-469f-a165-70867728950e", "--name", "Contoso Ltd"],
                                  environment: ["CONSENTDESK_ANCHORS": "", "XDG_STATE_HOME": state])
        #expect(result.status == 0, "\(result.stderr)")
        let journal = state + "/consentdesk/anchors.jsonl"
        var info = stat()
        #expect(stat(journal, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(stat(state + "/consentdesk", &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
        let line = try #require(try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").first)
        let anchor = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(anchor["seq"] as? Int == 1)
        #expect((anchor["hash"] as? String)?.count == 64)
        #expect(anchor["store"] is String)
    }

    @Test func aJournalThatCannotBeWrittenWarnsButTheChangeIsSaved() throws {
        let cli = CLI()
        let result = try cli.call(["add-customer", "--tenant-id", "0f8fad5b-d9cb-469f-a165-70867728950e", "--name", "Contoso Ltd"],
                                  environment: ["CONSENTDESK_ANCHORS": "/dev/null/anchors.jsonl"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("The change was saved"))
        #expect(try cli("list", "--json").stdout.contains("Contoso Ltd"))
    }

    /// An empty store that exists, and one that does not exist yet (the desks also race to create it).
    @Test(arguments: [true, false])
    func fourConcurrentDemoLoadsOnOneEmptyStoreLoadOnce(storeExists: Bool) throws {
        let cli = CLI()
        if storeExists {
            // An import with nothing in it makes the store (a read such as verify creates nothing).
            let empty = cli.dir.file("empty.csv")
            try "tenantId,companyName\n".write(toFile: empty, atomically: true, encoding: .utf8)
            #expect(try cli("import", empty).status == 0)
            #expect(try cli("verify").status == 0)
        }
        let results = Locked<[ProcessResult]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            if let result = try? cli("demo", "--customers", "60", "--seed", "\(index + 1)") {
                results.update { $0.append(result) }
            }
        }
        let all = results.value
        #expect(all.count == 4)
        #expect(all.filter { $0.status == 0 }.count == 1)
        for refused in all where refused.status != 0 {
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("already has customers"))
        }
        #expect(try CLI.jsonLines(try cli("list", "--json").stdout).count == 60)
        let verify = try cli("verify")
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    @Test func demoOnAStoreWithARealProfileKeepsTheProfile() throws {
        let cli = CLI()
        try cli("profile", "set", "--name", "Real Partner Ltd", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40", "--domains", "real.example")
        let demo = try cli("demo", "--customers", "10")
        #expect(demo.status == 2)
        #expect(demo.stderr.contains("Real Partner Ltd"))
        #expect(demo.stderr.contains("Nothing was written"))
        #expect(try cli("profile", "show").stdout.contains("Real Partner Ltd"))
        #expect(try cli("list", "--json").stdout.isEmpty)
        #expect(try cli("verify").status == 0)
    }

    @Test func aDeskWhoseClockIsBehindIsRefused() throws {
        let cli = try CLI.withCustomer()
        let behind = try cli.call(["confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com",
                                   "--date", "2026-11-20"], environment: ["CONSENTDESK_NOW": "2026-11-25T11:00:00Z"])
        #expect(behind.status == 1)
        #expect(behind.stderr.contains("clock is behind the last recorded change"))
        #expect(behind.stderr.contains("nothing was saved"))
        #expect(!(try cli("show", "contoso.com").stdout.contains("Anna Smith")))
        let json = try JSONSerialization.jsonObject(with: Data(try cli("verify", "--json").stdout.utf8)) as? [String: Any]
        #expect(json?["headSeq"] as? Int == 3)
    }
}
