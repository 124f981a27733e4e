import Foundation
import Testing
import TestSupport

/// Issue 14, item 15: the customers CSV opens well in a spreadsheet — a BOM when written to
/// a file, the reseller's name (its id in its own column), the cloud in words, the request
/// note — and still reads back to no change.
@Suite("Exports for spreadsheets")
struct SpreadsheetExportTests {
    static let bom = Data([0xEF, 0xBB, 0xBF])
    static let fabrikam = "1b4e28ba-2fa1-41d2-883f-0016d3cca427"
    static let gov = "9a2b3c4d-1111-4222-8333-944455556666"

    static func store() throws -> CLI {
        let cli = try CLI.withCustomer()
        try cli("add-customer", "--tenant-id", fabrikam, "--name", "Fabrikam Élodie 刘", "--domains", "fabrikam.com", "--reseller", "R-1")
        try cli("request", "fabrikam.com", "--from", "Tailspin", "--date", "2026-11-15", "--note", "Call back after the audit")
        try cli("add-customer", "--tenant-id", gov, "--name", "Gov Agency", "--cloud", "us-government")
        return cli
    }

    /// The rows of a CSV text (no field here holds a comma or a quote) by tenant id.
    static func rows(_ text: String) -> (header: [String], byTenant: [String: [String: String]]) {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines.first ?? []
        var byTenant: [String: [String: String]] = [:]
        for cells in lines.dropFirst() {
            let row = Dictionary(uniqueKeysWithValues: zip(header, cells))
            byTenant[row["tenantId"] ?? ""] = row
        }
        return (header, byTenant)
    }

    @Test func aCSVFileForASpreadsheetStartsWithAByteOrderMarkAndStandardOutputDoesNot() throws {
        let cli = try Self.store()
        let file = cli.dir.file("customers.csv")
        #expect(try cli("export", "--output", file).status == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(data.prefix(3) == Self.bom)
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self).contains("Fabrikam Élodie 刘"))
        // Standard output goes to scripts: no mark unless asked for.
        let piped = try cli("export")
        #expect(piped.stdout.hasPrefix("tenantId,"))
        #expect(Data(try cli("export", "--bom").stdout.utf8).prefix(3) == Self.bom)
        // --no-bom turns it off for a file; the attestation CSV (for Microsoft's tools) has none by default.
        let plain = cli.dir.file("plain.csv")
        #expect(try cli("export", "--no-bom", "--output", plain).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: plain)).prefix(8) == Data("tenantId".utf8))
        let attestations = cli.dir.file("attestations.csv")
        #expect(try cli("export", "--format", "attestations", "--output", attestations).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: attestations)).prefix(3) != Self.bom)
    }

    @Test func theResellerShowsByNameWithItsIdBesideTheCloudInWordsAndTheRequestNote() throws {
        let cli = try Self.store()
        let (header, rows) = Self.rows(try cli("export").stdout)
        #expect(header.contains("resellerId"))
        #expect(header.contains("requestNote"))
        let fabrikam = try #require(rows[Self.fabrikam])
        #expect(fabrikam["reseller"] == "Tailspin")
        #expect(fabrikam["resellerId"] == "R-1")
        #expect(fabrikam["cloud"] == "Global")
        #expect(fabrikam["requestNote"] == "Call back after the audit")
        #expect(rows[Self.gov]?["cloud"] == "US Government")
        #expect(rows[Self.gov]?["reseller"] == "")
    }

    @Test func ourOwnSpreadsheetExportReadsBackToNoChange() throws {
        let cli = try Self.store()
        let file = cli.dir.file("customers.csv")
        #expect(try cli("export", "--output", file).status == 0)
        let history = try cli("export", "--format", "history").stdout
        let again = try cli("import", file)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stderr.contains("Nothing changed: all 3 rows are already as stored."), "\(again.stderr)")
        #expect(try cli("export", "--format", "history").stdout == history)
    }

    @Test func importsReadTheCloudAndTheResellerInEveryWay() throws {
        let cli = try Self.store()
        let ids = ["2c5ea4c0-4067-11e9-8bad-9b1deb4d3b7d", "3d6fb5d1-5178-42fa-9cbe-ac2efc5e4c8e",
                   "4e70c6e2-6289-43fb-adcf-bd3f0d6f5d9f", "5f81d7f3-739a-440c-beda-ce4a1e706ea0"]
        let file = cli.dir.file("clouds.csv")
        try Data("""
        tenantId,companyName,cloud,reseller,resellerId
        \(ids[0]),One,China (21Vianet),Tailspin,
        \(ids[1]),Two,usGovernment,,R-1
        \(ids[2]),Three,US Government,R-1,
        \(ids[3]),Four,Global,,

        """.utf8).write(to: URL(fileURLWithPath: file))
        let result = try cli("import", file)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let listed = try CLI.jsonLines(try cli("list", "--json").stdout)
        func row(_ id: String) -> [String: Any]? { listed.first { $0["tenantId"] as? String == id } }
        #expect(row(ids[0])?["cloud"] as? String == "china-21vianet")
        #expect(row(ids[0])?["resellerId"] as? String == "R-1")
        #expect(row(ids[1])?["cloud"] as? String == "us-government")
        #expect(row(ids[1])?["resellerId"] as? String == "R-1")
        #expect(row(ids[2])?["resellerId"] as? String == "R-1")
        #expect(row(ids[3])?["cloud"] as? String == "global")
        #expect(row(ids[3])?["resellerId"] == nil)
    }
}
