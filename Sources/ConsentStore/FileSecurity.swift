import Foundation

/// The store's directory is 0700 and its files 0600, whatever the umask; a store that
/// group or others can write is refused.
enum FileSecurity {
    static func prepare(_ location: StoreLocation) throws(StoreError) {
        let fm = FileManager.default
        let dir = location.directory.path
        var isDir: ObjCBool = false
        if !fm.fileExists(atPath: dir, isDirectory: &isDir) {
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
        if fm.fileExists(atPath: file) {
            try refuseWritableByOthers(file)
        } else {
            let fd = open(file, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            if fd < 0 {
                if errno == EEXIST { return }
                if errno == ENOSPC { throw .diskFull }
                throw .readOnly(path: dir)
            }
            fchmod(fd, 0o600)
            close(fd)
        }
    }

    /// Sets 0600 on the file and its WAL companions (SQLite copies the file's mode,
    /// but an old store may have been made under another umask).
    static func tighten(_ location: StoreLocation) throws(StoreError) {
        for suffix in ["", "-wal", "-shm"] {
            let path = location.file.path + suffix
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
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

    /// Creates `path` for writing with mode 0600 (backups, exports of the history).
    static func createPrivateFile(_ path: String) throws(StoreError) {
        let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 { throw errno == ENOSPC ? .diskFull : .readOnly(path: path) }
        fchmod(fd, 0o600)
        close(fd)
    }
}
