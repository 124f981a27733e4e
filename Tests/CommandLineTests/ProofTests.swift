import ConsentModel
import Foundation
import Testing
import TestSupport
import TransparencyLog

/// Issue 21: a Merkle log, signed checkpoints and per-customer proofs, through the real
/// binary — what an auditor can check on another machine with the verifier key alone.
@Suite("Proofs an auditor checks alone: keys, checkpoints, verify --checkpoint, verify-evidence")
struct ProofTests {
    static let contoso = "0f8fad5b-d9cb-469f-a165-70867728950e"

    /// A store with a customer, a confirmation, this desk's key and a checkpoint in `checkpoint`.
    static func signed() throws -> (cli: CLI, key: String, checkpoint: String) {
        let cli = try CLI.withCustomer()
        try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        let made = try cli("key", "init")
        #expect(made.status == 0, "\(made.stderr)")
        let key = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let checkpoint = cli.dir.file("monday.checkpoint")
        let signed = try cli("checkpoint", "--output", checkpoint)
        #expect(signed.status == 0, "\(signed.stderr)")
        return (cli, key, checkpoint)
    }

    /// `verify --checkpoint` on another machine: no anchor journal, no keys, only the file and the key.
    static func verifyElsewhere(_ cli: CLI, _ checkpoint: String, key: String) throws -> ProcessResult {
        try cli.call(["verify", "--checkpoint", checkpoint, "--key", key],
                     environment: ["CONSENTDESK_ANCHORS": cli.dir.file("fresh-home.jsonl"), "CONSENTDESK_KEYS": cli.dir.file("no-keys")])
    }

    /// Rewrites the history as an attacker who knows every recipe: `change` edits the events
    /// (sqlite3), then every hash from the first event is recomputed, the Merkle tree rebuilt
    /// and the store's own checkpoints removed, so the store is consistent in itself.
    static func rewrite(_ cli: CLI, _ change: String) throws {
        #expect(try cli.sqlite("DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete; " + change).status == 0)
        let rows = try cli.sqlite("SELECT \(ChainRecipe.rowColumns) FROM events ORDER BY seq;")
        let (rewritten, hashes) = try ChainRecipe.recomputed(rows.stdout, in: cli.dir)
        var sql = rewritten + MerkleRecipe.rebuildSQL(eventHashes: hashes)
        sql += "DROP TRIGGER IF EXISTS checkpoints_no_delete; DELETE FROM checkpoints;"
        let done = try cli.sqlite(sql)
        #expect(done.status == 0, "\(done.stderr)")
    }

    @Test func aKeyIsKeptOutsideTheStoreRecordedInTheHistoryAndItsCheckpointVerifiesOnAFreshHome() throws {
        let (cli, key, checkpoint) = try Self.signed()
        #expect(key.contains("+") && key.hasPrefix("consentdesk/"))
        // The private key: in the desk's folder, owner only, never in the store.
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.keys)
        let file = try #require(files.first)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: cli.keys + "/" + file)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0)
        let secret = try String(contentsOfFile: cli.keys + "/" + file, encoding: .utf8)
        #expect(secret.hasPrefix("PRIVATE+KEY+"))
        let dump = try shell("sqlite3 \(shellQuote(cli.store + "/store.sqlite")) .dump").stdout
        #expect(!dump.contains(secret.trimmingCharacters(in: .whitespacesAndNewlines)))
        // The history says who added it; key show prints the verifier key again.
        #expect(try cli("log", "--kind", "key-added").stdout.contains("desk-tester"))
        #expect(try cli("key", "show").stdout.contains(key))
        // The checkpoint is a C2SP signed note, and another machine checks it with the key alone.
        let note = try String(contentsOfFile: checkpoint, encoding: .utf8)
        #expect(note.split(separator: "\n").count == 4 && note.contains("\n\n— "))
        try cli("note", "contoso.com", "--text", "Called Anna")
        let elsewhere = try Self.verifyElsewhere(cli, checkpoint, key: key)
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        #expect(elsewhere.stdout.contains("consistency proof checked"))
        // And plain verify checks the stored tree and every checkpoint the store issued.
        #expect(try cli("verify").status == 0)
    }

    @Test func theAnchorJournalKeepsTheCheckpointsTooAndVerifyHoldsTheStoreToThem() throws {
        let (cli, key, _) = try Self.signed()
        let lines = try String(contentsOfFile: cli.anchors, encoding: .utf8).split(separator: "\n")
        let kept = try lines.compactMap { line -> String? in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return object["checkpoint"] as? String
        }
        // key init's own write and the checkpoint command each left one in the journal.
        #expect(kept.count >= 1)
        let file = cli.dir.file("from-journal.checkpoint")
        try #require(kept.last).write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try Self.verifyElsewhere(cli, file, key: key).status == 0)
        let verify = try cli("verify")
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    @Test func aRewrittenEventIsCaughtByTheCheckpointWithNoAnchorJournal() throws {
        let (cli, key, checkpoint) = try Self.signed()
        try Self.rewrite(cli, "UPDATE events SET employee = 'mallory' WHERE seq = 2;")
        // Consistent in itself: a desk without the anchors or the checkpoint sees nothing.
        #expect(try cli.call(["verify"], environment: ["CONSENTDESK_ANCHORS": cli.dir.file("fresh-home.jsonl")]).status == 0)
        let caught = try Self.verifyElsewhere(cli, checkpoint, key: key)
        #expect(caught.status == 4)
        #expect(caught.stderr.contains("not the ones the checkpoint signed"))
    }

    @Test func aRemovedTailIsCaughtByTheCheckpoint() throws {
        let (cli, key, checkpoint) = try Self.signed()
        let size = try #require(Int(try cli.sqlite("SELECT MAX(seq) FROM events;").stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        try Self.rewrite(cli, "DELETE FROM events WHERE seq = \(size);")
        let caught = try Self.verifyElsewhere(cli, checkpoint, key: key)
        #expect(caught.status == 4)
        #expect(caught.stderr.contains("signed \(size) events but the store holds only \(size - 1)"))
    }

    @Test func aReorderedPairIsCaughtByTheCheckpoint() throws {
        let (cli, key, checkpoint) = try Self.signed()
        // Swap what events 2 and 3 say (their kinds, customers and payloads).
        try Self.rewrite(cli, """
            CREATE TEMP TABLE swap AS SELECT seq, kind, customer, payload FROM events WHERE seq IN (2, 3);
            UPDATE events SET kind = (SELECT kind FROM swap WHERE seq = 5 - events.seq),
                              customer = (SELECT customer FROM swap WHERE seq = 5 - events.seq),
                              payload = (SELECT payload FROM swap WHERE seq = 5 - events.seq) WHERE seq IN (2, 3);
            """)
        let caught = try Self.verifyElsewhere(cli, checkpoint, key: key)
        #expect(caught.status == 4)
        #expect(caught.stderr.contains("not the ones the checkpoint signed"))
    }

    @Test func aReplacedStoreWithTheSameIdentityIsCaughtByTheCheckpoint() throws {
        let cli = try CLI.withCustomer()
        let made = try cli("key", "init")
        let key = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let copy = cli.dir.file("copy.sqlite")
        #expect(try cli("backup", copy).status == 0)
        try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        let checkpoint = cli.dir.file("c")
        #expect(try cli("checkpoint", "--output", checkpoint).status == 0)
        // The copy goes on with another story of the same length, and is put in the store's place.
        let other = try cli.call(["confirm", "contoso.com", "--first", "Mallory", "--last", "Smith", "--email", "mallory@contoso.com",
                                  "--date", "2026-11-21"], environment: ["CONSENTDESK_STORE": copy])
        #expect(other.status == 0, "\(other.stderr)")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cli.store + "/store.sqlite" + suffix) }
        try FileManager.default.copyItem(atPath: copy, toPath: cli.store + "/store.sqlite")
        let caught = try Self.verifyElsewhere(cli, checkpoint, key: key)
        #expect(caught.status == 4)
        #expect(caught.stderr.contains("not the ones the checkpoint signed"))
    }

    @Test func aPackChangedByOneByteFailsBothVerifiersAndAnUntouchedOnePassesBoth() throws {
        let (cli, key, _) = try Self.signed()
        try cli("note", "contoso.com", "--text", "Called Anna")
        let pack = cli.dir.file("contoso.json")
        let made = try cli("evidence", "contoso.com", "--format", "json", "--output", pack)
        #expect(made.status == 0, "\(made.stderr)")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/verify-evidence.py").path
        func checks(_ file: String) throws -> (swift: Int32, python: Int32) {
            let swift = try run(Products.consentdesk, ["verify-evidence", file, "--key", key])
            let python = try shell("python3 \(shellQuote(script)) \(shellQuote(file)) --key \(shellQuote(key))")
            return (swift.status, python.status)
        }
        let untouched = try checks(pack)
        #expect(untouched.swift == 0 && untouched.python == 0)
        // One byte changed in each kind of field an auditor reads: every one fails both.
        let text = try String(contentsOfFile: pack, encoding: .utf8)
        for (original, forged) in [("Contoso Ltd", "Contoso Lte"), ("anna@contoso.com", "anja@contoso.com"),
                                   ("2026-11-20", "2026-11-21"), ("Called Anna", "Called Anne"), ("\"confirmed\"", "\"confirmes\"")] {
            let file = cli.dir.file("forged-\(forged.count)-\(abs(forged.hashValue % 1000)).json")
            let changed = try #require(text.range(of: original))
            try text.replacingCharacters(in: changed, with: forged).write(toFile: file, atomically: true, encoding: .utf8)
            let result = try checks(file)
            #expect(result.swift == 4 && result.python == 4, "\(original) → \(forged): \(result)")
        }
        // A pack without one of its events fails both.
        let events = try #require(text.range(of: "\"events\" : ["))
        #expect(events.lowerBound > text.startIndex)
    }

    @Test func malformedOrForeignPacksAreRefusedByBothVerifiersNeverGreen() throws {
        let (cli, key, _) = try Self.signed()
        let pack = cli.dir.file("contoso.json")
        #expect(try cli("evidence", "contoso.com", "--format", "json", "--output", pack).status == 0)
        let text = try String(contentsOfFile: pack, encoding: .utf8)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/verify-evidence.py").path
        // Another store's key (same shape, another desk): its packs do not verify with this one.
        let other = try CLI.withCustomer()
        let otherKey = try other("key", "init").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let cases: [(String, String)] = [
            ("not JSON", "not json at all"), ("truncated", String(text.prefix(text.count / 2))), ("empty object", "{}"),
            ("no checkpoint", text.replacingOccurrences(of: "\"checkpoint\"", with: "\"checkpoints\"")),
            ("a number where text is", text.replacingOccurrences(of: "\"leafIndex\" : ", with: "\"leafIndex\" : \"")),
            ("enormous", String(repeating: " ", count: 65 << 20)),
        ]
        for (name, content) in cases {
            let file = cli.dir.file("bad-\(name.count).json")
            try content.write(toFile: file, atomically: true, encoding: .utf8)
            let swift = try run(Products.consentdesk, ["verify-evidence", file, "--key", key])
            let python = try shell("python3 \(shellQuote(script)) \(shellQuote(file)) --key \(shellQuote(key))")
            #expect(swift.status != 0 && python.status != 0, "\(name): \(swift.status) \(python.status)")
            #expect(!(swift.stdout + swift.stderr).isEmpty && !(python.stdout + python.stderr).isEmpty, "\(name) said nothing")
        }
        #expect(try run(Products.consentdesk, ["verify-evidence", pack, "--key", otherKey]).status == 4)
        #expect(try shell("python3 \(shellQuote(script)) \(shellQuote(pack)) --key \(shellQuote(otherKey))").status == 4)
        // No key is a wrong command line.
        #expect(try run(Products.consentdesk, ["verify-evidence", pack]).status == 64)
    }

    @Test func malformedCheckpointsAndKeysAreRefusedNeverGreen() throws {
        let (cli, key, checkpoint) = try Self.signed()
        let good = try String(contentsOfFile: checkpoint, encoding: .utf8)
        let fifo = cli.dir.file("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let cases: [(String, String)] = [
            ("truncated", String(good.dropLast(20))),
            ("extra", good + "— extra line\n"),
            ("other origin", good.replacingOccurrences(of: "consentdesk/", with: "elsewhere/")),
            ("empty", ""),
            ("huge", String(repeating: "x", count: 2 << 20)),
        ]
        for (name, content) in cases {
            let file = cli.dir.file(name.replacingOccurrences(of: " ", with: "-"))
            try content.write(toFile: file, atomically: true, encoding: .utf8)
            let result = try Self.verifyElsewhere(cli, file, key: key)
            #expect(result.status != 0, "\(name) passed")
            #expect(!result.stderr.isEmpty, "\(name) said nothing")
        }
        // A pipe is refused at once (it would never end), as is a folder.
        let piped = try Self.verifyElsewhere(cli, fifo, key: key)
        #expect(piped.status == 2 && piped.stderr.contains("not a regular file"))
        #expect(try Self.verifyElsewhere(cli, cli.dir.path, key: key).status == 2)
        // Signed by a key the auditor does not hold: refused.
        let stranger = "stranger+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
        #expect(try cli("verify", "--checkpoint", checkpoint, "--key", stranger).status != 0)
        // A key that is not a key is a wrong command line.
        #expect(try cli("verify", "--checkpoint", checkpoint, "--key", "not-a-key").status == 64)
    }

    @Test func theHTMLPackShowsItsProofSectionWithTheNotesAsTheyWereSigned() throws {
        let (cli, _, checkpoint) = try Self.signed()
        let page = cli.dir.file("contoso.html")
        #expect(try cli("evidence", "contoso.com", "--output", page).status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<h2 id=\"proof\">Proof</h2>"))
        let origin = try #require(try String(contentsOfFile: checkpoint, encoding: .utf8).split(separator: "\n").first)
        #expect(html.contains(String(origin) + "\n"))
        #expect(html.contains("consentdesk-customer-events/v1\n"))
        #expect(!html.contains("\\u{A}"))
    }

    @Test func aDeskWithoutAKeyWorksAsBeforeAndSaysHowToAddOne() throws {
        let cli = try CLI.withCustomer()
        let refused = try cli("checkpoint")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("consentdesk key init"))
        let pack = try cli("evidence", "contoso.com", "--format", "json", "--output", cli.dir.file("p.json"))
        #expect(pack.status == 0)
        #expect(pack.stderr.contains("key init"))
        #expect(try cli("verify").status == 0)
    }

    @Test func aRetiredKeySignsNoMoreButItsCheckpointsStillVerify() throws {
        let (cli, key, checkpoint) = try Self.signed()
        let id = try #require(key.split(separator: "+").dropFirst().first)
        #expect(try cli("key", "retire", String(id)).status == 0)
        #expect(try cli("checkpoint").status == 2)
        #expect(try cli("key", "retire", String(id)).status == 2)
        #expect(try Self.verifyElsewhere(cli, checkpoint, key: key).status == 0)
        #expect(try cli("verify").status == 0)
        // A new key may then be made; both are listed.
        #expect(try cli("key", "init").status == 0)
        #expect(try cli("key", "show").stdout.contains("retired"))
    }

    /// Item 7, witnesses: a cosigner (the partner's compliance officer, an auditor) holds a
    /// key of their own, checks a checkpoint against the store before adding a signature,
    /// and an auditor can require k of n named keys. Class: a signature that vouches for
    /// what the signer never checked, and a threshold that is not enforced.
    @Test func aWitnessCosignsOnlyACheckpointThatHoldsAndVerifyRequiresKOfNNamedKeys() throws {
        let (cli, deskKey, checkpoint) = try Self.signed()
        let officer = ["CONSENTDESK_KEYS": cli.dir.file("officer-keys")]
        let events = try cli("log").stdout
        // The witness's key: in the witness's own folder, owner only, not recorded in the store.
        #expect(try cli.call(["key", "init", "--witness"], environment: officer).status == 64)
        let made = try cli.call(["key", "init", "--witness", "--name", "compliance-officer"], environment: officer)
        #expect(made.status == 0, "\(made.stderr)")
        let witnessKey = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(witnessKey.hasPrefix("compliance-officer+"))
        #expect(made.stderr.contains("--require 2"))
        #expect(try cli("log").stdout == events, "a witness key is not recorded in the history")
        // The desk's checkpoint alone does not meet "desk and officer".
        let both = ["verify", "--checkpoint", checkpoint, "--key", deskKey, "--key", witnessKey, "--require", "2"]
        let short = try cli.call(both, environment: officer)
        #expect(short.status == 4)
        #expect(short.stderr.contains("1 of the 2 named keys; 2 are required") && short.stderr.contains("Not signed by: compliance-officer"))
        // Cosigned: the note gains the officer's line; the desk's key alone, or both, verify it.
        let cosigned = cli.dir.file("monday.cosigned")
        let cosign = try cli.call(["checkpoint", "--cosign", checkpoint, "--output", cosigned], environment: officer)
        #expect(cosign.status == 0, "\(cosign.stderr)")
        #expect(cosign.stderr.contains("cosigned by compliance-officer"))
        let note = try String(contentsOfFile: cosigned, encoding: .utf8)
        #expect(note.components(separatedBy: "\n— ").count == 3 && note.contains("— compliance-officer "))
        #expect(try String(contentsOfFile: checkpoint, encoding: .utf8) != note, "the original is left as it was")
        let met = try cli.call(["verify", "--checkpoint", cosigned, "--key", deskKey, "--key", witnessKey, "--require", "2"],
                               environment: ["CONSENTDESK_ANCHORS": cli.dir.file("fresh-home.jsonl"), "CONSENTDESK_KEYS": cli.dir.file("no-keys")])
        #expect(met.status == 0, "\(met.stderr)")
        #expect(met.stdout.contains("compliance-officer"))
        // Cosigning twice adds nothing; a threshold larger than the keys named is a usage error.
        #expect(try cli.call(["checkpoint", "--cosign", cosigned, "--output", cli.dir.file("again")], environment: officer).status == 2)
        #expect(!FileManager.default.fileExists(atPath: cli.dir.file("again")))
        #expect(try cli("verify", "--checkpoint", cosigned, "--key", deskKey, "--require", "2").status == 64)
        #expect(try cli("verify", "--require", "1").status == 64)
        // A checkpoint that does not hold for the store is never cosigned, and nothing is written.
        try Self.rewrite(cli, "UPDATE events SET employee = 'mallory' WHERE seq = 2;")
        let refused = try cli.call(["checkpoint", "--cosign", checkpoint, "--output", cli.dir.file("bad.cosigned")], environment: officer)
        #expect(refused.status == 4, "\(refused.stderr)")
        #expect(refused.stderr.contains("was not cosigned") && refused.stderr.contains("not the ones the checkpoint signed"))
        #expect(!FileManager.default.fileExists(atPath: cli.dir.file("bad.cosigned")))
    }

    @Test func everyDefectOfANoteKeyOrCheckpointIsWordedInBothLanguages() {
        for defect in TransparencyLogError.Defect.allCases {
            for language in [Language.english, .simplifiedChinese] {
                #expect(Strings.catalog(language)["proof.defect.\(defect.rawValue)"] != nil, "\(defect) in \(language)")
            }
        }
    }
}
