import Foundation

/// A fresh private directory for one test, removed when the value goes away.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL
    public var path: String { url.path }

    /// A new directory. A suite's shared store lives in a `static` (never deinitialised):
    /// `removedAtExit` removes it when the test process ends instead.
    public init(_ label: String = "test", removedAtExit: Bool = false) {
        url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("consentdesk-\(label)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if removedAtExit { AtExit.remove(url.path) }
    }

    /// `name` inside the directory.
    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Files and directories of the test run removed when its process ends (shared stores,
/// the run's anchor journals), so runs do not pile up hundreds of megabytes in /tmp.
public enum AtExit {
    private final class Paths: @unchecked Sendable {
        let lock = NSLock()
        var paths: Set<String> = []
    }
    private static let registered: Paths = {
        atexit {
            AtExit.registered.lock.lock()
            let paths = AtExit.registered.paths
            AtExit.registered.lock.unlock()
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
        }
        return Paths()
    }()

    /// Removes `path` (a file or a directory) when the process ends.
    public static func remove(_ path: String) {
        let paths = registered
        paths.lock.lock()
        paths.paths.insert(path)
        paths.lock.unlock()
    }
}

/// The products the package built beside the test bundle.
public enum Products {
    /// The directory holding `consentdesk` and the test bundle.
    public static var directory: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // On Linux the test runner is `…/debug/<Package>PackageTests.xctest`; on macOS a bundle.
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("consentdesk").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }

    public static var consentdesk: String { directory.appendingPathComponent("consentdesk").path }
    public static var loadgen: String { directory.appendingPathComponent("consentdesk-loadgen").path }
}

/// The outcome of a finished process.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs `executable` with `arguments` to completion.
@discardableResult
public func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                stdin: String? = nil, currentDirectory: String? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C.UTF-8"
    env.removeValue(forKey: "LC_ALL")
    env.removeValue(forKey: "LC_MESSAGES")
    // Desks started by tests anchor their commits in a journal of the test run, never in
    // the account's own (~/.local/state/consentdesk); a test may name its own.
    let anchors = NSTemporaryDirectory() + "consentdesk-test-anchors-\(getpid()).jsonl"
    AtExit.remove(anchors)
    env["CONSENTDESK_ANCHORS"] = anchors
    // Nor do they read or write signing keys in the account's configuration folder.
    env["CONSENTDESK_KEYS"] = NSTemporaryDirectory() + "consentdesk-test-keys-\(getpid())"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    // Read both pipes while the process runs so neither fills up.
    let group = DispatchGroup()
    let outData = Locked(Data()), errData = Locked(Data())
    group.enter()
    DispatchQueue.global().async { outData.set(out.fileHandleForReading.readDataToEndOfFile()); group.leave() }
    group.enter()
    DispatchQueue.global().async { errData.set(err.fileHandleForReading.readDataToEndOfFile()); group.leave() }
    process.waitUntilExit()
    group.wait()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData.value, as: UTF8.self),
                         stderr: String(decoding: errData.value, as: UTF8.self))
}

/// Runs a shell command line (for umask, sqlite3, tmux).
@discardableResult
public func shell(_ command: String, environment: [String: String] = [:]) throws -> ProcessResult {
    try run("/bin/sh", ["-c", command], environment: environment)
}

/// Whether `tool` is on the PATH.
public func haveTool(_ tool: String) -> Bool {
    (try? shell("command -v \(tool)"))?.status == 0
}

/// Single-quotes `text` for /bin/sh.
public func shellQuote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// A value shared between threads behind a lock.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    public init(_ value: Value) { stored = value }
    public var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    public func set(_ value: Value) { lock.lock(); stored = value; lock.unlock() }
    public func update(_ body: (inout Value) -> Void) { lock.lock(); body(&stored); lock.unlock() }
}
