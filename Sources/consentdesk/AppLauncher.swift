import ConsentApp
import ConsentModel
import ConsentStore
import Foundation
import NcursesBackend

/// Opens the terminal app on `store`.
enum AppLauncher {
    static func run(store: ConsentStore, clock: any Clock) throws {
        let backend = NcursesBackend()
        defer { backend.shutdown() }
        try AppRunner(backend: backend, store: store, clock: clock,
                      timingsPath: ProcessInfo.processInfo.environment["CONSENTDESK_TIMINGS"]).run()
    }
}
