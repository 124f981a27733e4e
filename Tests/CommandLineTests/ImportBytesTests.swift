import Foundation
import Testing
import TestSupport

/// Imports read bytes strictly and report precisely: bad bytes and broken CSV or JSON are
/// refused naming where they are, every problem of a row is listed, nothing is written.
@Suite("Imports read bytes strictly")
struct ImportBytesTests {
    static let contoso = "0f8fad5b-d9cb-469f-a165-70867728950e"
    static let header = "CustomerTenantId,CustomerDomainName,DateAgreed,FirstName,LastName,PhoneNumber,Email,AgreementType"

    func write(_ bytes: [UInt8], _ cli: CLI, _ name: String) throws -> String {
        let path = cli.dir.file(name)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    func write(_ text: String, _ cli: CLI, _ name: String) throws -> String {
        try write(Array(text.utf8), cli, name)
    }

    func history(_ cli: CLI) throws -> String { try cli("export", "--format", "history").stdout }

    @Test func invalidUTF8IsRefusedWithItsLineAndByteOffset() throws {
        let cli = try CLI.withCustomer()
        let before = try history(cli)
        // "Müller" in Latin-1: 0xFC is not UTF-8.
        let text = Array("tenantId,companyName\n\(Self.contoso),M".utf8) + [0xFC] + Array("ller\n".utf8)
        let result = try cli("import", try write(text, cli, "latin1.csv"))
        #expect(result.status == 2)
        #expect(result.stderr.contains("latin1.csv: it is not UTF-8 text: the byte at line 2 (byte offset 59 in the file)"))
        #expect(try history(cli) == before)
        #expect(!(try cli("show", Self.contoso).stdout.contains("\u{FFFD}")))
    }

    @Test(arguments: [true, false])
    func aUTF16FileWithAByteOrderMarkIsRead(littleEndian: Bool) throws {
        let cli = try CLI.withCustomer()
        let text = "\(Self.header)\r\n\(Self.contoso),contoso.com,2026-11-20,Jürgen,Müller,,jm@contoso.com,MicrosoftCustomerAgreement\r\n"
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in text.utf16 {
            bytes += littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        let result = try cli("import", try write(bytes, cli, "utf16.csv"))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try cli("show", Self.contoso).stdout.contains("Jürgen Müller"))
    }

    @Test func utf16WithoutAByteOrderMarkIsRefusedByName() throws {
        let cli = try CLI.withCustomer()
        let bytes = Array("tenantId,companyName\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let result = try cli("import", try write(bytes, cli, "nomark.csv"))
        #expect(result.status == 2)
        #expect(result.stderr.contains("UTF-16 text without a byte-order mark"))
    }

    @Test func aUTF8ByteOrderMarkIsSkipped() throws {
        let cli = try CLI.withCustomer()
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("tenantId,companyName\n\(Self.contoso),Contoso Österreich\n".utf8)
        let result = try cli("import", try write(bytes, cli, "bom.csv"))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try cli("show", Self.contoso).stdout.contains("Contoso Österreich"))
    }

    @Test func anUnclosedQuoteNamesTheLineWhereTheFieldBeganAndWritesNothing() throws {
        let cli = try CLI.withCustomer()
        let before = try history(cli)
        let file = try write("""
        tenantId,companyName,domains
        \(Self.contoso),Contoso Ltd,contoso.com
        1b4e28ba-2fa1-41d2-883f-0016d3cca427,Fabrikam,fabrikam.com
        6fa459ea-ee8a-4ca4-894e-db77e160355e,"Adatum,adatum.com
        886313e1-3b8a-4372-9b90-0c9aee199e5d,Tailspin,tailspin.com

        """, cli, "quote.csv")
        let result = try cli("import", file)
        #expect(result.status == 2)
        #expect(result.stderr.contains("the quoted field that begins on line 4 is never closed"))
        #expect(!result.stderr.contains("control character"))
        #expect(try history(cli) == before)
    }

    @Test func lineNumbersStayRightAfterMultiLineFields() throws {
        let cli = try CLI.withCustomer()
        let file = try write("""
        tenantId,companyName,domains,country
        1b4e28ba-2fa1-41d2-883f-0016d3cca427,"Fabrikam
        Two Lines","fabrikam.com",US
        6fa459ea-ee8a-4ca4-894e-db77e160355e,Adatum "Corp",adatum.com,US
        886313e1-3b8a-4372-9b90-0c9aee199e5d,Tailspin,tailspin.com,USA

        """, cli, "multi.csv")
        let result = try cli("import", file)
        #expect(result.status == 2)
        #expect(result.stdout.contains("line 2: Company name"))
        #expect(result.stdout.contains("line 4: field 2 has a quote but does not begin with one"))
        #expect(result.stdout.contains("line 5: Country \"USA\" is not a two-letter country code"))
    }

    @Test func aStrayQuoteSpoilsOnlyItsRowAndSkipInvalidWritesTheOthers() throws {
        let cli = try CLI.withCustomer()
        let file = try write("""
        tenantId,companyName
        \(Self.contoso),Contoso 5" Screens
        1b4e28ba-2fa1-41d2-883f-0016d3cca427,Fabrikam

        """, cli, "stray.csv")
        let refused = try cli("import", file)
        #expect(refused.status == 2)
        #expect(refused.stdout.contains("line 2: field 2 has a quote but does not begin with one"))
        #expect(!(try cli("list").stdout.contains("Fabrikam")))
        let skipped = try cli("import", file, "--skip-invalid")
        #expect(skipped.status == 2)
        #expect(try cli("list").stdout.contains("Fabrikam"))
        #expect(try cli("show", Self.contoso).stdout.contains("Contoso Ltd"))
        #expect(try cli("verify").status == 0)
    }

    @Test func aFileWithNothingToImportSaysSo() throws {
        let cli = try CLI.withCustomer()
        let before = try history(cli)
        let header = try cli("import", try write("tenantId,companyName\n", cli, "header.csv"))
        #expect(header.status == 0)
        #expect(header.stderr.contains("header.csv holds nothing to import"))
        let badHeader = try cli("import", try write("tenantId,company\"Name\n", cli, "badheader.csv"))
        #expect(badHeader.status == 2)
        #expect(badHeader.stderr.contains("badheader.csv is not a readable CSV file: line 1: field 2 has a quote"))
        #expect(try history(cli) == before)
    }

    @Test func aColumnNamedTwiceIsRefusedNamingIt() throws {
        let cli = try CLI.withCustomer()
        let result = try cli("import", try write("tenantId,companyName,CompanyName\n\(Self.contoso),A,B\n", cli, "dup.csv"))
        #expect(result.status == 2)
        #expect(result.stderr.contains("the header names the column \"CompanyName\" twice"))
    }

    @Test func everyProblemOfARowIsReportedEachWithItsField() throws {
        let cli = try CLI.withCustomer()
        let file = try write("""
        \(Self.header)
        \(Self.contoso),contoso.com,2026-13-45,Anna,,,anna-at-contoso,MicrosoftCustomerAgreement

        """, cli, "many.csv")
        let result = try cli("import", file)
        #expect(result.status == 2)
        let lines = result.stdout.split(separator: "\n").filter { $0.hasPrefix("line 2: ") }
        #expect(lines.count == 3, "\(result.stdout)")
        #expect(result.stdout.contains("line 2: Acceptance date \"2026-13-45\" is not a date"))
        #expect(result.stdout.contains("line 2: Last name is required."))
        #expect(result.stdout.contains("line 2: Email \"anna-at-contoso\" is not a valid address"))
    }

    @Test func jsonProblemsNameTheItemAndEveryField() throws {
        let cli = try CLI.withCustomer()
        let before = try history(cli)
        let file = try write("""
        {"totalCount":2,"items":[
        {"primaryContact":{"firstName":"Anna","lastName":"Smith","email":"anna@contoso.com"},
         "templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","dateAgreed":"2026-11-01T00:00:00Z","type":"MicrosoftCustomerAgreement"},
        {"primaryContact":{"firstName":"Bob","lastName":5},"dateAgreed":"2026-11-02","type":"MicrosoftCustomerAgreement"}]}
        """, cli, "items.json")
        let result = try cli("import", file, "--customer", "contoso.com")
        #expect(result.status == 2)
        #expect(result.stdout.contains("item 2: field primaryContact.lastName must be text in quotes."))
        #expect(result.stdout.contains("item 2: field primaryContact.email is missing."))
        #expect(result.stdout.contains("item 2: field templateId is missing."))
        #expect(!result.stdout.contains("item 1:"))
        #expect(try history(cli) == before)
    }

    @Test func jsonSyntaxErrorsNameTheLineAndColumn() throws {
        let cli = try CLI.withCustomer()
        // Microsoft's documentation sample lacks commas like this.
        let file = try write("""
        {"totalCount":1,"items":[
          {"primaryContact":{"firstName":"Anna","lastName":"Smith","email":"anna@contoso.com"}
           "templateId":"117a77b0-9360-443b-8795-c6dedc750cf9"}]}
        """, cli, "sample.json")
        let result = try cli("import", file, "--customer", "contoso.com")
        #expect(result.status == 2)
        #expect(result.stderr.contains("sample.json: it is not valid JSON: line 3, column"), "\(result.stderr)")
    }

    @Test func folderImportNamesTheFileEscaped() throws {
        let cli = try CLI.withCustomer()
        let before = try history(cli)
        let folder = cli.dir.file("bodies")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let good = """
        {"primaryContact":{"firstName":"Anna","lastName":"Smith","email":"anna@contoso.com"},\
        "templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","dateAgreed":"2026-11-01T00:00:00Z","type":"MicrosoftCustomerAgreement"}
        """
        try good.write(toFile: folder + "/\(Self.contoso).json", atomically: true, encoding: .utf8)
        try #"{"primaryContact":{"firstName":"Bob","lastName":"Jones"},"templateId":"x","dateAgreed":"2026-11-01","type":"T"}"#
            .write(toFile: folder + "/1b4e28ba-2fa1-41d2-883f-0016d3cca427.json", atomically: true, encoding: .utf8)
        try good.write(toFile: folder + "/\u{1B}[31mevil.json", atomically: true, encoding: .utf8)
        let result = try cli("import", folder)
        #expect(result.status == 2)
        #expect(result.stdout.contains("file 1b4e28ba-2fa1-41d2-883f-0016d3cca427.json: field primaryContact.email is missing."))
        #expect(result.stdout.contains("file \\u{1B}[31mevil.json: the file name is not <tenantId>.json"))
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(!result.stdout.contains("line "))
        #expect(try history(cli) == before)
    }

    @Test func anArgumentThatIsNotUTF8IsRefused() throws {
        let cli = try CLI.withCustomer()
        let before = try history(cli)
        let result = try shell("""
            exec '\(Products.consentdesk)' confirm contoso.com --first "$(printf 'M\\374ller')" --last Smith \
              --email m@contoso.com --date 2026-11-20
            """, environment: ["CONSENTDESK_NOW": CLI.now, "CONSENTDESK_STORE": cli.store, "USER": "desk-tester"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("argument 4 is not UTF-8 text"))
        #expect(try history(cli) == before)
    }
}
