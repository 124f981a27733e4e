import Foundation
import Testing
import TestSupport

@Suite("Import and export")
struct ImportExportTests {
    static let attestations = """
    CustomerTenantId,CustomerDomainName,DateAgreed,FirstName,LastName,PhoneNumber,Email,AgreementType
    0f8fad5b-d9cb-469f-a165-70867728950e,contoso.com,2026-11-20,Anna,Smith,,anna@contoso.com,MicrosoftCustomerAgreement
    1b4e28ba-2fa1-41d2-883f-0016d3cca427,fabrikam.com,2027-01-01,Bob,Jones,+1 555,bob@fabrikam.com,MicrosoftCustomerAgreement
    6fa459ea-ee8a-4ca4-894e-db77e160355e,adatum.com,7/28/2019,王,芳,,wang@adatum.com,MicrosoftCloudAgreement
    886313e1-3b8a-4372-9b90-0c9aee199e5d,tailspin.com,2026-11-01,Eve,Bad,,eve@tailspin.example,MicrosoftCustomerAgreement

    """

    func write(_ text: String, _ cli: CLI, _ name: String) throws -> String {
        let path = cli.dir.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func badRowsAreReportedByLineAndNothingIsWritten() throws {
        let cli = try CLI.withCustomer()
        let file = try write(Self.attestations, cli, "attest.csv")
        let before = try cli("export", "--format", "history").stdout
        let result = try cli("import", file)
        #expect(result.status == 2)
        #expect(result.stdout.contains("line 3: Acceptance date 2027-01-01 is in the future"))
        #expect(result.stdout.contains("line 5: The email is at tailspin.example"))
        #expect(!result.stdout.contains("line 2:"))
        #expect(result.stderr.contains("nothing was written"))
        #expect(try cli("export", "--format", "history").stdout == before)
    }

    @Test func dryRunReportsAndWritesNothing() throws {
        let cli = try CLI.withCustomer()
        let file = try write(Self.attestations, cli, "attest.csv")
        let before = try cli("export", "--format", "history").stdout
        let result = try cli("import", file, "--dry-run")
        #expect(result.stderr.contains("Dry run: 4 rows checked, 2 good, 2 bad"))
        #expect(try cli("export", "--format", "history").stdout == before)
    }

    @Test func skipInvalidWritesTheGoodRows() throws {
        let cli = try CLI.withCustomer()
        let file = try write(Self.attestations, cli, "attest.csv")
        let result = try cli("import", file, "--skip-invalid")
        #expect(result.status == 2)
        #expect(result.stderr.contains("Imported 2 rows"))
        let list = try CLI.jsonLines(try cli("list", "--json").stdout)
        let byName = Dictionary(uniqueKeysWithValues: list.map { ($0["companyName"] as! String, $0["status"] as! String) })
        #expect(byName["Contoso Ltd"] == "confirmed")
        #expect(byName["adatum.com"] == "outdated")
        #expect(byName["fabrikam.com"] == nil)
        #expect(try cli("verify").status == 0)
    }

    @Test func missingColumnsAreNamed() throws {
        let cli = try CLI.withCustomer()
        let file = try write("CustomerTenantId,Email\nx,y\n", cli, "short.csv")
        let result = try cli("import", file, "--format", "attestations")
        #expect(result.status == 2)
        #expect(result.stderr.contains("DateAgreed, FirstName, LastName"))
    }

    @Test func customersCSVRoundTripsIntoAFreshStore() throws {
        let source = CLI()
        #expect(try source("demo", "--customers", "150", "--seed", "11").status == 0)
        let csv = source.dir.file("customers.csv")
        #expect(try source("export", "--format", "csv", "--output", csv).status == 0)
        let target = CLI()
        try target("profile", "set", "--name", "Northwind Cloud Partners", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                   "--domains", "northwindcloud.example", "--role", "indirectProvider", "--user-id", "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f")
        for (id, name, domain) in [("R-100", "Tailspin Resellers", "tailspin.example"), ("R-200", "Wingtip IT", "wingtip.example"), ("R-300", "星云渠道", "xingyun.example")] {
            try target("profile", "add-reseller", "--id", id, "--name", name, "--domains", domain)
        }
        let imported = try target("import", csv)
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        func comparable(_ cli: CLI) throws -> [String] {
            try CLI.jsonLines(try cli("list", "--json").stdout).map { row in
                var row = row
                var confirmation = row["confirmation"] as? [String: Any]
                confirmation?.removeValue(forKey: "recordedAt")
                row["confirmation"] = confirmation
                let data = try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys])
                return String(decoding: data, as: UTF8.self)
            }.sorted()
        }
        #expect(try comparable(source) == comparable(target))
        // Importing the same file again changes nothing.
        let history = try target("export", "--format", "history").stdout
        let again = try target("import", csv)
        #expect(again.stderr.contains("Nothing changed: all 150 rows are already as stored."))
        #expect(try target("export", "--format", "history").stdout == history)
    }

    @Test func attestationExportIsMicrosoftsFormatAndImportsBack() throws {
        let source = CLI()
        #expect(try source("demo", "--customers", "80", "--seed", "5").status == 0)
        let file = source.dir.file("attest.csv")
        #expect(try source("export", "--format", "attestations", "--output", file).status == 0)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("CustomerTenantId,CustomerDomainName,DateAgreed,FirstName,LastName,PhoneNumber,Email,AgreementType\n"))
        let rows = text.split(separator: "\n").count - 1
        let confirmedOrOutdated = try CLI.jsonLines(try source("list", "--json").stdout)
            .filter { ["confirmed", "outdated"].contains($0["status"] as? String) }.count
        #expect(rows == confirmedOrOutdated)
        let target = CLI()
        try target("profile", "set", "--name", "P", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40", "--user-id", "5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13")
        let result = try target("import", file)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(try CLI.jsonLines(try target("list", "--json").stdout).count == rows)
    }

    @Test func partnerCenterBodiesExportOnePerCustomerAndImportBack() throws {
        let cli = try CLI.withCustomer()
        try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        let folder = cli.dir.file("bodies")
        #expect(try cli("export", "--format", "partner-center", "--output", folder).status == 0)
        let body = try String(contentsOfFile: folder + "/0f8fad5b-d9cb-469f-a165-70867728950e.json", encoding: .utf8)
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
        #expect(Set(json.keys) == ["primaryContact", "templateId", "dateAgreed", "type", "agreementLink", "userId"])
        #expect(json["dateAgreed"] as? String == "2026-11-20T00:00:00Z")
        #expect(json["type"] as? String == "MicrosoftCustomerAgreement")
        #expect((json["primaryContact"] as? [String: Any])?["phoneNumber"] == nil)
        let fresh = CLI()
        try fresh("profile", "set", "--name", "P", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40", "--user-id", "5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13")
        #expect(try fresh("import", folder).status == 0)
        #expect(try fresh("show", "0f8fad5b-d9cb-469f-a165-70867728950e").stdout.contains("Anna Smith"))
    }

    @Test func partnerCenterGETCollectionImportsForANamedCustomer() throws {
        let cli = try CLI.withCustomer()
        let file = try write("""
        {"totalCount":1,"items":[{"primaryContact":{"firstName":"Chloé","lastName":"Dubois","email":"chloe@contoso.com"},
        "templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","dateAgreed":"2026-10-01T00:00:00",
        "type":"MicrosoftCustomerAgreement","agreementLink":"https://aka.ms/customeragreement","userId":"5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13"}]}
        """, cli, "get.json")
        let refused = try cli("import", file)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--customer"))
        let result = try cli("import", file, "--customer", "contoso.com")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try cli("show", "contoso.com").stdout.contains("Chloé Dubois"))
    }

    @Test func historyExportIsJSONLinesForAuditors() throws {
        let cli = try CLI.withCustomer()
        let lines = try CLI.jsonLines(try cli("export", "--format", "history").stdout)
        #expect(lines.map { $0["kind"] as? String } == ["profile-set", "profile-set", "customer-added"])
        #expect(lines.allSatisfy { ($0["hash"] as? String)?.count == 64 && $0["employee"] as? String == "desk-tester" })
    }

    @Test func resellerStoreExportsWhatItsProviderNeeds() throws {
        let cli = CLI()
        try cli("profile", "set", "--name", "Tailspin", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40", "--role", "indirectReseller", "--domains", "tailspin.example")
        try cli("add-customer", "--tenant-id", "0f8fad5b-d9cb-469f-a165-70867728950e", "--name", "Contoso Ltd", "--domains", "contoso.com")
        let confirm = try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com", "--date", "2026-11-20")
        #expect(confirm.status == 0, "\(confirm.stderr)")
        #expect(try cli("list").stdout.contains("collected"))
        let export = try cli("export", "--format", "attestations")
        #expect(export.stdout.contains("0f8fad5b-d9cb-469f-a165-70867728950e,contoso.com,2026-11-20,Anna,Smith,,anna@contoso.com,MicrosoftCustomerAgreement"))
    }
}
