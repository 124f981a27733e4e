import ConsentApp
import ConsentCommands
import ConsentModel
import ConsentStore
import Foundation
import NcursesBackend

/// Opens the terminal app on `store`.
enum AppLauncher {
    /// The app draws on a terminal and reads its keys: refused (before any store is made or
    /// opened) when standard input or output is not one, instead of waiting for keys that
    /// can never come.
    /// A terminal it cannot draw on (`TERM` unset, unknown, or `dumb`) is refused too, before
    /// curses starts (ncurses neither prints nor exits), saying which values work (exit 6).
    /// From here on the first stop signal is noted, so the app ends as quitting does.
    static func requireTerminal() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw CommandError.usage(tr("cli.app.needsTerminal")) }
        do {
            try NcursesBackend.checkTerminal()
        } catch {
            throw CommandError.terminal(explained(error))
        }
        NcursesBackend.catchStopSignals()
    }

    /// What is wrong with the terminal and how to set `TERM` (its value escaped).
    static func explained(_ problem: TerminalProblem) -> String {
        let what: String
        switch problem {
        case .unset: what = tr("cli.app.termUnset")
        case .unknown(let term): what = tr("cli.app.termUnknown", UntrustedText.escaped(term))
        case .cannotDraw(let term): what = tr("cli.app.termCannotDraw", UntrustedText.escaped(term))
        }
        return what + "\n" + tr("cli.app.termFix")
    }

    /// Runs the app until the user quits; returns the signal that stopped it instead
    /// (SIGTERM, SIGINT, SIGHUP), if one did: the caller cleans up, then exits 128 + signal.
    @discardableResult
    static func run(store: any DeskStore, clock: any ConsentClock) throws -> Int32? {
        // Told to stop before the app was drawn (while a demo store was made): not started.
        if let signal = NcursesBackend.stopSignal { return signal }
        // Under ncurses a journal warning is flashed, not printed.
        if let journal = store.anchorJournal { store.keepAnchors(in: AnchorJournal(path: journal.path)) }
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend()
        } catch {
            throw CommandError.terminal(explained(error))
        }
        defer { backend.shutdown() }
        let runner = AppRunner(backend: backend, store: store, clock: clock,
                               timingsPath: ProcessEnvironment.current["CONSENTDESK_TIMINGS"])
        try runner.run()
        return runner.stoppedBy
    }

    /// Ends the process as a stop signal would have, once everything is cleaned up.
    static func exitIfStopped(_ signal: Int32?) {
        if let signal { exit(128 + signal) }
    }
}
