import Foundation
import Testing
import TestSupport

/// Issue 15 (notes, the activity log, evidence packs) and 14.12 (the stable event JSON),
/// through the real binary.
@Suite("The support desk: notes, the activity log, evidence packs, the stable event shape")
struct DeskTests {
    static let contoso = "0f8fad5b-d9cb-469f-a165-70867728950e"
    static let anna = ["--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com"]

    /// Contoso with Anna's confirmation (#4), renamed by an import (#5).
    static func confirmedAndRenamed() throws -> CLI {
        let cli = try CLI.withCustomer()
        #expect(try cli.call(["confirm", "contoso.com", "--date", "2026-11-20", "--evidence", "TICKET-42"] + anna).status == 0)
        let csv = cli.dir.file("names.csv")
        try "tenantId,companyName\n\(contoso),Contoso Group\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try cli("import", csv)
        #expect(imported.status == 0, "\(imported.stderr)")
        return cli
    }

    static func eventCount(_ cli: CLI) throws -> String {
        try cli.sqlite("SELECT COUNT(*) FROM events;").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: 14.12 the stable event shape

    @Test func historyExportWritesTheDocumentedShapeNotSwiftsEnumEncoding() throws {
        let cli = try Self.confirmedAndRenamed()
        let text = try cli("export", "--format", "history").stdout
        #expect(!text.contains("\"_0\"") && !text.contains("\"_1\""))
        let events = try CLI.jsonLines(text)
        #expect(events.map { $0["seq"] as? Int } == Array(1...events.count).map { $0 })
        for event in events {
            for key in ["seq", "at", "kind", "employee", "partnerUserId", "customer", "hash", "prevHash"] {
                #expect(event.keys.contains(key), "\(key) missing in \(event)")
            }
            #expect((event["at"] as? String)?.hasSuffix("Z") == true)
        }
        #expect(events.map { $0["kind"] as? String } .contains("profile-set"))
        let confirmed = try #require(events.first { $0["kind"] as? String == "confirmed" })
        #expect(confirmed["customer"] as? String == Self.contoso)
        let confirmation = try #require(confirmed["confirmation"] as? [String: Any])
        #expect(confirmation["dateAgreed"] as? String == "2026-11-20")
        #expect(confirmation["evidence"] as? String == "TICKET-42")
        #expect((confirmation["contact"] as? [String: Any])?["email"] as? String == "anna@contoso.com")
        // An edit says what changed, old → new.
        let edited = try #require(events.first { $0["kind"] as? String == "customer-edited" })
        let changes = try #require(edited["changes"] as? [String: Any])
        #expect(changes.keys.sorted() == ["companyName"])
        let name = try #require(changes["companyName"] as? [String: Any])
        #expect(name["old"] as? String == "Contoso Ltd" && name["new"] as? String == "Contoso Group")
        // Events about no customer say so with null.
        let profile = try #require(events.first)
        #expect(profile["customer"] is NSNull)
    }

    // MARK: 15.1 notes

    @Test func aNoteIsRecordedShownSearchableAndChangesNoStatus() throws {
        let cli = try CLI.withCustomer()
        let before = try JSONSerialization.jsonObject(with: Data(try cli("show", "contoso.com", "--json").stdout.utf8)) as? [String: Any]
        let note = try cli("note", "contoso.com", "--text", "Called Élodie: she signs on Friday")
        #expect(note.status == 0, "\(note.stderr)")
        #expect(note.stderr.contains("#4"))
        try cli("note", "contoso", "--text", "Friday moved to Monday", environment: ["USER": "bo"])

        let shown = try cli("show", "contoso.com").stdout
        let notes = try #require(shown.range(of: "Notes"))
        let history = try #require(shown.range(of: "History"))
        #expect(notes.lowerBound < history.lowerBound)
        let monday = try #require(shown.range(of: "Friday moved to Monday"))
        let friday = try #require(shown.range(of: "Called Élodie: she signs on Friday"))
        #expect(monday.lowerBound < friday.lowerBound, "newest first")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli("show", "contoso.com", "--json").stdout.utf8)) as? [String: Any])
        let list = try #require(json["notes"] as? [[String: Any]])
        #expect(list.map { $0["text"] as? String } == ["Friday moved to Monday", "Called Élodie: she signs on Friday"])
        #expect(list.map { $0["employee"] as? String } == ["bo", "desk-tester"])
        #expect(json["status"] as? String == before?["status"] as? String)

        // Found by search, in any case and without accents.
        #expect(try cli("list", "--search", "elodie: SHE signs").stdout.contains("Contoso Ltd"))
        #expect(try cli("list", "--search", "moved to monday", "--json").stdout.contains(Self.contoso))
        #expect(!(try cli("list", "--search", "tuesday").stdout.contains("Contoso Ltd")))
        #expect(try cli("verify").status == 0)
    }

    @Test func aStoreFromBeforeNotesIsReadAsItIsAndMigratedByTheFirstWrite() throws {
        let cli = try CLI.withCustomer()
        // The store as the previous version left it: no notes column, no log indexes.
        let downgrade = try cli.sqlite("""
            DROP INDEX events_employee; DROP INDEX events_kind; DROP INDEX events_at;
            ALTER TABLE customers DROP COLUMN notes;
            DELETE FROM grdb_migrations WHERE identifier = 'v7-notes-and-activity-log';
            """)
        #expect(downgrade.status == 0, "\(downgrade.stderr)")
        let list = try cli("list")
        #expect(list.status == 0 && list.stdout.contains("Contoso Ltd"), "\(list.stderr)")
        #expect(try cli("verify").status == 0)
        #expect(try cli.sqlite("SELECT COUNT(*) FROM pragma_table_info('customers') WHERE name = 'notes';").stdout.hasPrefix("0"))
        #expect(try cli("note", "contoso.com", "--text", "After the upgrade").status == 0)
        #expect(try cli("list", "--search", "after the upgrade").stdout.contains("Contoso Ltd"))
        #expect(try cli("verify").status == 0)
    }

    @Test func aNoteIsCheckedLikeOtherTextAndCannotBeVoided() throws {
        let cli = try CLI.withCustomer()
        let count = try Self.eventCount(cli)
        let hostile = try cli("note", "contoso.com", "--text", "pay to \u{202E}evil")
        #expect(hostile.status == 2)
        let empty = try cli("note", "contoso.com", "--text", "   ")
        #expect(empty.status == 2)
        let long = try cli("note", "contoso.com", "--text", String(repeating: "x", count: 501))
        #expect(long.status == 2)
        #expect(try Self.eventCount(cli) == count)
        #expect(try cli("note", "contoso.com", "--text", "ok").status == 0)
        let void = try cli("void", "4", "--reason", "typo")
        #expect(void.status == 2, "\(void.stderr)")
        #expect(try Self.eventCount(cli) == "4")
    }

    // MARK: 15.4 the activity log

    /// Events on three days by two employees: setup on 2026-11-20, a note by bo on 11-22,
    /// a confirmation by amy on 11-25.
    static func threeDays() throws -> CLI {
        let cli = CLI()
        let early = ["CONSENTDESK_NOW": "2026-11-20T09:00:00Z"]
        try cli("profile", "set", "--name", "Northwind", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                "--domains", "northwind.example", "--role", "directBill", "--user-id", "5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13", environment: early)
        try cli("add-customer", "--tenant-id", contoso, "--name", "Contoso Ltd", "--domains", "contoso.com", "--country", "US",
                environment: early)
        try cli("add-customer", "--tenant-id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--name", "Fabrikam",
                "--domains", "fabrikam.com", "--country", "DE", environment: early)
        try cli("note", "fabrikam", "--text", "Asked for the MCA link", environment: ["CONSENTDESK_NOW": "2026-11-22T10:00:00Z", "USER": "bo"])
        let confirm = try cli.call(["confirm", "contoso.com", "--date", "2026-11-24"] + anna, environment: ["USER": "amy"])
        #expect(confirm.status == 0, "\(confirm.stderr)")
        return cli
    }

    @Test func theLogIsNewestFirstAndFilters() throws {
        let cli = try Self.threeDays()
        let all = try cli("log")
        #expect(all.status == 0, "\(all.stderr)")
        let lines = all.stdout.split(separator: "\n").dropFirst(2)
        #expect(lines.count == 5)
        #expect(lines.first?.contains("#5") == true && lines.first?.contains("Contoso Ltd") == true && lines.first?.contains("amy") == true)
        #expect(lines.last?.contains("#1") == true)

        let bo = try CLI.jsonLines(try cli("log", "--employee", "BO", "--json").stdout)
        #expect(bo.map { $0["seq"] as? Int } == [4])
        #expect(bo.first?["kind"] as? String == "noted" && bo.first?["text"] as? String == "Asked for the MCA link")

        let days = try CLI.jsonLines(try cli("log", "--since", "2026-11-21", "--until", "2026-11-22", "--json").stdout)
        #expect(days.map { $0["seq"] as? Int } == [4])
        #expect(try CLI.jsonLines(try cli("log", "--since", "2026-11-20", "--until", "2026-11-20", "--json").stdout)
            .map { $0["seq"] as? Int } == [3, 2, 1])

        let contoso = try CLI.jsonLines(try cli("log", "--customer", "contoso.com", "--json").stdout)
        #expect(contoso.map { $0["seq"] as? Int } == [5, 2])
        let kinds = try CLI.jsonLines(try cli("log", "--kind", "customer-added,Confirmed", "--json").stdout)
        #expect(kinds.map { $0["kind"] as? String } == ["confirmed", "customer-added", "customer-added"])

        let limited = try cli("log", "--limit", "2", "--json")
        #expect(try CLI.jsonLines(limited.stdout).map { $0["seq"] as? Int } == [5, 4])
        #expect(limited.stderr.contains("--limit"))
    }

    @Test func theLogRefusesWhatItCannotUse() throws {
        let cli = try Self.threeDays()
        let kind = try cli("log", "--kind", "deleted")
        #expect(kind.status == 64 && kind.stderr.contains("customer-edited"), "\(kind.stderr)")
        let day = try cli("log", "--since", "22/11/2026")
        #expect(day.status == 64 && day.stderr.contains("YYYY-MM-DD"))
        #expect(try cli("log", "--limit", "0").status == 64)
        #expect(try cli("log", "--customer", "nobody.example").status == 2)
        let backwards = try cli("log", "--since", "2026-11-27", "--until", "2026-11-01")
        #expect(backwards.status == 64 && backwards.stderr.contains("is after --until"), "\(backwards.stderr)")
        #expect(try cli("log", "--kind", "").status == 64)
        // The last day there is still includes everything before it.
        let all = try cli("log", "--json").stdout
        let untilTheEnd = try cli("log", "--until", "9999-12-31", "--json").stdout
        #expect(!all.isEmpty && untilTheEnd == all)
    }

    // MARK: 15.6 evidence packs

    /// Contoso confirmed, a hostile note, a request voided.
    static func packed() throws -> CLI {
        let cli = try confirmedAndRenamed()
        #expect(try cli("note", "contoso.com", "--text", "<script>alert(1)</script> & \"quotes\"").status == 0)
        #expect(try cli("withdraw", "contoso.com", "--date", "2026-11-24", "--reason", "Wrong customer").status == 0)
        #expect(try cli("void", "8", "--reason", "entered on the wrong customer").status == 0)
        #expect(try cli("verify").status == 0)
        return cli
    }

    @Test func theHTMLPackIsOneSelfContainedEscapedPage() throws {
        let cli = try Self.packed()
        let path = cli.dir.file("pack.html")
        let written = try cli("evidence", "contoso.com", "--output", path)
        #expect(written.status == 0, "\(written.stderr)")
        let head = try #require(try JSONSerialization.jsonObject(with: Data(try cli("verify", "--json").stdout.utf8)) as? [String: Any])
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.lowercased().contains("<script") && !html.contains("src=") && !html.contains("<link"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        for text in ["Contoso Group", "anna@contoso.com", "2026-11-20", "https://aka.ms/customeragreement", "TICKET-42",
                     "5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13", "desk-tester", "Allowed"] {
            #expect(html.contains(text), "\(text) missing")
        }
        #expect(html.contains(try #require(head["headHash"] as? String)))
        #expect(html.contains("#\(try #require(head["headSeq"] as? Int))"))
        let hashes = try cli.sqlite("SELECT hash FROM events WHERE customer = '\(Self.contoso)';").stdout.split(separator: "\n")
        #expect(hashes.count == 6)
        for hash in hashes { #expect(html.contains(String(hash))) }
        #expect(html.contains("class=\"voided\"") && html.contains("Voided by event #9"))
        // The log marks the voided withdrawal too.
        #expect(try cli("log", "--kind", "withdrawn").stdout.contains("(voided by #9)"))
        let voided = try CLI.jsonLines(try cli("log", "--kind", "withdrawn", "--json").stdout)
        #expect(voided.first?["voidedBy"] as? Int == 9 && voided.first?["voidReason"] as? String == "entered on the wrong customer")
        // The one writer: an existing file is kept.
        let again = try cli("evidence", "contoso.com", "--output", path)
        #expect(again.status != 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == html)
    }

    @Test func everyHashOfTheJSONPackChecksWithSHA256Alone() throws {
        let cli = try Self.packed()
        let path = cli.dir.file("pack.json")
        // A format that is none is a wrong command line (64), and nothing is written.
        let wrong = try cli("evidence", "contoso", "--format", "pdf", "--output", path)
        #expect(wrong.status == 64 && wrong.stderr.contains("html, json"), "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
        let written = try cli("evidence", "contoso", "--format", "JSON", "--output", path)
        #expect(written.status == 0, "\(written.stderr)")
        let pack = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect(pack["status"] as? String == "confirmed")
        #expect(pack["blocked"] as? Bool == false)
        #expect((pack["notes"] as? [[String: Any]])?.count == 1)
        let events = try #require(pack["events"] as? [[String: Any]])
        #expect(events.map { $0["seq"] as? Int } == [3, 4, 6, 7, 8, 9])
        var previous: (seq: Int, hash: String)?
        for event in events {
            let encoded = try #require(event["hashInput"] as? String)
            let input = try #require(Data(base64Encoded: encoded))
            let hash = try #require(event["hash"] as? String)
            #expect(try ChainRecipe.sha256Hex(input, in: cli.dir) == hash)
            // The input starts with the chain tag and the previous hash, as the README says.
            let prevHash = try #require(event["prevHash"] as? String)
            #expect(input.starts(with: ChainRecipe.lengthPrefixed(["consentdesk-chain-v2", prevHash])))
            let seq = try #require(event["seq"] as? Int)
            if let previous, previous.seq == seq - 1 { #expect(prevHash == previous.hash) }
            previous = (seq, hash)
        }
        #expect(events.first { $0["seq"] as? Int == 8 }?["voidedBy"] as? Int == 9)
        let head = try #require(pack["storeHead"] as? [String: Any])
        #expect(head["seq"] as? Int == 9 && head["hash"] as? String == previous?.hash)
    }
}
