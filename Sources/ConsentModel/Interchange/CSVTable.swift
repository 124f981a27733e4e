import Foundation

/// A CSV file read strictly (RFC 4180; lines end in LF, CRLF or CR): a header and rows,
/// each with the line it begins on, so every message names the line a person sees in
/// an editor, also after fields that span several lines.
public struct CSVTable: Hashable, Sendable {
    /// One data row as written.
    public struct Row: Hashable, Sendable {
        /// The line the row begins on (from 1).
        public let line: Int
        public let cells: [String]
        /// What makes the row unreadable (a stray quote), if anything.
        public let problem: CSVProblem?
    }

    /// The column names, trimmed. Callers may rename them (aliases) before `records()`.
    public var header: [String]
    /// The data rows; blank lines are left out.
    public let rows: [Row]

    /// Reads `text`. Throws when the file has no header, the header is unreadable or names
    /// a column twice, or a quoted field is never closed (it would swallow every row after it).
    /// Fields are separated by `separator` (a comma unless told; see `detectSeparator`).
    public static func read(_ text: String, separator: Separator = .comma) throws(CSVProblem) -> CSVTable {
        var rows = try split(text, separator: separator)
        rows.removeAll { $0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } && $0.problem == nil }
        guard !rows.isEmpty else { throw .empty }
        let first = rows.removeFirst()
        if let problem = first.problem { throw problem }
        let header = first.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen = Set<String>()
        for name in header where !name.isEmpty {
            if !seen.insert(name.lowercased()).inserted { throw .duplicateColumn(name) }
        }
        return CSVTable(header: header, rows: rows)
    }

    /// Each row by column name, or why it cannot be read. Rows with fewer cells than the
    /// header are refused (a missing comma would shift every value); extra cells must be empty.
    public func records() -> [(line: Int, fields: Result<[String: String], CSVProblem>)] {
        rows.map { row in
            if let problem = row.problem { return (row.line, .failure(problem)) }
            if row.cells.count < header.count {
                return (row.line, .failure(.shortRow(line: row.line, cells: row.cells.count, columns: header.count)))
            }
            if row.cells[header.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                return (row.line, .failure(.extraCells(line: row.line, cells: row.cells.count, columns: header.count)))
            }
            var fields: [String: String] = [:]
            for (index, name) in header.enumerated() where !name.isEmpty { fields[name] = row.cells[index] }
            return (row.line, .success(fields))
        }
    }

    /// Splits `text` into rows of cells with their first line.
    static func split(_ text: String, separator: Separator = .comma) throws(CSVProblem) -> [Row] {
        let quote = UInt8(ascii: "\""), comma = separator.byte, lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let bytes = Array(text.utf8)
        var rows: [Row] = []
        var cells: [String] = []
        var field: [UInt8] = []
        var problem: CSVProblem?
        var line = 1, rowLine = 1, fieldLine = 1
        var quoted = false, afterQuote = false, pending = false
        func endField() {
            cells.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
        }
        func endRow() {
            endField()
            rows.append(Row(line: rowLine, cells: cells, problem: problem))
            cells.removeAll()
            problem = nil
            pending = false
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == quote {
                    if index < bytes.count && bytes[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                    continue
                }
                if byte == lf || (byte == cr && !(index < bytes.count && bytes[index] == lf)) { line += 1 }
                field.append(byte)
                continue
            }
            switch byte {
            case comma:
                endField()
                pending = true
            case lf, cr:
                if byte == cr && index < bytes.count && bytes[index] == lf { index += 1 }
                endRow()
                line += 1
                rowLine = line
            case quote where field.isEmpty && !afterQuote:
                quoted = true
                fieldLine = line
                pending = true
            default:
                if problem == nil {
                    if byte == quote {
                        problem = .strayQuote(line: line, field: cells.count + 1)
                    } else if afterQuote {
                        problem = .textAfterQuote(line: line, field: cells.count + 1)
                    }
                }
                field.append(byte)
                pending = true
            }
        }
        if quoted { throw .unclosedQuote(line: fieldLine) }
        if pending || !field.isEmpty || !cells.isEmpty { endRow() }
        return rows
    }
}

/// Why a CSV file or one of its rows cannot be read. Lines count from 1; fields from 1.
public enum CSVProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// A quoted field that begins on `line` is never closed.
    case unclosedQuote(line: Int)
    /// A quote inside a field that does not begin with one.
    case strayQuote(line: Int, field: Int)
    /// Text between a closing quote and the next comma.
    case textAfterQuote(line: Int, field: Int)
    /// No header row.
    case empty
    /// The header names a column twice.
    case duplicateColumn(String)
    /// A row with fewer cells than the header has columns.
    case shortRow(line: Int, cells: Int, columns: Int)
    /// A row with more (non-empty) cells than the header has columns.
    case extraCells(line: Int, cells: Int, columns: Int)

    /// The line the problem is on, when it is about one.
    public var line: Int? {
        switch self {
        case .unclosedQuote(let line), .strayQuote(let line, _), .textAfterQuote(let line, _),
             .shortRow(let line, _, _), .extraCells(let line, _, _):
            return line
        case .empty, .duplicateColumn: return nil
        }
    }

    public var description: String {
        switch self {
        case .unclosedQuote(let line): return tr("cli.import.csv.unclosedQuote", line)
        case .strayQuote(_, let field): return tr("cli.import.csv.strayQuote", field)
        case .textAfterQuote(_, let field): return tr("cli.import.csv.textAfterQuote", field)
        case .empty: return tr("cli.import.csv.empty")
        case .duplicateColumn(let name): return tr("cli.import.csv.duplicateColumn", UntrustedText.escaped(name))
        case .shortRow(_, let cells, let columns): return tr("cli.import.csv.shortRow", cells, columns)
        case .extraCells(_, let cells, let columns): return tr("cli.import.csv.extraCells", cells, columns)
        }
    }
}
