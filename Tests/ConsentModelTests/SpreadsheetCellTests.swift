import ConsentModel
import Testing

@Suite("Spreadsheet cells")
struct SpreadsheetCellTests {
    @Test(arguments: ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\tTab", "\rReturn"])
    func cellsASpreadsheetWouldRunGetAnApostrophe(text: String) {
        #expect(SpreadsheetCell.neutralised(text) == "'" + text)
        #expect(SpreadsheetCell.restored(SpreadsheetCell.neutralised(text)) == text)
    }

    @Test func plainTextAndPhoneNumbersStayAsTheyAre() {
        #expect(SpreadsheetCell.neutralised("Contoso Ltd") == "Contoso Ltd")
        #expect(SpreadsheetCell.neutralised("北京云端科技") == "北京云端科技")
        #expect(SpreadsheetCell.neutralised("") == "")
        let header = ["FirstName", "PhoneNumber"]
        #expect(SpreadsheetCell.neutralised(["+Anna", "+1 425 555 0100 ext. 12"], header: header) == ["'+Anna", "+1 425 555 0100 ext. 12"])
        // A "phone number" a hostile store holds that is not one is neutralised like text.
        #expect(SpreadsheetCell.neutralised(["Anna", "=HYPERLINK(\"x\")"], header: header) == ["Anna", "'=HYPERLINK(\"x\")"])
    }
}
