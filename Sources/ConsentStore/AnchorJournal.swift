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
    /// (`~/.local/state/consentdesk/anchors.jsonl`). A relative `XDG_STATE_HOME` is ignored,
    /// as the XDG base directory specification says (it would put the journal wherever the
    /// command happened to be run).
    public static func resolve(environment: [String: String], report: (@Sendable (String) -> Void)? = nil) -> AnchorJournal {
        if let path = environment["CONSENTDESK_ANCHORS"], !path.isEmpty {
            return AnchorJournal(path: (path as NSString).expandingTildeInPath, report: report)
        }
        let stateHome = XDGDirectory.base("XDG_STATE_HOME", default: ".local/state", environment: environment)
        let folder = (stateHome as NSString).appendingPathComponent("consentdesk")
        return AnchorJournal(path: (folder as NSString).appendingPathComponent("anchors.jsonl"), report: report)
    }

    /// Appends `anchor` as one line. Never throws: a failure becomes a warning, and so does
    /// the repair of a line an interrupted write left without its end.
    func append(_ anchor: Anchor, protecting store: StoreLocation? = nil) {
        let outcome = write(anchor, protecting: store)
        var messages: [String] = []
        if let line = outcome.repairedLine { messages.append(tr("anchors.tornRepaired", UntrustedText.escaped(path), line)) }
        if let reason = outcome.failure { messages.append(tr("anchors.writeFailed", UntrustedText.escaped(path), reason)) }
        guard !messages.isEmpty else { return }
        let message = messages.joined(separator: "\n")
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

    /// What writing one line did: the line it ended because an interrupted write had left it
    /// without its end, and why the anchor could not be written.
    struct WriteOutcome {
        var repairedLine: Int?
        var failure: String?
    }

    /// Writes one line, under an exclusive lock of the journal (desks of one account append
    /// in turn). A last line left without its end by an interrupted write is ended first, so
    /// this anchor is a line of its own (the broken line stays, and `verify` lists it).
    private func write(_ anchor: Anchor, protecting store: StoreLocation?) -> WriteOutcome {
        var outcome = WriteOutcome()
        let folder = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                outcome.failure = tr("anchors.noFolder", UntrustedText.escaped(folder))
                return outcome
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(anchor) else {
            outcome.failure = Self.reason(errno: EINVAL)
            return outcome
        }
        // O_NONBLOCK: a pipe named by mistake never blocks the desk (it is refused below).
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            outcome.failure = Self.reason(errno: errno)
            return outcome
        }
        defer { close(fd) }
        var info = stat()
        // Only a regular file is a journal: never write to, or change the mode of, a device
        // or a pipe named by mistake (`/dev/null`, `/dev/full`).
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            outcome.failure = tr("anchors.notAFile", UntrustedText.escaped(path))
            return outcome
        }
        // Never into a store's own files (this store's, whatever the name that leads there).
        if let store, SafeFileWriter.isStoreFile(descriptor: fd, of: store) {
            outcome.failure = tr("anchors.notAJournal", UntrustedText.escaped(path))
            return outcome
        }
        // One desk at a time: the look at the last line and the write are one step.
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        guard fstat(fd, &info) == 0 else {
            outcome.failure = Self.reason(errno: errno)
            return outcome
        }
        let size = info.st_size
        var line = json + Data("\n".utf8)
        if size > 0 {
            // …nor into anything else that is not a journal (another store, its WAL): a journal
            // that has lines starts with one.
            var first: UInt8 = 0
            if pread(fd, &first, 1, 0) != 1 || first != UInt8(ascii: "{") {
                outcome.failure = tr("anchors.notAJournal", UntrustedText.escaped(path))
                return outcome
            }
            // A last line without its end (a write cut short by a crash or a full disk) would
            // swallow this anchor: it is ended first, and the desk told.
            var last: UInt8 = 0
            if pread(fd, &last, 1, size - 1) == 1, last != UInt8(ascii: "\n") {
                line = Data("\n".utf8) + line
                outcome.repairedLine = Self.lineCount(fd, size: size)
            }
        }
        if info.st_mode & 0o077 != 0 { fchmod(fd, 0o600) }
        // One write of one line: lines of desks appending at once do not interleave.
        let written = line.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        if written == line.count { return outcome }
        outcome.failure = Self.reason(errno: written < 0 ? errno : EIO)
        // No torn line: a short write is taken back, so the next anchor starts on its own line.
        if written > 0 { ftruncate(fd, size) }
        outcome.repairedLine = nil
        return outcome
    }

    /// The number of lines (the unfinished last one counted) in the first `size` bytes of `fd`.
    private static func lineCount(_ fd: Int32, size: off_t) -> Int {
        var count = 1
        var offset: off_t = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while offset < size {
            let want = min(buffer.count, Int(size - offset))
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, offset) }
            if got <= 0 { break }
            for byte in buffer[0..<got] where byte == UInt8(ascii: "\n") { count += 1 }
            offset += off_t(got)
        }
        return count
    }

    /// Why the journal cannot be opened or written, worded for the desk (the system's words
    /// only for what has no wording of its own).
    static func reason(errno code: Int32) -> String {
        switch code {
        case ELOOP, EMLINK: return tr("anchors.reason.symlink")
        case EISDIR: return tr("anchors.reason.folder")
        case EACCES, EPERM: return tr("anchors.reason.permission")
        case ENOSPC, EDQUOT: return tr("anchors.reason.full")
        case EROFS: return tr("anchors.reason.readOnly")
        case ENOTDIR: return tr("anchors.reason.notInFolder")
        default: return tr("anchors.reason.system", Int(code), String(cString: strerror(code)))
        }
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
