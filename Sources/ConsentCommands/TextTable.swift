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
        var widths = header.map(\.displayWidth)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = min(maximumColumnWidth, max(widths[index], cell.displayWidth))
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, width) in widths.enumerated() {
                let cell = index < cells.count ? cells[index] : ""
                parts.append(index == widths.count - 1 ? cell.truncated(toWidth: width) : cell.padded(toWidth: width))
            }
            return parts.joined(separator: "  ")
        }
        return [line(header), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")] + rows.map(line)
    }
}
