import ConsentModel
import Foundation
import GRDB

extension ConsentStore {
    /// Makes a new store at `location.file`, whole: the schema is written into a private
    /// temporary file beside it (0600, named like `SafeFileWriter`'s, so the sweep of stale
    /// temporaries knows it), which then takes the store's name with `link(2)`, which never
    /// replaces anything. There is never an empty or half-made store under the name; when
    /// another desk made the store first, its store is the one used.
    static func create(_ location: StoreLocation, today: Day) throws(StoreError) {
        let path = location.file.path
        let folder = location.directory.path
        let temporary: String
        do {
            temporary = try TemporaryFiles.make(beside: path)
        } catch {
            throw .from(error, path: path)
        }
        let journal = temporary + "-journal"
        let entry = TemporaryFiles.register(temporary, companion: journal)
        defer {
            unlink(temporary)
            for companion in [journal, temporary + "-wal", temporary + "-shm"] { unlink(companion) }
            TemporaryFiles.unregister(entry)
        }
        do {
            var config = Configuration()
            config.label = "ConsentDesk"
            // Made in WAL mode before it takes its name: desks that open a new store at the same
            // moment never race to switch its journal mode (a switch another desk's open can
            // refuse at once, without the busy wait).
            config.journalMode = .wal
            let queue = try DatabaseQueue(path: temporary, configuration: config)
            try migrator(today: today).migrate(queue)
            try queue.close()
        } catch {
            throw .from(error, path: path)
        }
        if link(temporary, path) != 0 {
            let code = errno
            switch code {
            case EEXIST:
                return // another desk made the store at this moment: that one is used
            case EPERM, ENOTSUP, EOPNOTSUPP, EMLINK:
                // A file system without hard links: rename, only while the name is still free.
                var info = stat()
                if lstat(path, &info) == 0 { return }
                if rename(temporary, path) != 0 { throw failure(errno, folder: folder) }
            default:
                throw failure(code, folder: folder)
            }
        }
        let descriptor = open(folder, O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }

    private static func failure(_ code: Int32, folder: String) -> StoreError {
        switch code {
        case ENOSPC, EDQUOT: return .diskFull
        case EACCES, EPERM, EROFS: return .readOnly(path: folder)
        default: return .io(String(cString: strerror(code)))
        }
    }
}
