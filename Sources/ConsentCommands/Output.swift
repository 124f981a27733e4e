import ConsentModel
import Foundation

/// Where a command's output goes: standard output, or `--output FILE` (created 0600).
public final class Output {
    private let handle: FileHandle
    private let closeAtEnd: Bool
    private var buffer = Data()

    public init(path: String?) throws(CommandError) {
        if let path, path != "-" {
            let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw .input(tr("cli.output.cannotWrite", path)) }
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            closeAtEnd = true
        } else {
            handle = FileHandle.standardOutput
            closeAtEnd = false
        }
    }

    /// Writes `line` and a newline.
    public func line(_ line: String = "") {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    deinit {
        flush()
        if closeAtEnd { try? handle.close() }
    }
}

/// Messages for people go to standard error.
public func notice(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
