import Foundation

/// Another desk in the middle of a save: an `sqlite3` process that has run
/// `BEGIN IMMEDIATE;` on the store and keeps its write lock until `release()`.
public final class WriteLockHolder: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private var released = false

    /// Takes the write lock of the SQLite file at `file`; returns once it is held.
    public init(_ file: String, timeout: TimeInterval = 30) throws {
        let flag = NSTemporaryDirectory() + "consentdesk-locked-\(UUID().uuidString.prefix(8))"
        // A holder that died must not take the test process with it when written to.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", file]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The flag file appears only once BEGIN IMMEDIATE has succeeded.
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\n.shell touch \(shellQuote(flag))\n".utf8))
        let deadline = Date().addingTimeInterval(timeout)
        while !FileManager.default.fileExists(atPath: flag) {
            guard Date() < deadline, process.isRunning else {
                release()
                throw LockHolderError(message: "sqlite3 did not take the write lock of \(file)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        try? FileManager.default.removeItem(atPath: flag)
    }

    /// Rolls back (nothing was written) and ends the process.
    public func release() {
        if released { return }
        released = true
        if process.isRunning { input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8)) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { release() }
}

struct LockHolderError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
