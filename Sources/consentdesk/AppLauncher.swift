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
    static func requireTerminal() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw CommandError.usage(tr("cli.app.needsTerminal")) }
    }

    /// Runs the app until the user quits; returns the signal that stopped it instead
    /// (SIGTERM, SIGINT, SIGHUP), if one did: the caller cleans up, then exits 128 + signal.
    @discardableResult
    static func run(store: ConsentStore, clock: any ConsentClock) throws -> Int32? {
        // Under ncurses a journal warning is flashed, not printed.
        if let journal = store.anchorJournal { store.keepAnchors(in: AnchorJournal(path: journal.path)) }
        let backend = NcursesBackend()
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
