import Foundation

/// The one way ConsentDesk writes a file: every `--output`, the partner-center export
/// folder's files, `backup` and the history export.
///
/// - `-` is standard output.
/// - The store's own files (`store.sqlite`, `-wal`, `-shm`, `-journal`) are refused, by
///   identity (device and inode), also when the name does not exist yet.
/// - A symbolic link (existing or dangling) and a folder are refused; an existing file is
///   refused unless `force`.
/// - A regular file is written to a private temporary file (0600) in the same folder,
///   synced, and renamed over the name only by `commit()`: a failure leaves the old file
///   as it was and no partial file.
/// - An existing terminal, pipe or character device (`/dev/null`, `/dev/full`) is written
///   directly, with the same error handling.
/// - Disk full, I/O errors and a closed pipe are thrown as `FileWriteError`, never a crash.
public final class SafeFileWriter {
    /// The name given (nil for standard output).
    public let path: String?
    /// For a regular file: the temporary file being written, renamed over `path` by `commit()`.
    /// `backup` lets SQLite write it.
    public let temporaryPath: String?
    private var descriptor: Int32
    private var finished = false
    /// Whether `commit()` may replace a file at `path` (`force`); otherwise a file that
    /// appeared there after the check is never overwritten.
    private var mayReplace = false
    /// The temporary file as noted for the stop signals (`TemporaryFiles`).
    private var underWay: UnsafeMutablePointer<TemporaryFiles.Entry>?

    /// Standard output.
    public static func standardOutput() -> SafeFileWriter {
        SafeFileWriter(path: nil, temporaryPath: nil, descriptor: STDOUT_FILENO)
    }

    private init(path: String?, temporaryPath: String?, descriptor: Int32) {
        self.path = path
        self.temporaryPath = temporaryPath
        self.descriptor = descriptor
    }

    /// Prepares writing `path` (`-` is standard output). `store`'s files are refused; with
    /// `regularOnly`, so is anything but a regular file (a backup must be a file).
    public convenience init(path: String, force: Bool, protecting store: StoreLocation? = nil,
                            regularOnly: Bool = false) throws(FileWriteError) {
        if path == "-" {
            // A backup is a file; standard output cannot hold one.
            if regularOnly { throw .notAFile(path: path) }
            self.init(path: nil, temporaryPath: nil, descriptor: STDOUT_FILENO)
            return
        }
        let direct = try Self.check(path, force: force, protecting: store, regularOnly: regularOnly)
        if direct {
            let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { throw Self.failure(errno, path: path) }
            self.init(path: path, temporaryPath: nil, descriptor: fd)
            return
        }
        let folder = Self.folder(of: path)
        let base = (path as NSString).lastPathComponent
        // What an earlier run killed outright left in this folder goes first.
        TemporaryFiles.sweep(folder: folder)
        var fd: Int32 = -1
        var temporary = ""
        var code: Int32 = 0
        var entry: UnsafeMutablePointer<TemporaryFiles.Entry>?
        for _ in 0..<8 {
            let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            temporary = (folder as NSString).appendingPathComponent(".\(base).\(random).tmp")
            // Noted for the stop signals before it exists, so no moment leaves it unknown to them
            // (and the rollback journal SQLite keeps beside a backup).
            entry = TemporaryFiles.register(temporary, companion: temporary + "-journal")
            fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
            code = errno
            if fd >= 0 { break }
            if let noted = entry { TemporaryFiles.unregister(noted) }
            entry = nil
            if code != EEXIST { break }
        }
        guard fd >= 0 else {
            switch code {
            case ENOENT, ENOTDIR: throw .noFolder(path: path)
            case EACCES, EPERM, EROFS: throw .notPermitted(path: path)
            default: throw Self.failure(code, path: path)
            }
        }
        fchmod(fd, 0o600)
        self.init(path: path, temporaryPath: temporary, descriptor: fd)
        mayReplace = force
        underWay = entry
    }

    /// The temporary file is gone (renamed or removed): stop signals leave its name alone.
    private func settle() {
        if let underWay { TemporaryFiles.unregister(underWay) }
        underWay = nil
    }

    /// Writes all of `data`.
    public func write(_ data: Data) throws(FileWriteError) {
        guard !data.isEmpty else { return }
        guard !finished else { throw .failed(path: path, reason: "closed") }
        let code: Int32 = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32 in
            guard let base = buffer.baseAddress else { return 0 }
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(descriptor, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if n == 0 { return EIO }
                offset += n
            }
            return 0
        }
        if code != 0 { throw Self.failure(code, path: path) }
    }

    /// Makes what was written the file's content: sync, then rename over the name (and sync
    /// the folder). Only after this returns is the file there.
    public func commit() throws(FileWriteError) {
        guard !finished else { return }
        finished = true
        defer { settle() }
        guard let temporaryPath, let path else {
            if path != nil {
                // A device or pipe: nothing to rename; a full device already failed its write.
                if fsync(descriptor) != 0, errno != EINVAL, errno != EROFS, errno != ENOTSUP {
                    let code = errno
                    systemClose(descriptor)
                    throw Self.failure(code, path: path)
                }
                if systemClose(descriptor) != 0, errno != EINTR { throw Self.failure(errno, path: path) }
            }
            return
        }
        if fsync(descriptor) != 0 {
            let code = errno
            discard()
            throw Self.failure(code, path: path)
        }
        if systemClose(descriptor) != 0 && errno != EINTR {
            let code = errno
            descriptor = -1
            unlink(temporaryPath)
            throw Self.failure(code, path: path)
        }
        descriptor = -1
        if mayReplace {
            if rename(temporaryPath, path) != 0 {
                let code = errno
                unlink(temporaryPath)
                throw Self.failure(code, path: path)
            }
        } else {
            // Not asked to replace: link fails if a file appeared at the name since the check.
            if link(temporaryPath, path) != 0 {
                let code = errno
                unlink(temporaryPath)
                if code == EEXIST { throw .exists(path: path) }
                throw Self.failure(code, path: path)
            }
            unlink(temporaryPath)
        }
        let folderDescriptor = open(Self.folder(of: path), O_RDONLY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            systemClose(folderDescriptor)
        }
    }

    /// Gives up: the temporary file is removed, an existing file is left as it was.
    public func discard() {
        guard path != nil else { finished = true; return }
        if descriptor >= 0 { systemClose(descriptor); descriptor = -1 }
        if let temporaryPath { unlink(temporaryPath) }
        settle()
        finished = true
    }

    deinit {
        if !finished { discard() }
    }

    // MARK: checks

    /// What is at `path` now, and whether it may be written: refuses links, folders, the
    /// store's files and (without `force`) existing files. True: write directly (a device or pipe).
    private static func check(_ path: String, force: Bool, protecting store: StoreLocation?,
                              regularOnly: Bool) throws(FileWriteError) -> Bool {
        guard !path.isEmpty else { throw .noFolder(path: path) }
        var info = stat()
        if lstat(path, &info) == 0 {
            let type = info.st_mode & S_IFMT
            if type == S_IFLNK { throw .symbolicLink(path: path) }
            if type == S_IFDIR { throw .folder(path: path) }
            if let store, isStoreFile(device: info.st_dev, inode: info.st_ino, store) { throw .storeFile(path: path) }
            if type == S_IFREG {
                if !force { throw .exists(path: path) }
                try refuseStoreName(path, store)
                return false
            }
            if !regularOnly && (type == S_IFCHR || type == S_IFIFO) { return true }
            throw .notAFile(path: path)
        }
        let code = errno
        if code != ENOENT {
            if code == ENOTDIR { throw .noFolder(path: path) }
            if code == EACCES { throw .notPermitted(path: path) }
            throw failure(code, path: path)
        }
        try refuseStoreName(path, store)
        return false
    }

    /// Whether the open file `descriptor` is one of `store`'s own files (for writers that
    /// append, such as the anchor journal).
    public static func isStoreFile(descriptor: Int32, of store: StoreLocation) -> Bool {
        var info = stat()
        return fstat(descriptor, &info) == 0 && isStoreFile(device: info.st_dev, inode: info.st_ino, store)
    }

    /// Whether the file with this identity is one of the store's own files.
    private static func isStoreFile(device: dev_t, inode: ino_t, _ store: StoreLocation) -> Bool {
        for suffix in storeSuffixes {
            var info = stat()
            if stat(store.file.path + suffix, &info) == 0, info.st_dev == device, info.st_ino == inode { return true }
        }
        return false
    }

    /// Refuses a name that would become one of the store's files: the same folder (by
    /// identity, whatever path leads there) and the store file's name with a suffix.
    private static func refuseStoreName(_ path: String, _ store: StoreLocation?) throws(FileWriteError) {
        guard let store else { return }
        var folderInfo = stat(), storeFolderInfo = stat()
        guard stat(folder(of: path), &folderInfo) == 0, stat(store.directory.path, &storeFolderInfo) == 0,
              folderInfo.st_dev == storeFolderInfo.st_dev, folderInfo.st_ino == storeFolderInfo.st_ino else { return }
        let name = (path as NSString).lastPathComponent
        let storeName = store.file.lastPathComponent
        if storeSuffixes.contains(where: { storeName + $0 == name }) { throw .storeFile(path: path) }
    }

    private static let storeSuffixes = ["", "-wal", "-shm", "-journal"]

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// An `errno` in words for a desk worker.
    static func failure(_ code: Int32, path: String?) -> FileWriteError {
        switch code {
        case ENOSPC, EDQUOT: return .diskFull(path: path)
        case EPIPE: return .pipeClosed
        case EACCES, EPERM, EROFS: return path.map { .notPermitted(path: $0) } ?? .failed(path: nil, reason: String(cString: strerror(code)))
        default: return .failed(path: path, reason: String(cString: strerror(code)))
        }
    }
}

/// `write(2)` and `close(2)`, named apart from the methods above.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
@discardableResult private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
