import ArgumentParser
import ConsentModel
import ConsentStore
import ConsentCommands
import Foundation

/// Options every command takes, before or after the subcommand.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(tr("cli.help.store"), valueName: "path"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp(tr("cli.help.lang"), valueName: "en|zh-Hans"))
    var lang: String?

    @Option(name: .long, help: ArgumentHelp(tr("cli.help.employee"), valueName: "name"))
    var employee: String?

    @Flag(name: .long, help: ArgumentHelp(tr("cli.help.quiet")))
    var quiet = false

    /// A `--lang` that names no language we speak is a wrong command line (exit 64).
    func validate() throws {
        if let lang, Language(localeName: lang) == nil { throw ValidationError(tr("cli.badLang", UntrustedText.escaped(lang))) }
    }

    var location: StoreLocation {
        StoreLocation.resolve(flag: store, environment: ProcessEnvironment.current)
    }

    /// Opens the store (creating it if missing) as this desk.
    func openStore(clock: any ConsentClock = SystemClock()) throws -> ConsentStore {
        try openStore(clock: clock, mode: .readWrite)
    }

    /// Opens an existing store for a read command: nothing is created or changed; no store
    /// at the path is "No store at PATH" (exit 1). A read-only store can be read.
    func openStore(forReading: Bool, clock: any ConsentClock = SystemClock()) throws -> ConsentStore {
        try openStore(clock: clock, mode: forReading ? .readOnly : .readWrite)
    }

    private func openStore(clock: any ConsentClock, mode: ConsentStore.OpenMode, journal: String? = nil) throws -> ConsentStore {
        ProgressBar.enabled = !quiet
        let env = ProcessEnvironment.current
        let actor = StoreActor(userId: env["CONSENTDESK_USER_ID"] ?? "", employee: employee ?? StoreActor.osUser)
        let store = try ConsentStore(location: location, clock: clock, actor: actor, mode: mode)
        // This desk anchors every commit outside the store; a failure to do so is said, never fatal.
        let report: @Sendable (String) -> Void = { notice("consentdesk: " + $0) }
        store.keepAnchors(in: journal.map { AnchorJournal(path: $0, report: report) } ?? AnchorJournal.resolve(environment: env, report: report))
        // A desk holding an active signing key of the store signs a checkpoint after its writes.
        if mode == .readWrite { store.signCheckpoints(with: CheckpointSigning(folder: keyFolder, report: report)) }
        return store
    }

    /// Where this desk keeps its private signing keys.
    var keyFolder: SigningKeyFolder { SigningKeyFolder.resolve(environment: ProcessEnvironment.current) }

    func desk() throws -> DeskCommands {
        let clock = Clocks.fromEnvironment()
        return DeskCommands(store: try openStore(clock: clock), clock: clock)
    }

    /// The desk on a store whose commits are anchored in `journal` (a demo store's own).
    func desk(anchoringIn journal: String) throws -> DeskCommands {
        let clock = Clocks.fromEnvironment()
        return DeskCommands(store: try openStore(clock: clock, mode: .readWrite, journal: journal), clock: clock)
    }

    /// The desk for read commands (list, show, check, export, import --dry-run): the store
    /// must exist and is never changed.
    func readOnlyDesk() throws -> DeskCommands {
        let clock = Clocks.fromEnvironment()
        return DeskCommands(store: try openStore(forReading: true, clock: clock), clock: clock)
    }
}

/// The clock: the system's. A debug build (the tests') also takes a fixed instant from
/// `CONSENTDESK_NOW`; a release build never lets the environment move its clock, so event
/// times and the "no future date" rule cannot be set at will.
enum Clocks {
    static func fromEnvironment() -> any ConsentClock {
        #if DEBUG
        if let text = ProcessEnvironment.current["CONSENTDESK_NOW"], let date = ISO8601.date(text) {
            return FixedClock(date)
        }
        #endif
        return SystemClock()
    }
}

/// Runs a command body, turning every failure into a clear message and its exit code.
func guarded(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        let failure = CommandError.wrap(error)
        notice("consentdesk: " + failure.description)
        throw ExitCode(failure.exitCode)
    }
}
