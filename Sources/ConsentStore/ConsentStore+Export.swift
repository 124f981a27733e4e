import ConsentModel
import Foundation
import GRDB

extension ConsentStore {
    /// Copies the store to `path` with SQLite's online backup (other desks may keep
    /// working). Refuses to write over an existing file.
    public func backup(to path: String) throws(StoreError) {
        if FileManager.default.fileExists(atPath: path) { throw StoreError.io(tr("store.backupExists", path)) }
        try FileSecurity.createPrivateFile(path)
        do {
            let destination = try DatabaseQueue(path: path)
            try queue.backup(to: destination)
            try destination.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw StoreError.from(error, path: path)
        }
    }

    /// The full history as JSON Lines for auditors: one event a line, with its chain.
    public func exportHistory(_ writeLine: (String) throws -> Void) throws(StoreError) {
        let encoder = InterchangeJSON.encoder()
        try forEachEvent { stored in
            let line = HistoryLine(seq: stored.seq, at: ISO8601.string(stored.at), userId: stored.userId,
                                   employee: stored.employee, kind: stored.kind, customer: stored.customer,
                                   event: try stored.event(), prevHash: stored.previousHash, hash: stored.hash)
            try writeLine(String(decoding: try encoder.encode(line), as: UTF8.self))
        }
    }
}

/// One line of the history export.
struct HistoryLine: Encodable {
    let seq: Int64
    let at: String
    let userId: String
    let employee: String
    let kind: String
    let customer: String?
    let event: ConsentEvent
    let prevHash: String
    let hash: String
}
