import Foundation

/// The store's directory is 0700 and its files 0600, whatever the umask; a store that
/// group or others can write is refused.
enum FileSecurity {
    /// For a write: the folder is made (0700) when missing. Returns whether the store file
    /// is there; a missing one is made whole by `ConsentStore.create` (never an empty file
    /// first). Whatever else stands at the store's name (a folder, a pipe, an empty file, a
    /// link to nothing) is refused and left as it is: a file that exists is never made anew.
    /// A store this process may not write is refused before SQLite touches it, so a refused
    /// write leaves no `-wal` or `-shm` behind.
    static func prepare(_ location: StoreLocation) throws(StoreError) -> Bool {
        let fm = FileManager.default
        let dir = location.directory.path
        var isDir: ObjCBool = false
        if !fm.fileExists(atPath: dir, isDirectory: &isDir) {
            if kind(of: dir) == .brokenLink { throw .notAStoreFile(path: dir, kind: .brokenLink) }
            if mkdir(dir, 0o700) != 0 {
                // Parents first, each 0700.
                do {
                    try fm.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                           attributes: [.posixPermissions: 0o700])
                } catch {
                    throw .readOnly(path: dir)
                }
            }
            chmod(dir, 0o700)
        } else if !isDir.boolValue {
            throw .notAStore(path: dir)
        }
        try refuseWritableByOthers(dir)
        let file = location.file.path
        if let kind = kind(of: file) { throw .notAStoreFile(path: file, kind: kind) }
        guard fm.fileExists(atPath: file) else {
            if access(dir, W_OK) != 0 { throw .readOnly(path: dir) }
            return false
        }
        try refuseWritableByOthers(file)
        if access(file, W_OK) != 0 || access(dir, W_OK) != 0 { throw .readOnly(path: file) }
        healCompanions(location)
        return true
    }

    /// For a read: the store file must be there and be a non-empty regular file; nothing
    /// is created. Returns whether this process may write the file and its folder (else
    /// the store is opened immutable, so SQLite leaves no `-shm` behind).
    static func prepareForReading(_ location: StoreLocation) throws(StoreError) -> Bool {
        let dir = location.directory.path
        let file = location.file.path
        var info = stat()
        if let kind = kind(of: file) { throw .notAStoreFile(path: file, kind: kind) }
        guard stat(file, &info) == 0 else {
            if errno == EACCES { throw .readOnly(path: file) }
            throw .noStore(path: stat(dir, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR ? dir : file)
        }
        try refuseWritableByOthers(dir)
        try refuseWritableByOthers(file)
        var volume = statvfs()
        let readOnlyMount = statvfs(dir, &volume) == 0 && (UInt(volume.f_flag) & UInt(ST_RDONLY)) != 0
        return !readOnlyMount && access(file, W_OK) == 0 && access(dir, W_OK) == 0
    }

    /// What stands at `path` when it is not a store-shaped file: nil for a missing path or
    /// a non-empty regular file (also through a symbolic link).
    static func kind(of path: String) -> StoreFileKind? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            // A link to nothing: SQLite would make its target, somewhere else.
            var link = stat()
            if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK { return .brokenLink }
            return nil
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return info.st_size == 0 ? .empty : nil
        case S_IFDIR: return .folder
        case S_IFIFO: return .namedPipe
        default: return .special
        }
    }

    /// A `-wal` or `-shm` of ours that is not writable (an older read-only open left it
    /// 0400) would make every write fail: give it back its 0600.
    static func healCompanions(_ location: StoreLocation) {
        for suffix in ["-wal", "-shm"] {
            let path = location.file.path + suffix
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(), info.st_mode & 0o200 == 0 {
                chmod(path, 0o600)
            }
        }
    }

    /// Sets 0600 on the file and its WAL companions (SQLite copies the file's mode,
    /// but an old store may have been made under another umask).
    static func tighten(_ location: StoreLocation) throws(StoreError) {
        for suffix in ["", "-wal", "-shm"] {
            let path = location.file.path + suffix
            var info = stat()
            // Never through a link, never on anything but our own regular files.
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(), info.st_mode & 0o077 != 0 {
                chmod(path, 0o600)
            }
        }
    }

    static func refuseWritableByOthers(_ path: String) throws(StoreError) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        if info.st_mode & 0o022 != 0 {
            throw .insecurePermissions(path: path, mode: String(info.st_mode & 0o777, radix: 8))
        }
    }
}
