import Foundation
import GRDB
import GRDBSQLite

/// The current row of a statement that a cursor has just stepped, read with SQLite's own
/// column functions: what `verify` uses for the rows it reads by the hundred thousand,
/// where GRDB's generic `Row` decoding costs more than the read. A text is read by its
/// stored length (a NUL byte inside it is seen by `holdsNul`, not cut off), a blob read as
/// text when it is UTF-8 (as GRDB reads it); any other value is nil.
struct StatementColumns {
    private let handle: SQLiteStatement
    /// How many columns each row has.
    let count: Int32

    init(_ statement: Statement) {
        handle = statement.sqliteStatement
        count = sqlite3_column_count(statement.sqliteStatement)
    }

    /// Column `index` as text: a TEXT value as stored, a BLOB value that is UTF-8; nil otherwise.
    func text(_ index: Int32) -> String? {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_TEXT:
            // The pointer first, then the length (SQLite's documented order).
            guard let bytes = sqlite3_column_text(handle, index) else { return nil }
            let length = Int(sqlite3_column_bytes(handle, index))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
        case SQLITE_BLOB:
            let pointer = sqlite3_column_blob(handle, index)
            let length = Int(sqlite3_column_bytes(handle, index))
            guard length > 0, let pointer else { return length == 0 ? "" : nil }
            return String(validating: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
        default:
            return nil
        }
    }

    /// Column `index` as an integer when SQLite stores an integer there; nil otherwise.
    func integer(_ index: Int32) -> Int64? {
        sqlite3_column_type(handle, index) == SQLITE_INTEGER ? sqlite3_column_int64(handle, index) : nil
    }

    /// Whether a text or blob of the row holds a NUL byte, read by its stored length: text is
    /// compared and hashed as read, and GRDB's reading stops at a NUL, so a NUL added to a
    /// stored value would hide what follows it from `verify` as from every reader.
    var holdsNul: Bool {
        for index in 0..<count {
            let pointer: UnsafeRawPointer?
            switch sqlite3_column_type(handle, index) {
            case SQLITE_TEXT: pointer = sqlite3_column_text(handle, index).map(UnsafeRawPointer.init)
            case SQLITE_BLOB: pointer = sqlite3_column_blob(handle, index)
            default: continue
            }
            let length = Int(sqlite3_column_bytes(handle, index))
            if let pointer, length > 0, memchr(pointer, 0, length) != nil { return true }
        }
        return false
    }

    /// What `read` makes of the first row `statement` gives for `arguments`, stepped with
    /// SQLite's own functions (for a lookup made once per imported row, where GRDB's cursor
    /// costs more than the read); nil when there is no row. The statement is reset after.
    static func firstRow<Value>(_ statement: Statement, arguments: StatementArguments,
                                _ read: (StatementColumns) throws -> Value) throws -> Value? {
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            return try read(StatementColumns(statement))
        case SQLITE_DONE:
            return nil
        case let code:
            let message = sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    /// Whether column `index` is NULL.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }
}
