import ConsentApp
import ConsentModel
import ConsentStore
import Foundation
import NcursesBackend

/// Opens the terminal app on `store`.
enum AppLauncher {
    static func run(store: ConsentStore, clock: any ConsentClock) throws {
        // Under ncurses a journal warning is flashed, not printed.
        if let journal = store.anchorJournal { store.keepAnchors(in: AnchorJournal(path: journal.path)) }
        let backend = NcursesBackend()
        defer { backend.shutdown() }
        try AppRunner(backend: backend, store: store, clock: clock,
                      timingsPath: ProcessEnvironment.current["CONSENTDESK_TIMINGS"]).run()
    }
}
