import Foundation
import Testing
import TestSupport

/// Issue 14, item 14: `consentdesk --demo` opens the app on a temporary demo store, prints
/// the store's path when the app closes, and removes it unless `--keep` is given.
@Suite("consentdesk --demo in a real terminal", .serialized, .enabled(if: haveTool("tmux"), "needs tmux"))
struct DemoFlagTests {
    /// The demo folders `--demo` made in `dir` (its temporary directory).
    static func demoFolders(_ dir: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.file("tmp")).filter { $0.hasPrefix("consentdesk-demo-") }
    }

    static func start(_ dir: TemporaryDirectory, _ arguments: String) throws -> Tmux {
        try FileManager.default.createDirectory(atPath: dir.file("tmp"), withIntermediateDirectories: true)
        return try Tmux("env LANG=C.UTF-8 TMPDIR=\(shellQuote(dir.file("tmp") + "/")) CONSENTDESK_NOW=2026-11-25T12:00:00Z "
                        + "\(shellQuote(Products.consentdesk)) \(arguments)")
    }

    /// Waits until the pane, with its scrollback and wrapped lines joined, holds `text`
    /// (what the program printed after the app closed scrolls up past "Pane is dead").
    static func waitForPrinted(_ tmux: Tmux, _ text: String) throws -> String {
        var seen = ""
        for _ in 0..<150 {
            seen = try shell("tmux -L \(tmux.socket) capture-pane -p -J -S -200 -t \(tmux.session)").stdout
            if seen.contains(text) { return seen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("never printed \"\(text)\"; the pane held:\n\(seen)")
        return seen
    }

    @Test func theDemoStoreIsRemovedOnExitAndItsPathSaid() throws {
        let dir = TemporaryDirectory("e2e-demo")
        let tmux = try Self.start(dir, "--demo")
        try tmux.waitFor("300 customers")
        #expect(try Self.demoFolders(dir).count == 1)
        try tmux.press("q")
        let screen = try Self.waitForPrinted(tmux, "was removed")
        #expect(screen.contains(dir.file("tmp")), "\(screen)")
        #expect(screen.contains("consentdesk --demo --keep"))
        #expect(try Self.demoFolders(dir).isEmpty)
    }

    @Test func keepLeavesTheDemoStoreAndSaysHowToOpenItAgain() throws {
        let dir = TemporaryDirectory("e2e-demo")
        let tmux = try Self.start(dir, "--demo --keep")
        try tmux.waitFor("300 customers")
        try tmux.press("q")
        let screen = try Self.waitForPrinted(tmux, "is kept at")
        #expect(screen.contains("Open it again with: consentdesk --store"))
        let folders = try Self.demoFolders(dir)
        #expect(folders.count == 1)
        let store = dir.file("tmp") + "/" + (folders.first ?? "") + "/store"
        let listed = try run(Products.consentdesk, ["list", "--store", store, "--json"], environment: ["CONSENTDESK_NOW": "2026-11-25T12:00:00Z"])
        #expect(listed.stdout.split(separator: "\n").count == 300)
    }

    @Test func aDemoStoppedBySignalsIsRemovedToo() throws {
        for signal in ["TERM", "HUP"] {
            let dir = TemporaryDirectory("e2e-demo")
            let tmux = try Self.start(dir, "--demo")
            try tmux.waitFor("300 customers")
            #expect(try Self.demoFolders(dir).count == 1)
            // The app's process (tmux's pane runs `env`, which execs the app).
            let pid = try shell("tmux -L \(tmux.socket) display -p -t \(tmux.session) '#{pane_pid}'").stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try shell("kill -\(signal) \(pid)").status == 0)
            let screen = try Self.waitForPrinted(tmux, "was removed")
            #expect(screen.contains(dir.file("tmp")), "\(signal): \(screen)")
            #expect(try Self.demoFolders(dir).isEmpty, "\(signal)")
        }
    }

    @Test func aDemoWhoseTerminalIsClosedEndsAndIsRemoved() throws {
        let dir = TemporaryDirectory("e2e-demo")
        let tmux = try Self.start(dir, "--demo")
        try tmux.waitFor("300 customers")
        #expect(try Self.demoFolders(dir).count == 1)
        // The window closes under the app (its tmux server ends): it ends as if quit, not
        // reading end-of-file for ever.
        tmux.closeTerminal()
        var left = try Self.demoFolders(dir)
        for _ in 0..<100 where !left.isEmpty {
            Thread.sleep(forTimeInterval: 0.05)
            left = try Self.demoFolders(dir)
        }
        #expect(left.isEmpty)
    }

    @Test func keepWithoutDemoIsAWrongCommandLine() throws {
        let result = try run(Products.consentdesk, ["--keep"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--keep goes with --demo"))
    }
}
