import Testing
@testable import ConsentModel

/// Which cells an export quotes for spreadsheets set to `;` (checked by bytes now).
@Suite("Spreadsheet quoting")
struct SpreadsheetQuoteTests {
    @Test func aSemicolonAnywhereIsQuotedAndNothingElseIs() {
        #expect(SpreadsheetCell.mustQuote("Contoso; =1+1"))
        #expect(SpreadsheetCell.mustQuote(";"))
        // U+037E is canonically the same character as `;`.
        #expect(SpreadsheetCell.mustQuote("a\u{037E}b"))
        #expect(!SpreadsheetCell.mustQuote("北京云端科技有限公司"))
        #expect(!SpreadsheetCell.mustQuote("Müller, Söhne"))
        #expect(!SpreadsheetCell.mustQuote(""))
    }
}
