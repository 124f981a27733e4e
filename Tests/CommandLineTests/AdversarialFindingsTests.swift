import Foundation
import Testing
import TestSupport

/// Defects found by the adversarial pass over issues 10 and 11 (see the "adv" report).
/// Each test states what a desk worker would expect; each defect is fixed, and its test
/// guards against its return.
@Suite("Adversarial findings")
struct AdversarialFindingsTests {
    static let contoso = "0f8fad5b-d9cb-469f-a165-70867728950e"

    func write(_ text: String, _ cli: CLI, _ name: String) throws -> String {
        let path = cli.dir.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func history(_ cli: CLI) throws -> String { try cli("export", "--format", "history").stdout }

    func customer(_ cli: CLI, _ id: String = contoso) throws -> [String: Any] {
        let result = try cli("show", id, "--json")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    func contact(_ cli: CLI) throws -> [String: Any] {
        let confirmation = try customer(cli)["confirmation"] as? [String: Any] ?? [:]
        return confirmation["primaryContact"] as? [String: Any] ?? [:]
    }

    func confirm(_ cli: CLI, first: String, date: String, _ extra: String...) throws {
        let result = try cli.call(["confirm", "contoso.com", "--first", first, "--last", "Smith",
                                   "--email", "\(first.lowercased())@contoso.com", "--date", date] + extra)
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// D1: a name that starts with an apostrophe and a formula character is exported as it
    /// is and read back without the apostrophe, so re-importing our own export renames it.
    @Test func reimportingTheCSVExportKeepsANameThatStartsWithAnApostrophe() throws {
        let cli = try CLI.withCustomer()
        #expect(try cli("add-customer", "--tenant-id", "11111111-1111-4111-8111-111111111111",
                        "--name", "'=Tricky Co", "--domains", "tricky.example").status == 0)
        let csv = cli.dir.file("customers.csv")
        #expect(try cli("export", "--format", "csv", "--output", csv).status == 0)
        let before = try history(cli)
        let again = try cli("import", csv)
        let after = try history(cli)
        // D1 (found by the adversarial pass; fixed)
        #expect(again.stderr.contains("Nothing changed"), "\(again.stdout)\(again.stderr)")
        #expect(after == before)
    }

    /// D3: Microsoft's attestation CSV without a PhoneNumber column (and Partner Center JSON
    /// without phoneNumber) replaces the stored confirmation: phone and evidence are lost.
    @Test func anAttestationFileWithoutPhoneColumnLeavesTheConfirmationAlone() throws {
        let cli = try CLI.withCustomer()
        try confirm(cli, first: "Anna", date: "2026-11-20", "--phone", "+1 425 555 0100", "--evidence", "TICKET-1")
        let before = try history(cli)
        let file = try write("""
            CustomerTenantId,CustomerDomainName,DateAgreed,FirstName,LastName,Email,AgreementType
            \(Self.contoso),contoso.com,2026-11-20,Anna,Smith,anna@contoso.com,MicrosoftCustomerAgreement

            """, cli, "no-phone.csv")
        let result = try cli("import", file)
        #expect(result.status == 0, "\(result.stderr)")
        let after = try history(cli)
        let phone = try contact(cli)["phoneNumber"] as? String
        // D3 (found by the adversarial pass; fixed)
        #expect(after == before)
        #expect(phone == "+1 425 555 0100")
    }

    /// D8: an attestation export taken before a re-confirmation, imported later, replaces the
    /// newer confirmation with the older one.
    @Test func anOldAttestationFileDoesNotReplaceANewerConfirmation() throws {
        let cli = try CLI.withCustomer()
        try confirm(cli, first: "Anna", date: "2026-11-20")
        let old = cli.dir.file("old.csv")
        #expect(try cli("export", "--format", "attestations", "--output", old).status == 0)
        try confirm(cli, first: "Bob", date: "2026-11-24")
        let before = try history(cli)
        _ = try cli("import", old)
        let first = try contact(cli)["firstName"] as? String
        let after = try history(cli)
        // D8 (found by the adversarial pass; fixed)
        #expect(first == "Bob")
        #expect(after == before)
    }

    /// D2: a customers CSV exported while a request was pending, imported after the customer
    /// confirmed, records the old request again after the confirmation.
    @Test func anOldCustomersFileDoesNotRecordAStaleRequest() throws {
        let cli = try CLI.withCustomer()
        #expect(try cli("request", "contoso.com", "--from", "Tailspin", "--date", "2026-11-10").status == 0)
        let old = cli.dir.file("old.csv")
        #expect(try cli("export", "--format", "csv", "--output", old).status == 0)
        try confirm(cli, first: "Anna", date: "2026-11-20")
        let before = try history(cli)
        _ = try cli("import", old)
        let after = try history(cli)
        // D2 (found by the adversarial pass; fixed)
        #expect(after == before)
    }

    /// D16: a re-acceptance cut-off after today makes every confirmation outdated, also one
    /// dated today; either refuse such a cut-off or let it take effect on its day.
    @Test func aFutureCutOffDoesNotMakeTodaysConfirmationOutdated() throws {
        let cli = try CLI.withCustomer()
        let set = try cli("profile", "set", "--cutoff", "2099-01-01", "--yes")
        guard set.status == 0 else {
            #expect(set.status == 2)
            return
        }
        try confirm(cli, first: "Anna", date: "2026-11-25")
        let status = try customer(cli)["status"] as? String
        // D16 (found by the adversarial pass; fixed)
        #expect(status == "confirmed")
    }

    /// D7: the required agreement typed in another letter case is stored as written, so
    /// every customer confirmed on that agreement turns outdated.
    @Test func theRequiredAgreementInAnotherCaseIsStoredInItsCanonicalSpelling() throws {
        let cli = try CLI.withCustomer()
        try confirm(cli, first: "Anna", date: "2026-11-20")
        _ = try cli("profile", "set", "--required-agreement", "microsoftcustomeragreement", "--yes")
        let status = try customer(cli)["status"] as? String
        // D7 (found by the adversarial pass; fixed)
        #expect(status == "confirmed")
    }

    /// D13: Excel in a semicolon locale (de-DE, fr-FR) splits an unquoted cell at ';' and
    /// runs what follows as a formula.
    @Test func aCellWithASemicolonAndAFormulaIsNotExportedBare() throws {
        let cli = try CLI.withCustomer()
        #expect(try cli("add-customer", "--tenant-id", "22222222-2222-4222-8222-222222222222",
                        "--name", "Foo;=1+2", "--domains", "foo.example").status == 0)
        let csv = try cli("export", "--format", "csv").stdout
        #expect(csv.contains("Foo"))
        // D13 (found by the adversarial pass; fixed)
        #expect(!csv.contains(",Foo;=1+2,"))
    }

    /// D14: `check --as-of` before the customer's first confirmation answers with today's record.
    @Test func checkAsOfADayBeforeTheConfirmationIsBlocked() throws {
        let cli = try CLI.withCustomer()
        try confirm(cli, first: "Anna", date: "2026-11-20")
        let result = try cli("check", "contoso.com", "--transaction", "new-purchase", "--channel", "api", "--as-of", "2026-01-01")
        // D14 (found by the adversarial pass; fixed)
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
    }
    /// D24: with the old template retired and a newer one effective later, an attestation
    /// row naming only the type is refused as "before this template took effect", although
    /// the customer accepted the template that was in effect on that day.
    @Test func anAttestationRowDatedBeforeANewTemplateUsesTheTemplateOfItsDay() throws {
        let cli = try CLI.withCustomer()
        #expect(try cli("templates", "add", "--id", "88888888-aaaa-4bbb-8ccc-888888888888", "--link",
                        "https://aka.ms/customeragreement", "--rank", "1", "--effective", "2026-01-01", "--yes").status == 0)
        #expect(try cli("templates", "retire", "117a77b0-9360-443b-8795-c6dedc750cf9", "--yes").status == 0)
        let file = try write("""
            CustomerTenantId,CustomerDomainName,DateAgreed,FirstName,LastName,PhoneNumber,Email,AgreementType
            \(Self.contoso),contoso.com,2022-01-01,Anna,Smith,,anna@contoso.com,MicrosoftCustomerAgreement

            """, cli, "old-mca.csv")
        let result = try cli("import", file)
        // D24 (found by the adversarial pass; fixed)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// D19: after the partner's role changes to indirect reseller, the store's own customers
    /// export no longer imports back (rows with a collecting reseller are refused).
    @Test func theOwnExportStillImportsAfterARoleChange() throws {
        let cli = try CLI.withCustomer()
        #expect(try cli("add-customer", "--tenant-id", "33333333-3333-4333-8333-333333333333", "--name", "Fabrikam",
                        "--domains", "fabrikam.example", "--reseller", "R-1").status == 0)
        #expect(try cli("confirm", "fabrikam.example", "--first", "Ben", "--last", "Li", "--email", "ben@fabrikam.example",
                        "--date", "2026-11-20", "--reseller", "R-1").status == 0)
        let role = try cli("profile", "set", "--role", "indirectReseller", "--yes")
        guard role.status == 0 else {
            #expect(role.status == 2)
            return
        }
        let csv = cli.dir.file("customers.csv")
        #expect(try cli("export", "--format", "csv", "--output", csv).status == 0)
        let again = try cli("import", csv)
        // D19 (found by the adversarial pass; fixed)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
    }

    /// D23: a store reached through a link to its folder is the same file to the anchor journal.
    @Test func aStoreWithANewIdentityFailsVerifyAlsoThroughALink() throws {
        let cli = try CLI.withCustomer()
        let file = cli.store + "/store.sqlite"
        let tamper = try run("/usr/bin/sqlite3", [file, "UPDATE meta SET value = '00000000-0000-4000-8000-000000000000' WHERE key = 'storeId';"])
        #expect(tamper.status == 0, "\(tamper.stderr)")
        let link = cli.dir.file("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: cli.store)
        #expect(try cli("verify").status == 4)
        let viaLink = try cli("verify", "--store", link)
        #expect(viaLink.status == 4, "\(viaLink.stdout)\(viaLink.stderr)")
    }

    /// D4: an environment value that starts with a joiner is read, and refused like the flag.
    @Test func anEnvironmentValueStartingWithAJoinerIsSeenAndRefused() throws {
        let cli = try CLI.withCustomer()
        let result = try cli("request", "contoso.com", "--from", "Tailspin", environment: ["CONSENTDESK_USER_ID": "\u{200D}ab"])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("Partner user id"))
    }

    /// D11: a partner-center export that runs out of disk part way leaves no half folder.
    @Test(.enabled(if: canMountTmpfs, "needs root and permission to mount a tmpfs"))
    func aPartnerCenterExportThatRunsOutOfDiskLeavesNothingHalfWritten() throws {
        let cli = CLI()
        #expect(try cli("demo", "--customers", "120").status == 0)
        let mountPoint = TemporaryDirectory("pcfull")
        #expect(try shell("mount -t tmpfs -o size=40k tmpfs \(shellQuote(mountPoint.path))").status == 0)
        defer { _ = try? shell("umount -l \(shellQuote(mountPoint.path))") }
        let folder = mountPoint.path + "/pc"
        let result = try cli("export", "--format", "partner-center", "--output", folder)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        #expect(left.filter { $0.hasSuffix(".json") }.isEmpty, "\(left)")
        // With room again, the same export goes through (nothing "already exists").
        _ = try shell("umount -l \(shellQuote(mountPoint.path))")
        let again = try cli("export", "--format", "partner-center", "--output", folder)
        #expect(again.status == 0, "\(again.stderr)")
    }

    /// A device named as the anchor journal is never written to nor has its mode changed
    /// (run as root, the desk once made /dev/null 0600 for everyone).
    @Test func aDeviceNamedAsTheJournalIsLeftAlone() throws {
        var before = stat()
        #expect(stat("/dev/null", &before) == 0)
        let cli = CLI()
        let result = try cli.call(["add-customer", "--tenant-id", Self.contoso, "--name", "Contoso Ltd"],
                                  environment: ["CONSENTDESK_ANCHORS": "/dev/null"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("not a regular file"))
        var after = stat()
        #expect(stat("/dev/null", &after) == 0)
        #expect(after.st_mode == before.st_mode)
    }

    /// D18: an ambiguous name says so plainly, with some of the matches.
    @Test func anAmbiguousNameNamesTheMatches() throws {
        let cli = try CLI.withCustomer()
        #expect(try cli("add-customer", "--tenant-id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--name", "Contoso Foods").status == 0)
        let result = try cli("show", "Contoso")
        #expect(result.status == 2)
        #expect(result.stderr.contains("More than one customer matches \"Contoso\""), "\(result.stderr)")
        #expect(result.stderr.contains("Contoso Ltd") && result.stderr.contains("Contoso Foods"))
        #expect(!result.stderr.contains("is not one of"))
    }

    /// The journal is never appended to a file that holds something else (another store).
    @Test func anotherStoresFileNamedAsTheJournalIsLeftAlone() throws {
        let other = try CLI.withCustomer()
        let otherFile = other.store + "/store.sqlite"
        let before = try Data(contentsOf: URL(fileURLWithPath: otherFile))
        let cli = CLI()
        let result = try cli.call(["add-customer", "--tenant-id", Self.contoso, "--name", "Contoso Ltd"],
                                  environment: ["CONSENTDESK_ANCHORS": otherFile])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("holds something other than anchors"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: otherFile)) == before)
        #expect(try other("verify").status == 0)
    }
}
