import Foundation
import TestSupport

/// The real app in a real terminal: a tmux session on its own socket.
final class Tmux {
    let socket = "cd-e2e-\(UUID().uuidString.prefix(8))"
    let session = "app"

    /// Starts `command` in a `width`×`height` terminal.
    init(_ command: String, width: Int = 120, height: Int = 35) throws {
        // The tmux server forks from this client and lives on: it must not inherit any of
        // the test's descriptors (Foundation's Process waits until they all close).
        // The app anchors its commits in the test run's journal, never the account's.
        let journal = NSTemporaryDirectory() + "consentdesk-e2e-anchors-\(getpid()).jsonl"
        AtExit.remove(journal)
        let anchors = shellQuote(journal)
        let start = "tmux -u -L \(socket) -f /dev/null new-session -d -s \(session) -x \(width) -y \(height) "
            + shellQuote("export CONSENTDESK_ANCHORS=\(anchors) CONSENTDESK_KEYS=\(shellQuote(NSTemporaryDirectory() + "consentdesk-e2e-keys-\(getpid())")); exec " + command)
        let script = """
            exec 0</dev/null 1>/dev/null 2>&1
            for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done
            exec \(start)
            """
        _ = try run("/bin/bash", ["-c", script])
        guard try shell("tmux -L \(socket) has-session -t \(session)").status == 0 else { throw TmuxError(message: "tmux did not start") }
        let pids = try shell("tmux -L \(socket) display-message -p -t \(session) '#{pid} #{pane_pid}'").stdout
            .split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        serverPid = pids.first ?? 0
        paneLeader = pids.dropFirst().first ?? 0
        _ = try shell("tmux -L \(socket) set-option -t \(session) remain-on-exit on")
    }

    /// The tmux server and the pane's first process (the leader of the pane's process group).
    private var serverPid: Int32 = 0
    private var paneLeader: Int32 = 0

    /// Closes the terminal under the app, as closing its window does: the tmux server (which
    /// holds the pseudo-terminal) is killed, the app is left to see its terminal gone.
    func closeTerminal() {
        if serverPid > 0 { kill(serverPid, SIGKILL) }
    }

    /// Ends the session, its programs and the server: `kill-server` alone can leave a
    /// server started from a test runner behind.
    deinit {
        _ = try? shell("tmux -L \(socket) kill-server")
        if paneLeader > 0 { kill(-paneLeader, SIGKILL); kill(paneLeader, SIGKILL) }
        if serverPid > 0 { kill(serverPid, SIGKILL) }
        try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
    }

    /// Presses keys (tmux key names: Enter, Escape, Tab, BTab, C-s, Up, …).
    func press(_ keys: String...) throws {
        for key in keys { _ = try shell("tmux -L \(socket) send-keys -t \(session) \(key)") }
    }

    /// Types text literally.
    func type(_ text: String) throws {
        _ = try shell("tmux -L \(socket) send-keys -t \(session) -l \(shellQuote(text))")
    }

    /// The screen's text; with `escapes`, its colours and attributes as escape sequences.
    func capture(escapes: Bool = false) throws -> String {
        try shell("tmux -L \(socket) capture-pane -p \(escapes ? "-e" : "") -t \(session)").stdout
    }

    /// Waits until the screen contains `text`; returns the screen or throws after `timeout`.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if screen.contains(text) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw TmuxError(message: "timed out waiting for \"\(text)\"; the screen was:\n\(screen)")
    }

    func resize(width: Int, height: Int) throws {
        _ = try shell("tmux -L \(socket) resize-window -t \(session) -x \(width) -y \(height)")
    }

    /// The pid of the program in the pane.
    func panePid() throws -> Int32 {
        Int32(try shell("tmux -L \(socket) display-message -p -t \(session) '#{pane_pid}'").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}

struct TmuxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
