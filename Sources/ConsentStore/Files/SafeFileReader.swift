import ConsentModel
import Foundation

/// The one way ConsentDesk reads a file it is handed (a checkpoint, an evidence pack, a
/// signing key): a regular file only — never a pipe, a device or a folder, which could block
/// or never end — opened without blocking, checked with `fstat` on what was opened, and
/// refused above `limit` bytes before anything is read.
public enum SafeFileReader {
    /// The bytes of the regular file at `path`; with `followLinks: false` a symbolic link is
    /// refused too (for secrets).
    public static func read(_ path: String, limit: Int, followLinks: Bool = true) throws(FileReadError) -> Data {
        var flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY
        if !followLinks { flags |= O_NOFOLLOW }
        let fd = open(path, flags)
        guard fd >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw .missing(path: path)
            case ELOOP: throw .symbolicLink(path: path)
            case EACCES, EPERM: throw .notPermitted(path: path)
            default: throw .failed(path: path, reason: String(cString: strerror(errno)))
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .failed(path: path, reason: String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .folder(path: path)
        default: throw .notAFile(path: path)
        }
        guard info.st_size <= limit else { throw .tooLarge(path: path, limit: limit) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .failed(path: path, reason: String(cString: strerror(errno)))
            }
            data.append(contentsOf: buffer[0..<count])
            // The file may grow while it is read: the limit holds for what is read.
            guard data.count <= limit else { throw .tooLarge(path: path, limit: limit) }
        }
        return data
    }

    /// Whether the file at `path` is readable by others than its owner (a secret must not be).
    public static func isShared(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return info.st_mode & 0o077 != 0
    }
}

/// Why a file could not be read. Every message names the file and what to do.
public enum FileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case symbolicLink(path: String)
    case folder(path: String)
    /// A pipe, a device or a socket: not a file that can be read to its end.
    case notAFile(path: String)
    case notPermitted(path: String)
    case tooLarge(path: String, limit: Int)
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path): return tr("fileRead.missing", UntrustedText.escaped(path))
        case .symbolicLink(let path): return tr("fileRead.symbolicLink", UntrustedText.escaped(path))
        case .folder(let path): return tr("fileRead.folder", UntrustedText.escaped(path))
        case .notAFile(let path): return tr("fileRead.notAFile", UntrustedText.escaped(path))
        case .notPermitted(let path): return tr("fileRead.notPermitted", UntrustedText.escaped(path))
        case .tooLarge(let path, let limit): return tr("fileRead.tooLarge", UntrustedText.escaped(path), limit)
        case .failed(let path, let reason): return tr("fileRead.failed", UntrustedText.escaped(path), UntrustedText.escaped(reason))
        }
    }
}
