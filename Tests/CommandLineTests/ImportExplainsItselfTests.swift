import ConsentModel
import Foundation
import Testing
import TestSupport

/// Import that explains itself (issue #25 item 2): the columns each kind of file reads come
/// from the model and are shown in `import --help`, docs/formats.md and every header error;
/// the field separator is found from the header row (Excel's `;` locales, tabs), and named
/// when the header leaves it open.
@Suite("Import explains itself")
struct ImportExplainsItselfTests {
    static let fabrikam = "1b4e28ba-2fa1-41d2-883f-0016d3cca427"

    func write(_ bytes: [UInt8], _ cli: CLI, _ name: String) throws -> String {
        let path = cli.dir.file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func english(_ kind: ImportColumns.Kind) -> String { Strings.$override.withValue(.english) { ImportColumns.accepted(kind) } }

    @Test func separatorNotCommaAnExcelSemicolonCSVWithBOMAndCRLFImportsCleanly() throws {
        let cli = try CLI.withCustomer()
        let text = "tenantId;companyName;domains;country\r\n\(Self.fabrikam);\"Fabrikam; Europe GmbH\";fabrikam.de;DE\r\n"
        let file = try write([0xEF, 0xBB, 0xBF] + Array(text.utf8), cli, "excel.csv")
        // Before: "The file lacks the columns tenantId; check its header row." (exit 2).
        let imported = try cli("import", file)
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let shown = try cli("show", Self.fabrikam)
        #expect(shown.stdout.contains("Fabrikam; Europe GmbH") && shown.stdout.contains("fabrikam.de"), "\(shown.stdout)")
    }

    @Test func separatorNotCommaTabsAndExcelsSepLineAreReadKeepingLineNumbers() throws {
        let cli = try CLI.withCustomer()
        let tabbed = "CustomerTenantId\tDateAgreed\tFirstName\tLastName\tEmail\n0f8fad5b-d9cb-469f-a165-70867728950e\t2026-11-20\tAnna\tSmith\tanna@contoso.com\n"
        let imported = try cli("import", try write(Array(tabbed.utf8), cli, "pasted.txt"), "--format", "attestations")
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        #expect(try cli("show", "contoso.com").stdout.contains("Anna"))
        // `sep=;` (Excel's own hint) is not the header, and a bad row keeps the line an editor shows.
        let hinted = "sep=;\r\ntenantId;companyName;country\r\n\(Self.fabrikam);Fabrikam;DE\r\nnot-a-tenant;Bad;DE\r\n"
        let result = try cli("import", try write(Array(hinted.utf8), cli, "hinted.csv"))
        #expect(result.status == 2)
        #expect(result.stdout.contains("line 4:") && !result.stdout.contains("line 3:"), "\(result.stdout)")
    }

    @Test func headerErrorNamesTheColumnsReadTheSeparatorAndEveryAcceptedColumn() throws {
        let cli = try CLI.withCustomer()
        let customers = try cli("import", try write(Array("name,domain\nContoso,contoso.com\n".utf8), cli, "guess.csv"))
        #expect(customers.status == 2)
        // Before: only "The file lacks the columns tenantId; check its header row."
        #expect(customers.stderr.contains("Read (columns separated by a comma (,)): \"name\", \"domain\"; accepted: \(english(.customers))."),
                "\(customers.stderr)")
        let attestations = try cli("import", try write(Array("CustomerTenantId;Email\nx;y\n".utf8), cli, "short.csv"), "--format", "attestations")
        #expect(attestations.status == 2)
        #expect(attestations.stderr.contains("The file lacks the columns DateAgreed, FirstName, LastName"), "\(attestations.stderr)")
        #expect(attestations.stderr.contains("separated by a semicolon (;)): \"CustomerTenantId\", \"Email\"; accepted: \(english(.attestations))"),
                "\(attestations.stderr)")
        // A column it does not read is named, and so is every column it does.
        let ignored = try cli("import", try write(Array("tenantId,name\n\(Self.fabrikam),Fabrikam\n".utf8), cli, "ignored.csv"))
        #expect(ignored.stdout.contains("\"name\" is not one ConsentDesk reads") || ignored.stderr.contains("\"name\" is not one ConsentDesk reads"))
        #expect((ignored.stdout + ignored.stderr).contains(english(.customers)), "\(ignored.stdout)\(ignored.stderr)")
    }

    @Test func separatorAmbiguousIsNamedInTheMessage() throws {
        let cli = try CLI.withCustomer()
        let result = try cli("import", try write(Array("Tenant;Name,Land\nx;y,z\n".utf8), cli, "mixed.csv"))
        #expect(result.status == 2)
        #expect(result.stderr.contains("the header row holds a comma (,) and also a semicolon (;)"), "\(result.stderr)")
        #expect(result.stderr.contains("\"Tenant;Name\", \"Land\""), "\(result.stderr)")
    }

    @Test func acceptedColumnsFromTheModelAreInImportHelpAndTheFormatsPage() throws {
        let help = try CLI()("import", "--help")
        let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for kind in ImportColumns.Kind.allCases {
            let accepted = english(kind)
            #expect(flat.contains(accepted), "\(kind) in import --help: \(help.stdout)")
        }
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/formats.md")
        let page = try String(contentsOf: docs, encoding: .utf8)
        for kind in ImportColumns.Kind.allCases {
            #expect(page.contains(english(kind)), "\(kind) in docs/formats.md")
        }
        // The lists are the model's: every column the export writes is accepted back.
        #expect(ImportColumns.columns(.customers) == CustomersCSVRow.header)
        #expect(ImportColumns.columns(.attestations) == AttestationRow.header)
    }
}
