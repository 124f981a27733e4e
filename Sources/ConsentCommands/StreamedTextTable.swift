import ConsentModel

/// A `TextTable` printed while its rows are still coming: the first `block` rows size the
/// columns (exactly as the whole table would when it has no more), then every row is printed
/// as it comes; a later cell wider than its column is printed whole up to the table's limit
/// (where every table cuts) and pushes the rest of its line right, so nothing is cut that a
/// whole table would show. A listing of a million customers holds `block` rows, never the
/// million (`--json` keeps every character of every cell).
final class StreamedTextTable {
    private var table: TextTable
    private let block: Int
    private let emit: (String) -> Void
    private var widths: [Int]?

    /// Prints through `emit`, one line at a time.
    init(_ table: TextTable, block: Int = 1_000, emit: @escaping (String) -> Void) {
        self.table = table
        self.block = max(1, block)
        self.emit = emit
    }

    /// A row of untrusted text (escaped here).
    func add(_ row: [String]) {
        add(escaped: row.map(UntrustedText.escaped))
    }

    /// A row whose cells are already escaped.
    func add(escaped row: [String]) {
        if let widths {
            emit(table.line(row, widths: widths, overflowing: true))
            return
        }
        table.add(escaped: row)
        if table.rows.count >= block { printHeld() }
    }

    /// Prints what is held (a table shorter than `block`: all of it, sized by all of it).
    func finish() {
        if widths == nil { printHeld() }
    }

    private func printHeld() {
        let sized = table.columnWidths()
        widths = sized
        for line in table.head(sized) { emit(line) }
        for row in table.rows { emit(table.line(row, widths: sized)) }
        table.rows = []
    }
}
