import ConsentModel
import TerminalKit

/// A plain-text table whose columns line up by display width (CJK included).
public struct TextTable {
    public var header: [String]
    public var rows: [[String]] = []
    /// Widest a column may be before it is cut with `…`.
    public var maximumColumnWidth = 40

    public init(header: [String]) { self.header = header }

    public mutating func add(_ row: [String]) { rows.append(row.map(UntrustedText.escaped)) }

    /// A row whose cells are already escaped (a model summary's values).
    public mutating func add(escaped row: [String]) { rows.append(row) }

    /// The lines of the table: header, a rule, the rows.
    public func render() -> [String] {
        let widths = columnWidths()
        return head(widths) + rows.map { line($0, widths: widths) }
    }

    /// Each column's width: its widest cell (header included), at most `maximumColumnWidth`.
    func columnWidths() -> [Int] {
        var widths = header.map(\.displayWidth)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = min(maximumColumnWidth, max(widths[index], cell.displayWidth))
            }
        }
        return widths
    }

    /// The header and its rule at `widths`.
    func head(_ widths: [Int]) -> [String] {
        [line(header, widths: widths), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
    }

    /// One row at `widths`: every cell padded to its column, cut with `…` when wider. With
    /// `overflowing` (rows printed after the columns were sized), a wider cell is cut only at
    /// `maximumColumnWidth` and pushes the rest of its line to the right instead.
    func line(_ cells: [String], widths: [Int], overflowing: Bool = false) -> String {
        var parts: [String] = []
        for (index, width) in widths.enumerated() {
            let cell = index < cells.count ? cells[index] : ""
            let room = overflowing ? max(width, min(cell.displayWidth, maximumColumnWidth)) : width
            parts.append(index == widths.count - 1 ? cell.truncated(toWidth: room) : cell.padded(toWidth: room))
        }
        return parts.joined(separator: "  ")
    }
}
