import ConsentModel
import Foundation
import GRDB

extension ConsentStore {
    /// Copies the store to `path` with SQLite's online backup (other desks may keep
    /// working). Refuses to write over an existing file. Returns the head the copy holds.
    @discardableResult
    public func backup(to path: String) throws(StoreError) -> StoreHead {
        if FileManager.default.fileExists(atPath: path) { throw StoreError.io(tr("store.backupExists", path)) }
        try FileSecurity.createPrivateFile(path)
        do {
            let destination = try DatabaseQueue(path: path)
            try queue.backup(to: destination)
            // Read from the copy itself: exactly the head it was taken at.
            let head = try destination.read { db in try Self.head(db) }
            try destination.close()
            return StoreHead(seq: head.seq, hash: head.hash)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw StoreError.from(error, path: path)
        }
    }

    /// The full history as JSON Lines for auditors: one event a line, with its chain.
    /// Returns the head it was taken at (its last line), read in the same transaction.
    @discardableResult
    public func exportHistory(_ writeLine: (String) throws -> Void) throws(StoreError) -> StoreHead {
        let encoder = InterchangeJSON.encoder()
        var head = StoreHead(seq: 0, hash: EventChain.genesis)
        try forEachEvent { stored in
            let line = HistoryLine(seq: stored.seq, at: ISO8601.string(stored.at), userId: stored.userId,
                                   employee: stored.employee, kind: stored.kind, customer: stored.customer,
                                   event: try stored.event(), prevHash: stored.previousHash, hash: stored.hash)
            try writeLine(String(decoding: try encoder.encode(line), as: UTF8.self))
            head = StoreHead(seq: stored.seq, hash: stored.hash)
        }
        return head
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
