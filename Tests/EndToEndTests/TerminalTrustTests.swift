import Foundation
import Testing
import TestSupport

/// Issue 23, "Trust at every edge": the app in a real terminal stops when it is told to,
/// suspends on Ctrl-Z, takes a paste as text, keeps its cursor through a burst of keys, and
/// refuses a terminal it cannot draw on.
@Suite("The app at the terminal's edges", .serialized, .enabled(if: haveTool("tmux"), "needs tmux"))
struct TerminalTrustTests {
    static let now = EndToEndTests.now

    /// A demo store of `customers` and the command that opens the app on it.
    func demoStore(_ dir: TemporaryDirectory, customers: Int = 60) throws -> (store: String, command: String) {
        let store = dir.file("store")
        let result = try run(Products.consentdesk, ["demo", "--store", store, "--customers", "\(customers)", "--seed", "9"],
                             environment: ["CONSENTDESK_NOW": Self.now])
        #expect(result.status == 0, "\(result.stderr)")
        return (store, "env LANG=C.UTF-8 CONSENTDESK_NOW=\(Self.now) \(shellQuote(Products.consentdesk)) --store \(shellQuote(store))")
    }

    /// The app started by `command` in a shell that prints its exit status when it ends
    /// (tmux can be slow to collect a pane's status under load; the shell is not).
    func startReporting(_ command: String, width: Int = 100, height: Int = 30) throws -> Tmux {
        try Tmux("sh -c " + shellQuote(command + "; echo \"app exit status $?\"; exec sleep 120"), width: width, height: height)
    }

    /// The app's process: the shell's child (`env` execs the app).
    func appPid(_ tmux: Tmux) throws -> Int32 {
        let pane = try tmux.panePid()
        let child = try shell("pgrep -P \(pane)").stdout.split(separator: "\n").first.map(String.init) ?? ""
        return try #require(Int32(child.trimmingCharacters(in: .whitespaces)))
    }

    /// Waits until the app started by `startReporting` has ended; its exit status.
    func exitStatus(_ tmux: Tmux, timeout: TimeInterval = 10) throws -> Int? {
        let screen = try tmux.waitFor("app exit status ", timeout: timeout)
        let line = try #require(screen.split(separator: "\n").first { $0.contains("app exit status ") })
        return Int(line.split(separator: " ").last ?? "")
    }

    func json(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    // MARK: 1. stop signals

    /// Class: a stop signal the app never sees. The first SIGTERM, SIGINT, SIGHUP or SIGQUIT
    /// ends the app as quitting does, whatever screen it shows, with exit status 128 + signal.
    @Test(arguments: [("TERM", 15), ("INT", 2), ("HUP", 1), ("QUIT", 3)])
    func theFirstStopSignalEndsTheAppInEveryScreen(signal: String, number: Int) throws {
        let dir = TemporaryDirectory("e2e-signal")
        let (_, command) = try demoStore(dir)
        // The list, a form, the help and the detail: a signal is heard in each.
        for keys in [[], ["a"], ["?"], ["Enter"]] {
            let tmux = try startReporting(command)
            try tmux.waitFor("60 customers")
            if !keys.isEmpty {
                for key in keys { try tmux.press(key) }
                Thread.sleep(forTimeInterval: 0.3)
            }
            let pid = try appPid(tmux)
            #expect(kill(pid, Int32(number)) == 0)
            #expect(try exitStatus(tmux) == 128 + number, "SIG\(signal) after \(keys) did not end the app")
        }
    }

    /// Class: a signal that leaves a demo store behind. Each stop signal ends `--demo` as
    /// quitting does: its temporary store and anchors are removed.
    @Test(arguments: ["INT", "QUIT", "TERM", "HUP"])
    func aDemoEndedByASignalLeavesNothingBehind(signal: String) throws {
        let dir = TemporaryDirectory("e2e-demo-signal")
        let tmux = try DemoFlagTests.start(dir, "--demo")
        try tmux.waitFor("300 customers")
        #expect(try DemoFlagTests.demoFolders(dir).count == 1)
        #expect(try shell("kill -\(signal) \(try tmux.panePid())").status == 0)
        _ = try DemoFlagTests.waitForPrinted(tmux, "was removed")
        #expect(try DemoFlagTests.demoFolders(dir).isEmpty, "SIG\(signal) left the demo folder")
    }

    /// Class: a stop signal repeated while the app is busy. A second SIGTERM ends the app
    /// at once and still removes the demo store.
    @Test func aSecondSignalEndsADemoAtOnceAndRemovesItsStore() throws {
        let dir = TemporaryDirectory("e2e-demo-signal")
        try FileManager.default.createDirectory(atPath: dir.file("tmp"), withIntermediateDirectories: true)
        let tmux = try startReporting("env LANG=C.UTF-8 TMPDIR=\(shellQuote(dir.file("tmp") + "/")) CONSENTDESK_NOW=\(Self.now) "
                                      + "\(shellQuote(Products.consentdesk)) --demo")
        try tmux.waitFor("300 customers")
        let pid = try appPid(tmux)
        // Stopped (as by a debugger), it cannot act on the first signal before the second comes.
        kill(pid, SIGSTOP)
        kill(pid, SIGTERM)
        kill(pid, SIGCONT)
        kill(pid, SIGTERM)
        #expect(try exitStatus(tmux) == 128 + 15)
        #expect(try DemoFlagTests.demoFolders(dir).isEmpty)
    }

    // MARK: Ctrl-Z

    /// Class: a suspend key the app swallows. Ctrl-Z gives the terminal back and stops the
    /// app (the shell says so); `fg` draws the whole screen again and the keys work.
    @Test func ctrlZSuspendsTheAppAndFgDrawsItAgain() throws {
        let dir = TemporaryDirectory("e2e-suspend")
        let (_, command) = try demoStore(dir)
        let tmux = try Tmux("env PS1='shell$ ' sh -i", width: 100, height: 30)
        try tmux.waitFor("shell$")
        try tmux.type(command)
        try tmux.press("Enter")
        try tmux.waitFor("60 customers")
        try tmux.press("C-z")
        let stopped = try tmux.waitFor("Stopped")
        #expect(!stopped.contains("60 customers"), "the app's screen stayed while it was stopped:\n\(stopped)")
        // While stopped, a paste reaches the shell's program without paste brackets.
        try tmux.type("cat -v")
        try tmux.press("Enter")
        Thread.sleep(forTimeInterval: 0.3)
        try "pasted".write(toFile: dir.file("paste.txt"), atomically: true, encoding: .utf8)
        _ = try shell("tmux -L \(tmux.socket) load-buffer \(shellQuote(dir.file("paste.txt")))")
        _ = try shell("tmux -L \(tmux.socket) paste-buffer -p -d -t \(tmux.session)")
        try tmux.press("Enter")
        let plain = try tmux.waitFor("pasted")
        #expect(!plain.contains("[200~"), "bracketed paste was left on while the app was stopped:\n\(plain)")
        try tmux.press("C-d")
        try tmux.type("fg")
        try tmux.press("Enter")
        // Drawn whole again (the column header too), and the keys act.
        let back = try tmux.waitFor("60 customers")
        #expect(back.contains("Company ▲"), "\(back)")
        try tmux.press("Enter")
        try tmux.waitFor("lines 1–")
        try tmux.press("q")
    }

    // MARK: 2. paste

    /// Class: pasted text taken as keys. On a confirmed customer, a paste of
    /// "w<Tab>Customer no longer agrees<Enter>y" withdraws nothing, and "n…<Enter>" stores no note.
    @Test func aPasteIsTextNeverKeys() throws {
        let dir = TemporaryDirectory("e2e-paste")
        let (store, command) = try demoStore(dir)
        let confirmed = try #require(try json(run(Products.consentdesk, ["list", "--store", store, "--status", "confirmed", "--json"],
                                                  environment: ["CONSENTDESK_NOW": Self.now]).stdout).first)
        let tenant = try #require(confirmed["tenantId"] as? String)
        let tmux = try startReporting(command, width: 120, height: 35)
        try tmux.waitFor("60 customers")
        try tmux.press("/")
        try tmux.type(tenant)
        try tmux.waitFor("1 shown")
        try tmux.press("Enter")
        Thread.sleep(forTimeInterval: 0.3)
        for text in ["w\tCustomer no longer agrees\ny", "nCalled, will sign next week\n"] {
            try text.write(toFile: dir.file("paste.txt"), atomically: true, encoding: .utf8)
            _ = try shell("tmux -L \(tmux.socket) load-buffer \(shellQuote(dir.file("paste.txt")))")
            _ = try shell("tmux -L \(tmux.socket) paste-buffer -p -d -t \(tmux.session)")
            try tmux.waitFor("Pasted text goes into a text field")
        }
        let screen = try tmux.capture()
        #expect(!screen.contains("Withdraw") && !screen.contains("Note"), "\(screen)")
        try tmux.press("q")
        #expect(try exitStatus(tmux) == 0)
        let shown = try run(Products.consentdesk, ["show", "--store", store, tenant], environment: ["CONSENTDESK_NOW": Self.now])
        #expect(shown.stdout.contains("confirmed"))
        #expect(!shown.stdout.contains("no longer agrees"))
        #expect(!shown.stdout.contains("will sign next week"))
    }

    /// Class: a paste that submits a form. A paste with line breaks, a tab and an escape
    /// sequence into a form's field is one line of text there: the form stays open.
    @Test func aPasteIntoAFieldIsOneLineAndNeverSubmitsTheForm() throws {
        let dir = TemporaryDirectory("e2e-paste")
        let (store, command) = try demoStore(dir)
        let tmux = try startReporting(command, width: 120, height: 35)
        try tmux.waitFor("60 customers")
        try tmux.press("n")
        try tmux.waitFor("Note")
        try "Called\ntwice\tno answer\u{1B}[2J\n".write(toFile: dir.file("paste.txt"), atomically: true, encoding: .utf8)
        _ = try shell("tmux -L \(tmux.socket) load-buffer \(shellQuote(dir.file("paste.txt")))")
        _ = try shell("tmux -L \(tmux.socket) paste-buffer -p -d -t \(tmux.session)")
        let screen = try tmux.waitFor("Called twice no answer[2J")
        #expect(!screen.contains("Saved"))
        try tmux.press("Escape")
        try tmux.waitFor("Throw away the changes")
        try tmux.press("y")
        try tmux.press("q")
        #expect(try exitStatus(tmux) == 0)
        let log = try run(Products.consentdesk, ["log", "--store", store], environment: ["CONSENTDESK_NOW": Self.now])
        #expect(!log.stdout.contains("Called"))
    }

    /// Class: bracketed paste left on. After the app ends, a paste reaches the next program
    /// without paste brackets.
    @Test func theAppTurnsBracketedPasteOffWhenItEnds() throws {
        let dir = TemporaryDirectory("e2e-paste")
        let (_, command) = try demoStore(dir)
        let tmux = try Tmux("sh -c " + shellQuote(command + "; echo ended; exec cat -v"), width: 100, height: 30)
        try tmux.waitFor("60 customers")
        try tmux.press("q")
        try tmux.waitFor("ended")
        try "after".write(toFile: dir.file("paste.txt"), atomically: true, encoding: .utf8)
        _ = try shell("tmux -L \(tmux.socket) load-buffer \(shellQuote(dir.file("paste.txt")))")
        _ = try shell("tmux -L \(tmux.socket) paste-buffer -p -d -t \(tmux.session)")
        try tmux.press("Enter")
        let screen = try tmux.waitFor("after")
        #expect(!screen.contains("[200~"), "\(screen)")
    }

    // MARK: 3. a burst of keys

    /// Class: a stale page answer over a window that moved back. `g`, 19 × `j`, 19 × `k` in
    /// one write at 80×24 leave the first row highlighted at the top, and Enter opens it.
    @Test func keysInOneWriteLeaveTheCursorOnAShownRow() throws {
        let dir = TemporaryDirectory("e2e-burst")
        let (store, command) = try demoStore(dir)
        let first = try #require(try json(run(Products.consentdesk, ["list", "--store", store, "--json"],
                                              environment: ["CONSENTDESK_NOW": Self.now]).stdout).first)
        let name = try #require(first["companyName"] as? String)
        let tmux = try Tmux(command, width: 80, height: 24)
        try tmux.waitFor("60 customers")
        for round in 0..<8 {
            try tmux.type("g" + String(repeating: "j", count: 19) + String(repeating: "k", count: 19))
            Thread.sleep(forTimeInterval: 0.4)
            let lines = try tmux.capture(escapes: true).split(separator: "\n", omittingEmptySubsequences: false)
            // The first row (line 4) is the top row and drawn highlighted.
            let top = try #require(lines.dropFirst(3).first)
            #expect(top.contains(String(name.prefix(12))), "round \(round): the top row is not the first customer:\n\(lines.joined(separator: "\n"))")
            // Highlighted: a background (white, red for blocked, yellow for outdated) or reverse.
            #expect(["47m", "41m", "43m", "[7m"].contains { top.contains($0) }, "round \(round): no row is highlighted:\n\(top)")
        }
        try tmux.press("Enter")
        let detail = try tmux.waitFor("lines 1–")
        #expect(detail.split(separator: "\n").dropFirst().first?.contains(String(name.prefix(12))) == true, "\(detail)")
        try tmux.press("q")
    }

    // MARK: 4. a terminal that cannot be drawn on

    /// The app under a pseudo-terminal (`script`), with `TERM` as given (nil: unset).
    func runUnderPty(term: String?, language: String) throws -> ProcessResult {
        let command = shellQuote(Products.consentdesk) + " --store " + shellQuote(NSTemporaryDirectory() + "consentdesk-never-made")
        var arguments = ["-u", "TERM"]
        if let term { arguments = ["TERM=\(term)"] }
        arguments += ["LANG=\(language)", "script", "-qec", command, "/dev/null"]
        return try run("/usr/bin/env", arguments)
    }

    /// Class: a terminal the app cannot draw on. `TERM=dumb`, an unknown `TERM` and no `TERM`
    /// are refused before curses starts, saying which values work and how to set one,
    /// with exit status 6, in English and in Chinese; no store is made.
    @Test func aTerminalThatCannotBeDrawnOnIsRefusedClearly() throws {
        let never = NSTemporaryDirectory() + "consentdesk-never-made"
        for term in ["dumb", "no-such-terminal", nil] as [String?] {
            let english = try runUnderPty(term: term, language: "C.UTF-8")
            #expect(english.status == 6, "TERM=\(term ?? "(unset)"): \(english.stdout)")
            #expect(english.stdout.contains("xterm-256color") && english.stdout.contains("export TERM="), "\(english.stdout)")
            #expect(!english.stdout.contains("Error opening terminal"), "\(english.stdout)")
            let chinese = try runUnderPty(term: term, language: "zh_CN.UTF-8")
            #expect(chinese.status == 6)
            #expect(chinese.stdout.contains("终端") && chinese.stdout.contains("export TERM="), "\(chinese.stdout)")
        }
        #expect(!FileManager.default.fileExists(atPath: never))
        let dumb = try runUnderPty(term: "dumb", language: "C.UTF-8")
        #expect(dumb.stdout.contains("dumb"))
    }
}
