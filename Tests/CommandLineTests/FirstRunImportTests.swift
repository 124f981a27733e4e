import Foundation
import Testing
import TestSupport

/// Issue 14, item 13: a first import into a fresh store says once what a partner user id is,
/// where to find it and the exact fix; every problem of a row is reported; customers made
/// from attestation rows say that they have no company name or country.
@Suite("A first import into a fresh store")
struct FirstRunImportTests {
    static let file = """
    CustomerTenantId,CustomerDomainName,DateAgreed,FirstName,LastName,PhoneNumber,Email,AgreementType
    0f8fad5b-d9cb-469f-a165-70867728950e,contoso.com,2026-11-20,Anna,Smith,,anna@contoso.com,MicrosoftCustomerAgreement
    1b4e28ba-2fa1-41d2-883f-0016d3cca427,fabrikam.com,2026-13-40,,Jones,,bob.fabrikam.com,MicrosoftCustomerAgreement
    7c9e6679-7425-40de-944b-e07fc1f90ae7,adatum.com,2026-11-21,Cy,Lee,,cy@adatum.com,MicrosoftCustomerAgreement

    """

    static func write(_ cli: CLI) throws -> String {
        let path = cli.dir.file("attestations.csv")
        try Data(file.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func withoutAPartnerUserIdTheReportSaysOnceWhatItIsWhereToFindItAndTheFix() throws {
        let cli = CLI()
        let path = try Self.write(cli)
        let first = try cli("import", path)
        #expect(first.status == 2)
        #expect(Self.count("No partner user id is set, so 3 rows cannot be confirmed", in: first.stdout) == 1, "\(first.stdout)")
        #expect(Self.count("Microsoft Entra object id", in: first.stdout) == 1)
        #expect(first.stdout.contains("Object ID"))
        // A store without a profile: the fix sets what it needs too.
        #expect(first.stdout.contains("Fix: consentdesk profile set --name \"<your company>\" --tenant-id"))
        #expect(!first.stdout.contains("Partner user id is required"))
        // Every problem of the bad row, each on its own line.
        #expect(first.stdout.contains("line 3: Acceptance date \"2026-13-40\" is not a date"))
        #expect(first.stdout.contains("line 3: First name is required."))
        #expect(first.stdout.contains("line 3: Email \"bob.fabrikam.com\" is not a valid address"))
        #expect(try cli("list", "--json").stdout.isEmpty)

        // With a profile but no user id: the fix is the one option.
        #expect(try cli("profile", "set", "--name", "Northwind", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40").status == 0)
        let second = try cli("import", path)
        #expect(second.stdout.contains("Fix: consentdesk profile set --user-id <object-id>"), "\(second.stdout)")
        #expect(Self.count("No partner user id is set", in: second.stdout) == 1)

        // The fix as written works, and the good rows go in.
        #expect(try cli("profile", "set", "--user-id", "3c6a1f2e-1234-4567-89ab-0123456789ab").status == 0)
        let third = try cli("import", path, "--skip-invalid")
        #expect(!third.stdout.contains("No partner user id"))
        #expect(third.stderr.contains("Imported 2 rows"), "\(third.stderr)")
    }

    @Test func aFirstConfirmationWithoutAPartnerUserIdSaysWhatItIsAndTheFix() throws {
        let cli = CLI()
        try cli("add-customer", "--tenant-id", "0f8fad5b-d9cb-469f-a165-70867728950e", "--name", "Contoso", "--domains", "contoso.com")
        let result = try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com",
                             "--date", "2026-11-20")
        #expect(result.status == 2)
        #expect(result.stderr.contains("Partner user id is required."))
        #expect(result.stderr.contains("Microsoft Entra object id"))
        #expect(result.stderr.contains("Fix: consentdesk profile set --user-id <object-id>"))
        let given = try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com",
                            "--date", "2026-11-20", "--user-id", "3c6a1f2e-1234-4567-89ab-0123456789ab")
        #expect(given.status == 0, "\(given.stderr)")
    }

    @Test func theDesksOwnUserIdIsEnoughAndNothingIsSaidAboutIt() throws {
        let cli = CLI()
        let path = try Self.write(cli)
        let result = try cli.call(["import", path], environment: ["CONSENTDESK_USER_ID": "5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13"])
        #expect(!result.stdout.contains("partner user id"), "\(result.stdout)")
        #expect(result.stdout.contains("line 3: First name is required."))
    }

    @Test func customersAddedFromAttestationRowsSayTheyHaveNoCompanyNameOrCountry() throws {
        let cli = CLI()
        try cli("profile", "set", "--name", "Northwind", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                "--user-id", "3c6a1f2e-1234-4567-89ab-0123456789ab")
        try cli("add-customer", "--tenant-id", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "--name", "Adatum Legal", "--country", "FR",
                "--domains", "adatum.com")
        let result = try cli("import", try Self.write(cli), "--skip-invalid")
        #expect(result.stdout.contains("line 2: warning: new customer contoso.com: the file has no company name or country"),
                "\(result.stdout)")
        #expect(result.stdout.contains("customers CSV (tenantId,companyName,country)"))
        // A customer the store already knows keeps its name and country, and nothing is said.
        #expect(!result.stdout.contains("line 4: warning"))
        let listed = try CLI.jsonLines(try cli("list", "--json").stdout)
        #expect(listed.first { $0["tenantId"] as? String == "7c9e6679-7425-40de-944b-e07fc1f90ae7" }?["country"] as? String == "FR")
    }

    @Test func aSignInNameIsRefusedAsThePartnerUserIdOnTheCommandLineToo() throws {
        let cli = try CLI.withCustomer()
        let before = try cli("profile", "show").stdout
        let refused = try cli("profile", "set", "--user-id", "jdoe")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("jdoe") && refused.stderr.contains("Object ID"), "\(refused.stderr)")
        #expect(try cli("profile", "show").stdout == before)
        #expect(try cli("profile", "set", "--user-id", "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f").status == 0)
    }
}
