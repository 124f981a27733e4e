extension CSVTable {
    /// One CSV row and its line break (LF): a field with a quote, comma or line break, or
    /// (with `forceQuotes`) one a spreadsheet must see quoted (`SpreadsheetCell.mustQuote`),
    /// is put in quotes with its quotes doubled. Read back by `CSVTable.read`. The one CSV
    /// line writer: `export` and the app's export of marked customers both use it.
    public static func line(_ fields: [String], forceQuotes: Bool) -> String {
        // Built as bytes: this runs for every row of an export.
        let quote = UInt8(ascii: "\"")
        var line: [UInt8] = []
        line.reserveCapacity(256)
        for (index, field) in fields.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            let needsQuotes = field.utf8.contains { (byte: UInt8) -> Bool in
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "\r"), UInt8(ascii: "\n"): return true
                default: return false
                }
            }
            if needsQuotes || (forceQuotes && SpreadsheetCell.mustQuote(field)) {
                line.append(quote)
                for byte in field.utf8 {
                    line.append(byte)
                    if byte == quote { line.append(quote) }
                }
                line.append(quote)
            } else {
                line.append(contentsOf: field.utf8)
            }
        }
        line.append(UInt8(ascii: "\n"))
        return String(decoding: line, as: UTF8.self)
    }
}
