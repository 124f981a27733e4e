import ConsentModel
import Foundation
import GRDB

extension ConsentStore {
    /// Copies the store to `path` with SQLite's online backup (other desks may keep
    /// working), through `SafeFileWriter`: into a temporary file, renamed over `path` only
    /// when complete, so an interrupted backup leaves no file that looks like a store.
    /// Refuses an existing file unless `force`, links, and the store's own files.
    /// Returns the head the copy holds.
    @discardableResult
    public func backup(to path: String, force: Bool = false) throws(StoreError) -> StoreHead {
        let writer: SafeFileWriter
        do {
            writer = try SafeFileWriter(path: path, force: force, protecting: location, regularOnly: true)
        } catch {
            throw .file(error)
        }
        guard let temporary = writer.temporaryPath else { throw .file(.notAFile(path: path)) }
        let head: StoreHead
        do {
            let destination = try DatabaseQueue(path: temporary)
            // From the writer connection (a pool's readers are opened read-only).
            try queue.writeWithoutTransaction { source in
                try destination.writeWithoutTransaction { copy in try source.backup(to: copy) }
            }
            // Read from the copy itself: exactly the head it was taken at.
            let read = try destination.read { db in try Self.head(db) }
            try destination.close()
            head = StoreHead(seq: read.seq, hash: read.hash)
        } catch {
            writer.discard()
            // SQLite's rollback journal of the half-made copy goes with it.
            unlink(temporary + "-journal")
            throw StoreError.from(error, path: path)
        }
        do {
            try writer.commit()
        } catch {
            throw .file(error)
        }
        return head
    }

    /// The full history as JSON Lines for auditors: one event a line, with its chain.
    /// Returns the head it was taken at (its last line), read in the same transaction.
    @discardableResult
    public func exportHistory(_ writeLine: (String) throws -> Void) throws(StoreError) -> StoreHead {
        let encoder = CompactJSONEncoder()
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
