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
}
