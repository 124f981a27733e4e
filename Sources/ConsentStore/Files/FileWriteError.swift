import ConsentModel

/// Why a file could not be written. Every message names the file and what to do; in every
/// case an existing file at that name is left as it was.
public enum FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file exists and `--force` was not given.
    case exists(path: String)
    /// The file is (or would be) one of the store's own files.
    case storeFile(path: String)
    /// The name is a symbolic link (existing or dangling); links are never followed.
    case symbolicLink(path: String)
    /// The name is a folder.
    case folder(path: String)
    /// The name is neither a regular file nor a terminal, pipe or device that takes output.
    case notAFile(path: String)
    /// The folder the file would go in does not exist.
    case noFolder(path: String)
    /// The folder (or device) may not be written.
    case notPermitted(path: String)
    /// The disk (or device) is full; `path` is nil for standard output.
    case diskFull(path: String?)
    /// Standard output was closed before everything was written (a pipe ended early).
    case pipeClosed
    /// Any other failure of the file system, with its words; `path` is nil for standard output.
    case failed(path: String?, reason: String)

    public var description: String {
        func name(_ path: String?) -> String { path.map(UntrustedText.escaped) ?? tr("file.standardOutput") }
        switch self {
        case .exists(let path): return tr("file.exists", name(path))
        case .storeFile(let path): return tr("file.storeFile", name(path))
        case .symbolicLink(let path): return tr("file.symbolicLink", name(path))
        case .folder(let path): return tr("file.folder", name(path))
        case .notAFile(let path): return tr("file.notAFile", name(path))
        case .noFolder(let path): return tr("file.noFolder", name(path))
        case .notPermitted(let path): return tr("file.notPermitted", name(path))
        case .diskFull(let path): return path.map { tr("file.diskFull", UntrustedText.escaped($0)) } ?? tr("file.diskFull.standardOutput")
        case .pipeClosed: return tr("file.pipeClosed")
        case .failed(let path, let reason):
            return path.map { tr("file.failed", UntrustedText.escaped($0), reason) } ?? tr("file.failed.standardOutput", reason)
        }
    }
}
