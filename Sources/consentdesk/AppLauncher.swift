import ConsentModel
import ConsentStore

/// Opens the terminal app (filled in with the app target).
enum AppLauncher {
    static func run(store: ConsentStore, clock: any Clock) throws {
        print(store.location)
    }
}
