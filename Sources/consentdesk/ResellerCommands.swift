import ArgumentParser
import ConsentCommands
import ConsentModel
import ConsentStore

/// Editing and removing a reseller: their own explicit commands (adding never replaces).
extension ProfileCommand {
    struct EditReseller: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit-reseller", abstract: tr("cli.profile.editReseller"))
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(tr("cli.help.resellerId"), valueName: "id")) var id: String
        @Option(help: ArgumentHelp(tr("cli.help.resellerNewName"), valueName: "name")) var name: String?
        @Option(help: ArgumentHelp(tr("cli.help.resellerNewDomains"), valueName: "domains")) var domains: String?
        func run() throws {
            try guarded {
                // Only what is given changes; the rest is read in the write itself.
                try global.desk().execute(.editReseller(id: id, name: name, domains: domains),
                                          done: tr("cli.profile.resellerEdited", UntrustedText.escaped(id)))
            }
        }
    }

    struct RemoveReseller: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove-reseller", abstract: tr("cli.profile.removeReseller"))
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(tr("cli.help.resellerId"), valueName: "id")) var id: String
        func run() throws {
            try guarded {
                try global.desk().execute(.removeReseller(id: id), done: tr("cli.profile.resellerRemoved", UntrustedText.escaped(id)))
            }
        }
    }
}
