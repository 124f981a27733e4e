import ArgumentParser
import ConsentCommands
import ConsentModel
import ConsentStore
import Foundation

/// `consentdesk note <customer>… --text "…"`: a note on a customer (issue 15.1), or the same
/// note on several (as arguments or one a line with `--stdin`), all or nothing.
struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: tr("cli.note.abstract"),
                                                    discussion: tr("cli.note.discussion"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(tr("cli.help.customers"), valueName: "customer")) var customers: [String] = []
    @Option(help: ArgumentHelp(tr("cli.help.noteText"), valueName: "text")) var text: String
    @Flag(help: ArgumentHelp(tr("cli.help.stdin"))) var stdin = false

    func run() throws {
        try guarded {
            if stdin && !customers.isEmpty { throw CommandError.usage(tr("cli.bulk.stdinAndArguments")) }
            if !stdin && customers.isEmpty { throw CommandError.usage(tr("cli.bulk.none")) }
            let desk = try global.desk()
            if !stdin, customers.count == 1, let customer = customers.first {
                try desk.execute(on: customer, { .note(tenantId: $0, text: text) }, done: { tr("cli.note.done", $0) })
                return
            }
            let named = stdin ? try DeskCommands.customersFromStandardInput() : customers
            try desk.executeForEach(named, { .note(tenantId: $0, text: text) }, done: { tr("cli.bulk.noteDone", $0) },
                                    to: try Output(path: nil))
        }
    }
}
