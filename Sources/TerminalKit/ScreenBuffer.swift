/// One terminal cell: a character (or the right half of a wide one) and its role.
public struct Cell: Hashable, Sendable {
    /// The character drawn here; empty for the right half of a wide character.
    public var text: String
    public var role: StyleRole
    public init(text: String, role: StyleRole) {
        self.text = text
        self.role = role
    }
    public static let blank = Cell(text: " ", role: .normal)
    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool { text.isEmpty }
}

/// A screen of cells: what rendering produces and what the backend draws. Pure, so a
/// test can compare its text and its roles.
public struct ScreenBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown, if anywhere.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (lhs: ScreenBuffer, rhs: ScreenBuffer) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursor?.x == rhs.cursor?.x && lhs.cursor?.y == rhs.cursor?.y
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` at (`x`, `y`) in `role`, clipped to `maxWidth` columns and the
    /// screen's edge; a wide character that does not fit whole is not drawn. Untrusted
    /// text must be escaped first. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in text {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // Attach combining marks to the previous cell.
                if column > x, column - 1 < width, column - 1 >= 0 {
                    var index = y * width + column - 1
                    if cells[index].isContinuation && index > 0 { index -= 1 }
                    cells[index].text.append(character)
                }
                continue
            }
            if column + w > limit { break }
            if column >= 0 {
                clearWide(at: column, y: y)
                cells[y * width + column] = Cell(text: String(character), role: role)
                if w == 2 {
                    clearWide(at: column + 1, y: y)
                    cells[y * width + column + 1] = Cell(text: "", role: role)
                }
            }
            column += w
        }
        return column - x
    }

    /// Fills a rectangle with blanks in `role`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, role: StyleRole) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) {
                clearWide(at: column, y: row)
                cells[row * width + column] = Cell(text: " ", role: role)
            }
        }
    }

    /// Sets the role of cells without changing their text.
    public mutating func paint(x: Int, y: Int, width w: Int, role: StyleRole) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + w) { cells[y * width + column].role = role }
    }

    /// Overwriting half of a wide character blanks its other half.
    private mutating func clearWide(at column: Int, y: Int) {
        let index = y * width + column
        if cells[index].isContinuation, column > 0 {
            cells[index - 1] = Cell(text: " ", role: cells[index - 1].role)
        } else if DisplayWidth.of(cells[index].text) == 2, column + 1 < width {
            cells[index + 1] = Cell(text: " ", role: cells[index + 1].role)
        }
    }

    /// The text of each row (wide characters once, trailing spaces kept).
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width { line += cells[row * width + column].text }
            return line
        }
    }

    /// One code per column per row: the role of each cell (see `StyleRole.code`).
    public var roleGrid: [String] {
        (0..<height).map { row in String((0..<width).map { cells[row * width + $0].role.code }) }
    }

    /// The text, one line per row, trailing spaces removed (for snapshots and tests).
    public var text: String {
        lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }

    /// Whether any row contains `needle`.
    public func contains(_ needle: String) -> Bool { lines.contains { $0.contains(needle) } }

    /// The row whose text contains `needle`.
    public func row(containing needle: String) -> Int? { lines.firstIndex { $0.contains(needle) } }
}
