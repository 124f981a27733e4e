import ConsentModel
import Foundation

/// A desk's own record of every store head it committed, kept outside the store (JSON Lines,
/// folder 0700, file 0600, appended with O_APPEND|O_NOFOLLOW). A store that was truncated,
/// rewritten with recomputed hashes or replaced by an older copy no longer holds an anchored
/// head, and `verify` says so.
///
/// Writing it never fails a commit that already happened: a failure is handed to `report`
/// (the command line prints it), or kept for `takeWarning()` (the app flashes it).
public final class AnchorJournal: @unchecked Sendable {
    /// The journal file.
    public let path: String
    private let report: (@Sendable (String) -> Void)?
    private let lock = NSLock()
    private var warning: String?

    /// The journal at `path`; `report` shows a failure to write it (nil: keep it for `takeWarning()`).
    public init(path: String, report: (@Sendable (String) -> Void)? = nil) {
        self.path = path
        self.report = report
    }

    /// `CONSENTDESK_ANCHORS`, else `$XDG_STATE_HOME/consentdesk/anchors.jsonl`
    /// (`~/.local/state/consentdesk/anchors.jsonl`).
    public static func resolve(environment: [String: String], report: (@Sendable (String) -> Void)? = nil) -> AnchorJournal {
        if let path = environment["CONSENTDESK_ANCHORS"], !path.isEmpty {
            return AnchorJournal(path: (path as NSString).expandingTildeInPath, report: report)
        }
        let stateHome: String
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty {
            stateHome = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            stateHome = (home as NSString).appendingPathComponent(".local/state")
        }
        let folder = (stateHome as NSString).appendingPathComponent("consentdesk")
        return AnchorJournal(path: (folder as NSString).appendingPathComponent("anchors.jsonl"), report: report)
    }

    /// Appends `anchor` as one line. Never throws: a failure becomes a warning.
    func append(_ anchor: Anchor, protecting store: StoreLocation? = nil) {
        guard let reason = write(anchor, protecting: store) else { return }
        let message = tr("anchors.writeFailed", UntrustedText.escaped(path), reason)
        if let report {
            report(message)
        } else {
            lock.lock()
            warning = message
            lock.unlock()
        }
    }

    /// The last failure to write the journal not yet shown, if any.
    public func takeWarning() -> String? {
        lock.lock()
        defer { lock.unlock() }
        let taken = warning
        warning = nil
        return taken
    }

    /// Writes one line; returns the system's reason when it could not.
    private func write(_ anchor: Anchor, protecting store: StoreLocation?) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                return tr("anchors.noFolder", UntrustedText.escaped(folder))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(anchor) else { return String(cString: strerror(EINVAL)) }
        let line = json + Data("\n".utf8)
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        defer { close(fd) }
        var info = stat()
        // Only a regular file is a journal: never write to, or change the mode of, a device
        // or a pipe named by mistake (`/dev/null`, `/dev/full`).
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return tr("anchors.notAFile", UntrustedText.escaped(path))
        }
        // Never into a store's own files (this store's, whatever the name that leads there).
        if let store, SafeFileWriter.isStoreFile(descriptor: fd, of: store) {
            return tr("anchors.notAJournal", UntrustedText.escaped(path))
        }
        // …nor into anything else that is not a journal (another store, its WAL): a journal
        // that has lines starts with one.
        if info.st_size > 0 {
            var first: UInt8 = 0
            if pread(fd, &first, 1, 0) != 1 || first != UInt8(ascii: "{") {
                return tr("anchors.notAJournal", UntrustedText.escaped(path))
            }
        }
        if info.st_mode & 0o077 != 0 { fchmod(fd, 0o600) }
        // One write of one line: lines of desks appending at once do not interleave.
        let size = info.st_size
        let written = line.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        if written == line.count { return nil }
        let reason = String(cString: strerror(written < 0 ? errno : EIO))
        // No torn line: a short write is taken back, so the next anchor starts on its own line.
        if written > 0 { ftruncate(fd, size) }
        return reason
    }

    /// What the journal holds about one store.
    struct Reading {
        /// The anchors recorded for the store's identity, oldest first.
        var anchors: [Anchor] = []
        /// The newest anchor recorded for the same file under another identity: the file was
        /// replaced by another store, or its identity was changed.
        var otherStoreAtFile: Anchor?
        /// Line numbers that could not be read.
        var unreadableLines: [Int] = []
        /// Why the journal could not be opened or read (a missing journal has no anchors).
        var failure: String?
    }

    /// The anchors recorded for the store `storeId` whose file is `file`.
    func reading(for storeId: String, file: String) -> Reading {
        var reading = Reading()
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno != ENOENT { reading.failure = String(cString: strerror(errno)) }
            return reading
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            reading.failure = error.localizedDescription
            return reading
        }
        let decoder = JSONDecoder()
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty { continue }
            guard let anchor = try? decoder.decode(Anchor.self, from: Data(line)) else {
                reading.unreadableLines.append(index + 1)
                continue
            }
            if anchor.store == storeId {
                reading.anchors.append(anchor)
            } else if anchor.file == file {
                reading.otherStoreAtFile = anchor
            }
        }
        return reading
    }

    /// The journal a store anchors its commits in, set once the store is open.
    final class Slot: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: AnchorJournal?
        var journal: AnchorJournal? {
            get { lock.lock(); defer { lock.unlock() }; return stored }
            set { lock.lock(); stored = newValue; lock.unlock() }
        }
    }
}
