import Foundation
import Testing
@testable import ConsentModel

@Suite("Reading import files")
struct ImportReadingTests {
    // MARK: bytes

    @Test func utf8IsReadAndItsByteOrderMarkSkipped() throws {
        #expect(try ImportText.decode(Array("a,b\n王,芳\n".utf8)).text == "a,b\n王,芳\n")
        #expect(try ImportText.decode([0xEF, 0xBB, 0xBF] + Array("tenantId".utf8)).text == "tenantId")
    }

    @Test(arguments: [
        ([0x61, 0x0A, 0x62, 0xFC, 0x0A] as [UInt8], 2, 3),       // Latin-1 ü
        ([0x0A, 0x0A, 0xC0, 0xAF] as [UInt8], 3, 2),             // overlong "/"
        ([0xED, 0xA0, 0x80] as [UInt8], 1, 0),                   // a surrogate
        ([0x61, 0xE2, 0x82] as [UInt8], 1, 1),                   // cut short at the end
        ([0xF4, 0x90, 0x80, 0x80] as [UInt8], 1, 0),             // above U+10FFFF
    ])
    func invalidUTF8IsRefusedWithItsLineAndOffset(bytes: [UInt8], line: Int, offset: Int) {
        #expect(throws: ImportText.DecodeError.invalidUTF8(line: line, byteOffset: offset)) { try ImportText.decode(bytes) }
    }

    @Test func theOffsetCountsTheByteOrderMark() {
        #expect(throws: ImportText.DecodeError.invalidUTF8(line: 1, byteOffset: 4)) {
            try ImportText.decode([0xEF, 0xBB, 0xBF, 0x61, 0xFF])
        }
    }

    @Test func utf16WithAByteOrderMarkIsDecodedBothWays() throws {
        let text = "Müller,😀\n"
        let little = [UInt8]([0xFF, 0xFE]) + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big = [UInt8]([0xFE, 0xFF]) + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try ImportText.decode(little) == (text, .utf16LittleEndian))
        #expect(try ImportText.decode(big) == (text, .utf16BigEndian))
    }

    @Test func brokenOrUnmarkedUTF16AndUTF32AreRefusedByName() {
        #expect(throws: ImportText.DecodeError.invalidUTF16(line: 2, byteOffset: 6)) {
            try ImportText.decode([0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00, 0x00, 0xD8, 0x61, 0x00])
        }
        #expect(throws: ImportText.DecodeError.utf16WithoutMark) { try ImportText.decode([0x61, 0x00, 0x62, 0x00]) }
        #expect(throws: ImportText.DecodeError.utf32) { try ImportText.decode([0xFF, 0xFE, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00]) }
    }

    // MARK: CSV

    @Test func rowsKeepTheLineTheyBeginOnAcrossQuotedLineBreaks() throws {
        let table = try CSVTable.read("a,b\r\n\"x\ny\",1\r\n\n\"he said \"\"hi\"\"\",2\n3,\"\"\n")
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.line) == [2, 5, 6])
        #expect(table.rows.map(\.cells) == [["x\ny", "1"], ["he said \"hi\"", "2"], ["3", ""]])
    }

    @Test func anUnclosedQuoteNamesTheLineWhereItsFieldBegan() {
        #expect(throws: CSVProblem.unclosedQuote(line: 3)) { try CSVTable.read("a,b\n1,2\n3,\"four\n5,6\n7,8\n") }
    }

    @Test func strayQuotesAndTextAfterAQuoteSpoilOnlyTheirRow() throws {
        let table = try CSVTable.read("a,b\n1,x\"y\n\"2\"z,3\n4,5\n")
        let records = table.records()
        #expect(records.map(\.line) == [2, 3, 4])
        #expect(throws: CSVProblem.strayQuote(line: 2, field: 2)) { try records[0].fields.get() }
        #expect(throws: CSVProblem.textAfterQuote(line: 3, field: 1)) { try records[1].fields.get() }
        #expect(try records[2].fields.get() == ["a": "4", "b": "5"])
    }

    @Test func shortRowsAreRefusedAndEmptyExtraCellsIgnored() throws {
        let records = try CSVTable.read("a,b,c\n1,2\n1,2,3,,\n1,2,3,4\n").records()
        #expect(throws: CSVProblem.shortRow(line: 2, cells: 2, columns: 3)) { try records[0].fields.get() }
        #expect(try records[1].fields.get() == ["a": "1", "b": "2", "c": "3"])
        #expect(throws: CSVProblem.extraCells(line: 4, cells: 4, columns: 3)) { try records[2].fields.get() }
    }

    @Test func aHeaderNamingAColumnTwiceOrNoHeaderIsRefused() {
        #expect(throws: CSVProblem.duplicateColumn("Email")) { try CSVTable.read("email, Email \n1,2\n") }
        #expect(throws: CSVProblem.empty) { try CSVTable.read("\n\n") }
    }

    // MARK: JSON

    @Test func everyShapeOfAgreementJSONIsReadItemByItem() throws {
        let one = #"{"primaryContact":{"firstName":"A","lastName":"B","email":"a@b.com"},"templateId":"t","dateAgreed":"2021-03-04","type":"X"}"#
        for (text, places) in [
            ("{\"totalCount\":2,\"items\":[\(one),\(one)]}", [AgreementJSONReader.Place.item(1), .item(2)]),
            ("[\(one)]", [.item(1)]),
            (one, [.item(1)]),
            ("\(one)\n\n\(one)\n", [.line(1), .line(3)]),
        ] {
            let items = try AgreementJSONReader.read(text)
            #expect(items.map(\.place) == places)
            #expect(try items.allSatisfy { try $0.result.get().type.rawValue == "X" })
        }
    }

    @Test func aBadItemNamesEveryFieldThatIsWrong() throws {
        let items = try AgreementJSONReader.read(#"[{"primaryContact":{"firstName":"A","lastName":7},"templateId":null,"dateAgreed":"d","type":"X"}, 5]"#)
        #expect(throws: AgreementJSONProblem.fields([
            .init(field: "primaryContact.lastName", kind: .notText), .init(field: "primaryContact.email", kind: .missing),
            .init(field: "templateId", kind: .missing),
        ])) { try items[0].result.get() }
        #expect(throws: AgreementJSONProblem.notAnObject) { try items[1].result.get() }
    }

    @Test func notJSONOrNotAgreementsIsRefused() {
        #expect(throws: AgreementJSONProblem.notAgreements) { try AgreementJSONReader.read("42") }
        #expect(throws: AgreementJSONProblem.notAgreements) { try AgreementJSONReader.read(#"{"items":3}"#) }
        do {
            _ = try AgreementJSONReader.read("{\"a\":1\n \"b\":2}")
            Issue.record("read broken JSON")
        } catch {
            #expect(error.description.contains("line 2, column"))
        }
    }

    // MARK: report lines

    @Test func aViolationThatDoesNotNameItsFieldIsLedByIt() {
        #expect(ConsentViolation.missing(.firstName).reportLine == "First name is required.")
        #expect(ConsentViolation.unknownCustomer("x").reportLine == "Tenant id: No customer matches \"x\".")
    }
}
