import Foundation
import Testing
import TestSupport

/// `verify` walks the chain in `seq` order and replays each customer's events separately
/// (in constant memory); what it reports is still the first bad event in the history.
@Suite("verify: the first bad event, whichever pass finds it")
struct VerifyOrderTests {
    static let later = "ffffffff-d9cb-469f-a165-70867728950e"

    /// Two customers: Contoso (0f8f…, sorts first) and Fabrikam (ffff…, sorts last), each confirmed,
    /// then Contoso's withdrawal: Fabrikam's confirmation comes before Contoso's withdrawal.
    static func twoCustomers() throws -> CLI {
        let cli = try CLI.withCustomer()
        #expect(try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com",
                        "--date", "2026-11-20").status == 0)
        #expect(try cli("add-customer", "--tenant-id", later, "--name", "Fabrikam", "--domains", "fabrikam.com", "--country", "DE").status == 0)
        #expect(try cli("confirm", "fabrikam.com", "--first", "Jonas", "--last", "Weber", "--email", "jonas@fabrikam.com",
                        "--date", "2026-11-21").status == 0)
        #expect(try cli("withdraw", "contoso.com", "--date", "2026-11-24", "--reason", "Customer left").status == 0)
        return cli
    }

    /// The seq of the one event of `kind` for `customer`.
    static func seq(_ cli: CLI, _ kind: String, _ customer: String) throws -> Int {
        let out = try cli.sqlite("SELECT seq FROM events WHERE kind = '\(kind)' AND customer = '\(customer)';")
        return try #require(Int(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// Replaces the payloads of `forged` and rewrites every hash with the published recipe:
    /// a self-consistent chain whose replay fails.
    static func rewrite(_ cli: CLI, forging forged: [Int: String]) throws {
        let rows = try cli.sqlite("SELECT seq, at, userId, employee, kind, ifnull(customer, ''), hex(payload) FROM events ORDER BY seq;")
        var previous = String(repeating: "0", count: 64)
        var sql = "DROP TRIGGER events_no_update;"
        for line in rows.stdout.split(separator: "\n") {
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let bytes = stride(from: 0, to: f[6].count, by: 2).compactMap { i -> UInt8? in
                let start = f[6].index(f[6].startIndex, offsetBy: i)
                return UInt8(f[6][start..<f[6].index(start, offsetBy: 2)], radix: 16)
            }
            let seq = Int(f[0]) ?? 0
            let payload = forged[seq] ?? String(decoding: bytes, as: UTF8.self)
            let hash = try ChainRecipe.sha256Hex(ChainRecipe.versionTwoInput([previous, f[0], f[1], f[2], f[3], f[4], f[5], payload]), in: cli.dir)
            sql += "UPDATE events SET payload = '\(payload)', prevHash = '\(previous)', hash = '\(hash)' WHERE seq = \(seq);"
            previous = hash
        }
        #expect(try cli.sqlite(sql).status == 0)
    }

    static func report(_ cli: CLI) throws -> [String: Any] {
        let verify = try cli.call(["verify", "--json"], environment: ["CONSENTDESK_ANCHORS": cli.dir.file("other-desk.jsonl")])
        #expect(verify.status == 4)
        return try #require(try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
    }

    @Test func ofTwoCustomersWithABadEventTheEarlierEventIsReportedNotTheFirstCustomer() throws {
        let cli = try Self.twoCustomers()
        let fabrikamConfirmed = try Self.seq(cli, "confirmed", Self.later)
        let contosoWithdrawn = try Self.seq(cli, "withdrawn", "0f8fad5b-d9cb-469f-a165-70867728950e")
        #expect(fabrikamConfirmed < contosoWithdrawn)
        // Contoso's customer is replayed first (its tenant id sorts first); Fabrikam's bad event is earlier.
        try Self.rewrite(cli, forging: [fabrikamConfirmed: #"{"confirmed":1}"#, contosoWithdrawn: #"{"withdrawn":2}"#])
        let report = try Self.report(cli)
        #expect(report["firstBadSeq"] as? Int == fabrikamConfirmed)
        #expect(report["eventsChecked"] as? Int == fabrikamConfirmed - 1)
        #expect((report["problem"] as? String)?.contains("the event's content cannot be read") == true, "\(report)")
    }

    @Test func aBadEventBeforeABrokenLinkIsReportedBeforeTheLink() throws {
        let cli = try Self.twoCustomers()
        let fabrikamConfirmed = try Self.seq(cli, "confirmed", Self.later)
        // The forged event's own hash is right; the next event no longer points at it.
        let row = try cli.sqlite("SELECT seq, at, userId, employee, kind, customer, prevHash FROM events WHERE seq = \(fabrikamConfirmed);")
        let f = row.stdout.trimmingCharacters(in: .newlines).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let payload = #"{"confirmed":{"tenantId":"ffffffff-d9cb-469f-a165-70867728950e"}}"#
        let hash = try ChainRecipe.sha256Hex(ChainRecipe.versionTwoInput([f[6], f[0], f[1], f[2], f[3], f[4], f[5], payload]), in: cli.dir)
        #expect(try cli.sqlite("DROP TRIGGER events_no_update; UPDATE events SET payload = '\(payload)', hash = '\(hash)' WHERE seq = \(fabrikamConfirmed);").status == 0)
        let report = try Self.report(cli)
        #expect(report["firstBadSeq"] as? Int == fabrikamConfirmed)
        #expect((report["problem"] as? String)?.contains("the event's content cannot be read") == true, "\(report)")
    }

    @Test func aStoreWithoutTheCustomerIndexIsStillVerifiedAndABrokenChainStillNamed() throws {
        let cli = try Self.twoCustomers()
        // The index is not history: without it the store is verified all the same.
        #expect(try cli.sqlite("DROP INDEX events_customer;").status == 0)
        #expect(try cli("verify").status == 0)
        // A changed hash is still the failed verification (exit 4) naming its event.
        let fabrikamConfirmed = try Self.seq(cli, "confirmed", Self.later)
        #expect(try cli.sqlite("DROP TRIGGER events_no_update; UPDATE events SET hash = '\(String(repeating: "a", count: 64))' WHERE seq = \(fabrikamConfirmed);").status == 0)
        let report = try Self.report(cli)
        #expect(report["firstBadSeq"] as? Int == fabrikamConfirmed)
    }

    @Test func aCustomerRowWithoutEventsAndEventsWithoutARowBothFail() throws {
        let cli = try Self.twoCustomers()
        #expect(try cli("verify").status == 0)
        // A row nobody's history made.
        let columns = try cli.sqlite("SELECT group_concat(name, ',') FROM pragma_table_info('customers')").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let values = columns.split(separator: ",").map { $0 == "tenantId" ? "'00000000-0000-4000-8000-000000000001'" : String($0) }
            .joined(separator: ",")
        #expect(try cli.sqlite("INSERT INTO customers (\(columns)) SELECT \(values) FROM customers WHERE tenantId = '\(Self.later)';").status == 0)
        let extra = try cli("verify")
        #expect(extra.status == 4)
        #expect(extra.stderr.contains("00000000-0000-4000-8000-000000000001"), "\(extra.stderr)")
        // A customer's row gone while its events stay.
        #expect(try cli.sqlite("DELETE FROM customers WHERE tenantId IN ('00000000-0000-4000-8000-000000000001', '\(Self.later)');").status == 0)
        let missing = try cli("verify")
        #expect(missing.status == 4)
        // Named by the customer (not "customers"), at the event that made it.
        #expect(missing.stderr.contains("the history records customer \(Self.later), but the store has no row for it"), "\(missing.stderr)")
    }
}
