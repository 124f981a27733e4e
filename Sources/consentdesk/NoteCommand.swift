import ArgumentParser
import ConsentCommands
import ConsentModel
import ConsentStore
import Foundation

/// `consentdesk note <customer> --text "…"`: a note on a customer (issue 15.1).
struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: tr("cli.note.abstract"),
                                                    discussion: tr("cli.note.discussion"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(tr("cli.help.customer"), valueName: "customer")) var customer: String
    @Option(help: ArgumentHelp(tr("cli.help.noteText"), valueName: "text")) var text: String

    func run() throws {
        try guarded {
            try global.desk().execute(on: customer, { .note(tenantId: $0, text: text) }, done: { tr("cli.note.done", $0) })
        }
    }
}
