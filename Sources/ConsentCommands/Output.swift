import ConsentModel
import ConsentStore
import Foundation

/// Where a command's output goes: standard output (`nil` or `-`), or `--output FILE`
/// through `SafeFileWriter` (created 0600, never over the store, a link or, without
/// `--force`, an existing file). Nothing is in a file until `finish()` returns; a write
/// that fails (disk full, closed pipe) is reported by `finish()`, never by a crash.
public final class Output {
    private let writer: SafeFileWriter
    private var buffer = Data()
    private var failure: FileWriteError?
    /// Standard output on a terminal: every line is escaped, whatever it holds.
    private let toTerminal: Bool

    public init(path: String?, force: Bool = false, protecting store: StoreLocation? = nil) throws(CommandError) {
        do {
            if let path, path != "-" {
                writer = try SafeFileWriter(path: path, force: force, protecting: store)
            } else {
                writer = SafeFileWriter.standardOutput()
            }
        } catch {
            throw .store(.file(error))
        }
        toTerminal = writer.path == nil && isatty(STDOUT_FILENO) == 1
    }

    /// Writes `line` and a newline.
    public func line(_ line: String = "") {
        text(line + "\n")
    }

    /// Writes `text` as it is (no newline added).
    public func text(_ text: String) {
        if toTerminal {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            buffer.append(contentsOf: lines.map { UntrustedText.escaped(String($0)) }.joined(separator: "\n").utf8)
        } else {
            buffer.append(contentsOf: text.utf8)
        }
        if buffer.count > 1 << 16 { flush() }
    }

    /// A JSON text (one value, one line) with every character a terminal could act on
    /// (DEL, C1 controls, bidi controls) written as a JSON `\u` escape: still valid JSON.
    public func json(_ encoded: Data) {
        // Bytes below DEL are printable ASCII or JSON's own punctuation (an encoder escapes
        // the C0 controls): nothing to rewrite, so they go out as they are (the common case).
        let plain = !toTerminal && encoded.withUnsafeBytes { bytes in !bytes.contains { $0 >= 0x7F || $0 < 0x20 } }
        guard plain else {
            line(Self.terminalSafeJSON(String(decoding: encoded, as: UTF8.self)))
            return
        }
        buffer.append(encoded)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { flush() }
    }

    static func terminalSafeJSON(_ text: String) -> String {
        // Everything the terminal's escaping would rewrite (controls, bidi controls, invisible
        // characters, line separators) is written as JSON escapes first, so the line printed
        // is still JSON; a scalar above U+FFFF as its surrogate pair.
        guard text.unicodeScalars.contains(where: UntrustedText.needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard scalar != "\n", UntrustedText.needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            let units = scalar.value > 0xFFFF ? Array(String(scalar).utf16) : [UInt16(truncatingIfNeeded: scalar.value)]
            for unit in units { out.append(contentsOf: String(format: "\\u%04x", unit).unicodeScalars) }
        }
        return String(out)
    }

    /// Throws the first write failure so far (a closed pipe, a full disk): a streaming
    /// command stops reading instead of formatting rows nobody will receive.
    public func check() throws(CommandError) {
        if let failure { throw .store(.file(failure)) }
    }

    /// Hands what is buffered to the file; the first failure is kept for `finish()`.
    public func flush() {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        do {
            try writer.write(buffer)
        } catch {
            failure = error
        }
    }

    /// Writes what is left and makes the file appear (rename over the name). Throws the
    /// first failure; then an existing file keeps its old content and no partial file is left.
    public func finish() throws(CommandError) {
        flush()
        if let failure {
            writer.discard()
            throw .store(.file(failure))
        }
        do {
            try writer.commit()
        } catch {
            throw .store(.file(error))
        }
    }

    deinit {
        // Standard output still gets what was written; a file without `finish()` never appears.
        if writer.path == nil { flush() }
    }
}

/// Messages for people go to standard error, each line escaped. A closed or full
/// standard error is ignored: there is nowhere left to say it.
public func notice(_ text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    writeStandardError(lines.map { UntrustedText.escaped(String($0)) }.joined(separator: "\n") + "\n")
}

/// Writes `text` as it is to standard error (the program's own control text: a progress
/// bar, a prompt), ignoring a closed or broken terminal instead of crashing.
func writeStandardError(_ text: String) {
    let data = Data(text.utf8)
    data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let n = write(STDERR_FILENO, base + offset, buffer.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }
}
