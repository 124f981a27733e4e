import ArgumentParser
import ConsentCommands
import ConsentModel
import ConsentStore
import Foundation

/// `consentdesk evidence <customer> --output FILE.html [--format html|json]` (issue 15.6).
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evidence", abstract: tr("cli.evidence.abstract"),
                                                    discussion: tr("cli.evidence.discussion"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(tr("cli.help.customer"), valueName: "customer")) var customer: String
    @Option(help: ArgumentHelp(tr("cli.help.evidenceOutput"), valueName: "file")) var output: String?
    @Option(help: ArgumentHelp(tr("cli.help.evidenceFormat"), valueName: "html|json")) var format: String?
    @Flag(help: ArgumentHelp(tr("cli.help.force"))) var force = false

    func run() throws {
        try guarded {
            let desk = try global.readOnlyDesk()
            try desk.evidence(customer, format: format, to: try Output(path: output, force: force, protecting: desk.store.location),
                              path: output)
        }
    }
}
