import ConsentModel
import Foundation

extension AnchorJournal {
    /// The longest line a journal holds (an anchor is about 250 bytes): a longer one is unreadable.
    static let longestLine = 4_096
    /// The largest journal read (about a million anchors): a larger one is not read at all.
    static let largestJournal: off_t = 256 << 20
    /// How many unreadable line numbers are kept (the count is kept whole).
    static let unreadableKept = 1_000

    /// What the journal holds about one store.
    struct Reading {
        /// The anchors recorded for the store's identity, oldest first.
        var anchors: [Anchor] = []
        /// The newest anchor recorded for the same file under another identity: the file was
        /// replaced by another store, or its identity was changed.
        var otherStoreAtFile: Anchor?
        /// Line numbers that could not be read (the first `unreadableKept`).
        var unreadableLines: [Int] = []
        /// Why the journal could not be opened or read (a missing journal has no anchors).
        var failure: String?
    }

    /// The anchors recorded for the store `storeId` whose file is `file`, read as strictly as
    /// they are written: a regular file only (never through a symbolic link, never a device,
    /// a pipe or a folder, and never blocking), at most `largestJournal` bytes, each line at
    /// most `longestLine` bytes and an anchor whose every value is in range; any other line
    /// is listed as unreadable, and never taken for an anchor.
    func reading(for storeId: String, file: String) -> Reading {
        var reading = Reading()
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno != ENOENT { reading.failure = Self.reason(errno: errno) }
            return reading
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            reading.failure = Self.reason(errno: errno)
            return reading
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            reading.failure = tr("anchors.reason.folder")
            return reading
        default:
            reading.failure = tr("anchors.reason.special")
            return reading
        }
        guard info.st_size <= Self.largestJournal else {
            reading.failure = tr("anchors.reason.tooLarge", Int(info.st_size >> 20), Int(Self.largestJournal >> 20))
            return reading
        }
        let decoder = JSONDecoder()
        var lineNumber = 0
        func take(_ line: [UInt8], overlong: Bool) {
            lineNumber += 1
            if line.isEmpty && !overlong { return }
            guard !overlong, let anchor = try? decoder.decode(Anchor.self, from: Data(line)), anchor.isWellFormed else {
                if reading.unreadableLines.count < Self.unreadableKept { reading.unreadableLines.append(lineNumber) }
                return
            }
            if anchor.store == storeId {
                reading.anchors.append(anchor)
            } else if anchor.file == file {
                reading.otherStoreAtFile = anchor
            }
        }
        var pending: [UInt8] = []
        var overlong = false
        var total: off_t = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let got = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                reading.failure = Self.reason(errno: errno)
                return reading
            }
            if got == 0 { break }
            total += off_t(got)
            // A journal that grows while it is read stops at the limit too.
            if total > Self.largestJournal {
                reading.failure = tr("anchors.reason.tooLarge", Int(total >> 20), Int(Self.largestJournal >> 20))
                return reading
            }
            var start = 0
            while start < got {
                let end = buffer[start..<got].firstIndex(of: UInt8(ascii: "\n"))
                let piece = buffer[start..<(end ?? got)]
                if !overlong {
                    if pending.count + piece.count > Self.longestLine {
                        overlong = true
                        pending.removeAll()
                    } else {
                        pending.append(contentsOf: piece)
                    }
                }
                guard let end else { break }
                take(pending, overlong: overlong)
                pending.removeAll(keepingCapacity: true)
                overlong = false
                start = end + 1
            }
        }
        // A last line without its end is read as it is (an anchor's line is never cut: it is unreadable).
        if !pending.isEmpty || overlong { take(pending, overlong: overlong) }
        return reading
    }
}

extension Anchor {
    /// Whether every value is one a desk writes: a store identity, an event number from 1,
    /// a hash of 64 lower-case hex digits, an event time, and an absolute file path.
    var isWellFormed: Bool {
        let hex = hash.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
        return !store.isEmpty && store.utf8.count <= 128 && !store.unicodeScalars.contains { $0.properties.generalCategory == .control }
            && seq >= 1 && hash.utf8.count == 64 && hex
            && ConsentStore.comparableTime(at) != nil
            && (file.map { $0.hasPrefix("/") && !$0.utf8.contains(0) } ?? true)
    }
}
