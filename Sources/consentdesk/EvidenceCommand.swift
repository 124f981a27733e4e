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
            // A desk holding the store's signing key signs a fresh checkpoint and the statement of
            // the customer's events into the pack; any other desk uses the newest checkpoint stored.
            var desk = try global.readOnlyDesk()
            let signer = try? desk.signer(in: global.keyFolder)
            if signer != nil, let writable = try? global.desk() { desk = writable }
            try desk.evidence(customer, format: format, to: try Output(path: output, force: force, protecting: desk.store.location),
                              path: output, signer: desk.store.mode == .readWrite ? signer : nil)
        }
    }
}
