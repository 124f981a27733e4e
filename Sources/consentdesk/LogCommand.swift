import ArgumentParser
import ConsentCommands
import ConsentModel
import ConsentStore
import Foundation

/// `consentdesk log`: who did what, when, to whom (issue 15.4).
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: tr("cli.log.abstract"),
                                                    discussion: tr("cli.log.discussion"))
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(tr("cli.help.since"), valueName: "YYYY-MM-DD")) var since: String?
    @Option(help: ArgumentHelp(tr("cli.help.until"), valueName: "YYYY-MM-DD")) var until: String?
    @Option(help: ArgumentHelp(tr("cli.help.logCustomer"), valueName: "customer")) var customer: String?
    @Option(help: ArgumentHelp(tr("cli.help.kind"), valueName: "kind")) var kind: String?
    @Option(help: ArgumentHelp(tr("cli.help.limit"), valueName: "n")) var limit: Int = 100
    @Flag(help: ArgumentHelp(tr("cli.help.json"))) var json = false
    @Option(help: ArgumentHelp(tr("cli.help.output"), valueName: "file")) var output: String?
    @Flag(help: ArgumentHelp(tr("cli.help.force"))) var force = false

    func run() throws {
        try guarded {
            let desk = try global.readOnlyDesk()
            // The global `--employee` (who makes changes elsewhere) is the filter here: who made them.
            let options = DeskCommands.LogOptions(since: since, until: until, employee: global.employee, customer: customer,
                                                  kind: kind, limit: limit)
            try desk.log(options, json: json, to: try Output(path: output, force: force, protecting: desk.store.location))
        }
    }
}
