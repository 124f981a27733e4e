import Foundation

/// ConsentDesk's temporary files: how they are named and made, the ones a write has under
/// way (so a stop signal takes them away before the process ends), and the sweep of stale
/// ones that a process killed outright (`kill -9`, a power cut) left behind.
///
/// A temporary file is `.NAME.<random>.tmp` beside `NAME` (random: base 36), 0600, made
/// with `O_EXCL` and never through a link; SQLite may add `-journal`, `-wal` or `-shm` to it.
public enum TemporaryFiles {
    /// A file under way, as the signal handler reads it: C strings made when it is
    /// registered, cleared (never freed) when it is done, so the handler only reads memory
    /// that stays valid and calls nothing but `unlink(2)` and `_exit(2)`.
    public struct Entry {
        var path: UnsafeMutablePointer<CChar>?
        var companion: UnsafeMutablePointer<CChar>?
        var next: UnsafeMutablePointer<Entry>?
    }

    /// The first entry of the list the handler walks (entries are reused, never freed).
    nonisolated(unsafe) static var first: UnsafeMutablePointer<Entry>?
    private static let lock = NSLock()
    /// Folders already swept by this process.
    nonisolated(unsafe) private static var swept: Set<String> = []

    /// How old a temporary file of ours must be before a sweep removes it: older than any
    /// write under way keeps it (a write touches its file as it goes).
    public static let staleAfter: TimeInterval = 3600

    /// Makes a new empty temporary file beside `path` (0600, `O_EXCL`, not through a link)
    /// and returns its name.
    public static func make(beside path: String) throws(FileWriteError) -> String {
        let folder = SafeFileWriter.folder(of: path)
        let base = (path as NSString).lastPathComponent
        var code: Int32 = EEXIST
        for _ in 0..<8 {
            let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let temporary = (folder as NSString).appendingPathComponent(".\(base).\(random).tmp")
            let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                fchmod(fd, 0o600)
                close(fd)
                return temporary
            }
            code = errno
            if code != EEXIST { break }
        }
        switch code {
        case ENOENT, ENOTDIR: throw .noFolder(path: path)
        case EACCES, EPERM, EROFS: throw .notPermitted(path: path)
        default: throw SafeFileWriter.failure(code, path: path)
        }
    }

    /// Notes `path` (and its `companion`, such as SQLite's `-journal`) as under way: a stop
    /// signal removes it. Returns the entry to hand to `unregister` when it is done.
    public static func register(_ path: String, companion: String? = nil) -> UnsafeMutablePointer<Entry> {
        lock.lock()
        defer { lock.unlock() }
        var entry = first
        while let current = entry, current.pointee.path != nil { entry = current.pointee.next }
        let slot: UnsafeMutablePointer<Entry>
        if let entry {
            slot = entry
        } else {
            // A new entry goes first, once it is whole.
            slot = UnsafeMutablePointer<Entry>.allocate(capacity: 1)
            slot.initialize(to: Entry(path: nil, companion: nil, next: first))
            first = slot
        }
        slot.pointee.companion = companion.flatMap { strdup($0) }
        // The path last: the handler acts on an entry once its path is set.
        slot.pointee.path = strdup(path)
        return slot
    }

    /// The file is done (committed, renamed or removed): a stop signal leaves it alone.
    public static func unregister(_ entry: UnsafeMutablePointer<Entry>) {
        lock.lock()
        defer { lock.unlock() }
        // Cleared, not freed: a handler may be reading them on another thread.
        entry.pointee.path = nil
        entry.pointee.companion = nil
    }

    /// For the command line: SIGINT, SIGTERM and SIGHUP remove every file under way, then
    /// end the process with 128 + the signal. (The terminal app installs its own handlers,
    /// which end it as if the user had quit; its writers remove their own files.)
    public static func removeOnStopSignals() {
        lock.lock()
        _ = first
        lock.unlock()
        // A parent may have left them blocked (a test runner, a service manager): then a stop
        // would wait for the command's end, and its files would stay.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { received in
                var entry = TemporaryFiles.first
                while let current = entry {
                    if let path = current.pointee.path { unlink(path) }
                    if let companion = current.pointee.companion { unlink(companion) }
                    entry = current.pointee.next
                }
                _exit(128 + received)
            }
        }
    }

    /// Whether `name` is one of ours: `.NAME.<base 36>.tmp`, maybe with SQLite's `-journal`,
    /// `-wal` or `-shm`.
    public static func isTemporaryName(_ name: String) -> Bool {
        var rest = Substring(name)
        for suffix in ["-journal", "-wal", "-shm"] where rest.hasSuffix(suffix) {
            rest = rest.dropLast(suffix.count)
            break
        }
        guard rest.hasPrefix("."), rest.hasSuffix(".tmp") else { return false }
        rest = rest.dropFirst().dropLast(4)
        guard let dot = rest.lastIndex(of: ".") else { return false }
        let random = rest[rest.index(after: dot)...]
        let base = rest[..<dot]
        return !base.isEmpty && (1...13).contains(random.count)
            && random.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) }
    }

    /// Removes the stale temporary files of ours in `folder`: named as `isTemporaryName`
    /// says, regular files (never a link or a folder), owned by this user, unchanged for
    /// `staleAfter`. A write under way is newer and kept. Each folder once per process;
    /// failures are ignored (the next write tries again).
    public static func sweep(folder: String, now: Date = Date()) {
        let key = (folder as NSString).standardizingPath
        lock.lock()
        let isNew = swept.insert(key).inserted
        lock.unlock()
        guard isNew, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let limit = now.timeIntervalSince1970 - staleAfter
        for name in names where isTemporaryName(name) {
            let path = (folder as NSString).appendingPathComponent(name)
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(),
                  Double(info.st_mtim.tv_sec) < limit else { continue }
            unlink(path)
        }
    }
}
