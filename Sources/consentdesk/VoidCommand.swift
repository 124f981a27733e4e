import ArgumentParser
import ConsentCommands
import ConsentModel
import ConsentStore
import Foundation

/// `consentdesk void <event-number> --reason "…"`: rule 12, a correction as a void.
struct VoidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "void", abstract: tr("cli.void.abstract"),
                                                    discussion: tr("cli.void.discussion"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(tr("cli.help.eventNumber"), valueName: "event-number")) var event: String
    @Option(help: ArgumentHelp(tr("cli.help.voidReason"), valueName: "text")) var reason: String

    func run() throws {
        try guarded {
            let text = event.trimmingCharacters(in: .whitespaces)
            let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
            guard let seq = Int64(digits), seq > 0 else {
                throw CommandError.usage(tr("cli.void.badNumber", UntrustedText.escaped(event)))
            }
            try global.desk().execute(.void(seq: seq, reason: reason), done: tr("cli.void.done", seq))
        }
    }
}
