@testable import ConsentCommands
import Testing

/// `list` and `log` print their tables as the rows are read: a short table looks exactly as
/// a table held whole; a long one keeps the columns its first rows gave.
@Suite("Tables printed as they are read")
struct StreamedTextTableTests {
    func printed(_ rows: [[String]], block: Int) -> [String] {
        var lines: [String] = []
        let table = StreamedTextTable(TextTable(header: ["Company", "Country"]), block: block) { lines.append($0) }
        for row in rows { table.add(row) }
        table.finish()
        return lines
    }

    @Test func aTableShorterThanItsBlockIsTheWholeTable() {
        let rows = [["Contoso Ltd", "GB"], ["北京云端有限公司", "CN"], ["A", "DE"]]
        var whole = TextTable(header: ["Company", "Country"])
        for row in rows { whole.add(row) }
        #expect(printed(rows, block: 1_000) == whole.render())
        #expect(printed([], block: 1_000) == TextTable(header: ["Company", "Country"]).render())
    }

    @Test func laterRowsKeepTheFirstRowsColumnsAndAreNeverCutBelowTheLimit() {
        let long = String(repeating: "Northwind Traders ", count: 4)
        let rows = [["Contoso", "GB"], ["Fabrikam", "DE"], ["Northwind Traders International", "US"], [long, "NO"], ["Adatum\u{1B}[31m", "FR"]]
        let lines = printed(rows, block: 2)
        #expect(lines.count == 2 + 5)
        // Sized by "Fabrikam"; a wider name later is printed whole and pushes its country right…
        #expect(lines[2].hasPrefix("Contoso   GB"))
        #expect(lines[4] == "Northwind Traders International  US")
        // …and only what is over the limit every table has (40) is cut.
        #expect(lines[5].hasPrefix(String(long.prefix(39)) + "…  NO"))
        // Untrusted text is escaped whether the row was held or printed at once.
        #expect(!lines[6].contains("\u{1B}"))
    }
}
