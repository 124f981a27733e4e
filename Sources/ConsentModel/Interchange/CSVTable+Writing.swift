extension CSVTable {
    /// One CSV row and its line break (LF): a field with a quote, comma or line break, or
    /// (with `forceQuotes`) one a spreadsheet must see quoted (`SpreadsheetCell.mustQuote`),
    /// is put in quotes with its quotes doubled. Read back by `CSVTable.read`.
    public static func line(_ fields: [String], forceQuotes: Bool) -> String {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line.append(",") }
            let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: ",") || $0 == 13 || $0 == 10 }
            if needsQuotes || (forceQuotes && SpreadsheetCell.mustQuote(field)) {
                line.append("\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            } else {
                line.append(field)
            }
        }
        line.append("\n")
        return line
    }
}
