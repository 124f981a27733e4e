import Foundation
import Testing
import TestSupport

/// Defects found by the adversarial pass over issue 13 (the "adv13" report). Each test states
/// what a desk worker or an auditor would expect; each fails on the code it was written against.
@Suite("Adversarial findings, issue 13")
struct Adversarial13Tests {
    static let contoso = "0f8fad5b-d9cb-469f-a165-70867728950e"

    /// Contoso confirmed, then withdrawn; returns the withdrawal's seq.
    static func withdrawnContoso() throws -> (CLI, Int) {
        let cli = try CLI.withCustomer()
        #expect(try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com",
                        "--date", "2026-11-20").status == 0)
        #expect(try cli("withdraw", "contoso.com", "--date", "2026-11-24", "--reason", "Customer left").status == 0)
        let out = try cli.sqlite("SELECT seq FROM events WHERE kind = 'withdrawn';").stdout
        let seq = try #require(Int(out.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(try cli("verify").status == 0)
        return (cli, seq)
    }

    /// A1: a NUL byte appended to a stored text is invisible to `verify` (the text is read up
    /// to the NUL, and hashed so), but not to SQL: the withdrawal drops out of the customer's
    /// history, evidence pack and log while `verify` says the history is intact.
    @Test func aNulByteAppendedToAnEventsCustomerFailsVerification() throws {
        let (cli, seq) = try Self.withdrawnContoso()
        #expect(try cli.sqlite("DROP TRIGGER events_no_update; UPDATE events SET customer = customer || char(0) WHERE seq = \(seq);").status == 0)
        // The store changed: SQL no longer finds the withdrawal under the customer.
        let count = try cli.sqlite("SELECT count(*) FROM events WHERE customer = '\(Self.contoso)' AND kind = 'withdrawn';").stdout
        #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let verify = try cli("verify")
        #expect(verify.status == 4, "\(verify.stdout)\(verify.stderr)")
    }

    @Test func aNulByteAppendedToACustomersCompanyFailsVerification() throws {
        let (cli, _) = try Self.withdrawnContoso()
        #expect(try cli.sqlite("UPDATE customers SET companyName = companyName || char(0) || 'Holdings' WHERE tenantId = '\(Self.contoso)';").status == 0)
        let verify = try cli("verify")
        #expect(verify.status == 4, "\(verify.stdout)\(verify.stderr)")
    }

    @Test func aNulByteAndTextAppendedToAnEventsPayloadFailsVerification() throws {
        let (cli, seq) = try Self.withdrawnContoso()
        #expect(try cli.sqlite("DROP TRIGGER events_no_update; UPDATE events SET payload = payload || char(0) || 'forged' WHERE seq = \(seq);").status == 0)
        let verify = try cli("verify")
        #expect(verify.status == 4, "\(verify.stdout)\(verify.stderr)")
    }

    /// Rewrites event `seq`'s time to `at` and its hash with the published recipe (the next
    /// event's link is left as it is: only the last event is rewritten here).
    static func rewriteTime(_ cli: CLI, seq: Int, to at: String) throws {
        let row = try cli.sqlite("SELECT seq, userId, employee, kind, customer, prevHash FROM events WHERE seq = \(seq);")
        let f = row.stdout.trimmingCharacters(in: .newlines).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let hex = try cli.sqlite("SELECT hex(payload) FROM events WHERE seq = \(seq);").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes = stride(from: 0, to: hex.count, by: 2).compactMap { i -> UInt8? in
            let start = hex.index(hex.startIndex, offsetBy: i)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)
        }
        let payload = String(decoding: bytes, as: UTF8.self)
        let hash = try ChainRecipe.sha256Hex(ChainRecipe.versionTwoInput([f[5], f[0], at, f[1], f[2], f[3], f[4], payload]), in: cli.dir)
        #expect(try cli.sqlite("DROP TRIGGER IF EXISTS events_no_update; UPDATE events SET at = '\(at)', hash = '\(hash)' WHERE seq = \(seq);").status == 0)
    }

    /// A4: an event time no command can read, or one before the event before it (rule 11:
    /// event times never go backwards), fails verification even with its hash made anew
    /// (another desk's journal holds no anchor of it).
    @Test func anEventTimeNoCommandCanReadOrGoingBackwardsFailsVerification() throws {
        for (at, words) in [("yesterday", "time cannot be read"), ("2026-13-01T10:00:00.000Z", "time cannot be read"),
                            ("2001-01-01T10:00:00.000Z", "never go backwards")] {
            let (cli, seq) = try Self.withdrawnContoso()
            try Self.rewriteTime(cli, seq: seq, to: at)
            let verify = try cli.call(["verify"], environment: ["CONSENTDESK_ANCHORS": cli.dir.file("other-desk.jsonl")])
            #expect(verify.status == 4, "\(at): \(verify.stdout)\(verify.stderr)")
            #expect((verify.stdout + verify.stderr).contains(words), "\(at): \(verify.stdout)\(verify.stderr)")
            #expect((verify.stdout + verify.stderr).contains("event \(seq)"), "\(at): \(verify.stdout)")
        }
    }

    /// A5: rule 4 refuses invisible characters, but Unicode tag characters (U+E0000–E007F, the
    /// usual way to smuggle hidden text) and the interlinear annotation marks (U+FFF9–FFFB) are
    /// stored and then printed raw on a terminal: "Ann" and "Ann" + hidden text look the same.
    @Test func invisibleTagAndAnnotationCharactersAreRefusedInNames() throws {
        let cli = try CLI.withCustomer()
        for name in ["Ann\u{E0069}\u{E0067}\u{E006E}", "Ann\u{FFF9}x"] {
            let result = try cli.call(["confirm", "contoso.com", "--first", name, "--last", "Smith",
                                       "--email", "anna@contoso.com", "--date", "2026-11-20"])
            #expect(result.status == 2, "\(name.unicodeScalars.map { String($0.value, radix: 16) }): \(result.stdout)\(result.stderr)")
        }
    }

    /// A3: `log --json` (and `list --json`) on a terminal writes a line separator of a stored
    /// text as `\u{2028}`, which is not JSON. An imported file's name is stored as it is, and a
    /// file name may hold U+2028.
    @Test func jsonOnATerminalStaysJSONForALineSeparatorInAnImportedFilesName() throws {
        let cli = try CLI.withCustomer()
        let path = cli.dir.file("a\u{2028}b.csv")
        try "tenantId,country\n\(Self.contoso),DE\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try cli("import", path).status == 0)
        let command = "\(shellQuote(Products.consentdesk)) log --json --limit 2 --store \(shellQuote(cli.store))"
        let tty = try shell("script -qc \(shellQuote(command)) /dev/null",
                            environment: ["CONSENTDESK_NOW": CLI.now, "CONSENTDESK_ANCHORS": cli.anchors])
        let lines = tty.stdout.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .filter { $0.hasPrefix("{") }
        #expect(lines.count == 2, "\(tty.stdout)")
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line)")
        }
    }
}
