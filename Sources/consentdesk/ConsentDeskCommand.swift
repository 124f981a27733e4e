import ArgumentParser
import ConsentCommands
import ConsentModel
import ConsentStore
import Foundation

/// `consentdesk`: with no subcommand, the terminal app; otherwise the command line.
struct ConsentDeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consentdesk",
        abstract: tr("cli.abstract"),
        discussion: tr("cli.discussion"),
        version: "1.0.0",
        subcommands: [
            ListCommand.self, ShowCommand.self, ConfirmCommand.self, AddCustomerCommand.self, WithdrawCommand.self,
            RequestCommand.self, CheckCommand.self, ImportCommand.self, ExportCommand.self, TemplatesCommand.self,
            ProfileCommand.self, VerifyCommand.self, BackupCommand.self, DemoCommand.self, VoidCommand.self,
            NoteCommand.self, LogCommand.self, EvidenceCommand.self, KeyCommand.self, CheckpointCommand.self,
            VerifyEvidenceCommand.self, ExplainCommand.self,
        ])

    @OptionGroup var global: GlobalOptions
    @Flag(help: ArgumentHelp(tr("cli.help.demoFlag"))) var demo = false
    @Flag(help: ArgumentHelp(tr("cli.help.keepDemo"))) var keep = false

    func validate() throws {
        if keep && !demo { throw ValidationError(tr("cli.demo.keepNeedsDemo")) }
        // Also checked when a command follows (its parser would otherwise drop the flag unseen).
        if demo && Main.command(in: Array(CommandLine.arguments.dropFirst())) != nil {
            throw ValidationError(tr("cli.demo.notWithCommand"))
        }
    }

    func run() throws {
        try guarded {
            try AppLauncher.requireTerminal()
            guard demo else {
                let desk = try global.desk()
                AppLauncher.exitIfStopped(try AppLauncher.run(store: desk.store, clock: desk.clock))
                return
            }
            AppLauncher.exitIfStopped(try DemoSession(global: global, keep: keep).run())
        }
    }
}

/// Entry point: picks the language, lets global options stand before the subcommand,
/// then hands over to the parser.
@main
enum Main {
    static let globalOptions = ["--store", "--lang", "--employee"]

    static func main() {
        // A closed pipe is an error to report (EPIPE), not a signal that kills the process.
        signal(SIGPIPE, SIG_IGN)
        // Stopped by a signal, the command line removes the files it has under way (the app
        // puts its own handlers in place when it starts).
        TemporaryFiles.removeOnStopSignals()
        var arguments = Array(CommandLine.arguments.dropFirst())
        Strings.language = language(arguments)
        if let position = ArgumentBytes.firstInvalidUTF8() {
            notice("consentdesk: " + tr("cli.argumentNotUTF8", position))
            exit(ExitCodes.invalid)
        }
        arguments = movingGlobalOptions(arguments)
        ConsentDeskCommand.main(arguments)
    }

    /// `--lang` wins over `LC_ALL` / `LC_MESSAGES` / `LANG`.
    static func language(_ arguments: [String]) -> Language {
        for (index, argument) in arguments.enumerated() {
            var value: String?
            if argument == "--lang", index + 1 < arguments.count { value = arguments[index + 1] }
            if argument.hasPrefix("--lang=") { value = String(argument.dropFirst(7)) }
            if let value, let language = Language(localeName: value) { return language }
        }
        return Language.fromEnvironment(ProcessEnvironment.current)
    }

    /// The command named in `arguments` (`list` in `--store S list --json`), if any: the first
    /// argument that names one and is not the value of a global option.
    static func command(in arguments: [String]) -> String? {
        let names = Set(ConsentDeskCommand.configuration.subcommands.compactMap { $0.configuration.commandName })
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return nil }
            if globalOptions.contains(argument) { index += 2; continue }
            if names.contains(argument) { return argument }
            index += 1
        }
        return nil
    }

    /// `consentdesk --store S list` → `consentdesk list --store S`, so each subcommand sees
    /// its global options wherever they were written.
    static func movingGlobalOptions(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if globalOptions.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if globalOptions.contains(where: { argument.hasPrefix($0 + "=") }) {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        let names = ConsentDeskCommand.configuration.subcommands.compactMap { $0.configuration.commandName }
        guard !leading.isEmpty, index < arguments.count, names.contains(arguments[index]) else { return arguments }
        var rest = Array(arguments[index...])
        if let terminator = rest.firstIndex(of: "--") {
            rest.insert(contentsOf: leading, at: terminator)
        } else {
            rest += leading
        }
        return rest
    }
}
