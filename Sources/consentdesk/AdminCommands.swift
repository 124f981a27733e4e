import ArgumentParser
import ConsentCommands
import ConsentModel
import ConsentStore
import Foundation

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates", abstract: tr("cli.templates.abstract"),
        subcommands: [List.self, Add.self, Retire.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: tr("cli.templates.list"))
        @OptionGroup var global: GlobalOptions
        @Flag(help: ArgumentHelp(tr("cli.help.json"))) var json = false
        func run() throws {
            try guarded {
                let store = try global.openStore(forReading: true)
                let catalog = try store.catalog()
                let required = try store.profile().policy.requiredAgreementType
                let output = try Output(path: nil)
                if json {
                    let body = PartnerCenterCollection(items: catalog.templates.map(AgreementMetadata.init))
                    output.json(try InterchangeJSON.encoder().encode(body))
                    try output.finish()
                    return
                }
                var table = TextTable(header: [tr("field.templateId"), tr("field.agreementType"), tr("field.versionRank"),
                                               tr("field.effectiveDate"), tr("col.state"), tr("field.agreementLink")])
                table.maximumColumnWidth = 60
                // The same rows the app's templates screen draws (values escaped there).
                for t in TemplateSummary(catalog, required: required, on: Clocks.fromEnvironment().today()).rows {
                    table.add(escaped: [t.templateId, t.agreementType, t.versionRank, t.effectiveDate, t.state, t.agreementLink])
                }
                table.render().forEach { output.line($0) }
                try output.finish()
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: tr("cli.templates.add"))
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(tr("field.templateId"), valueName: "guid")) var id: String
        @Option(help: ArgumentHelp(tr("field.agreementType"), valueName: "type")) var type: String = AgreementType.microsoftCustomerAgreement.rawValue
        @Option(help: ArgumentHelp(tr("field.agreementLink"), valueName: "url")) var link: String
        @Option(help: ArgumentHelp(tr("field.versionRank"), valueName: "n")) var rank: String = "0"
        @Option(help: ArgumentHelp(tr("field.effectiveDate"), valueName: "YYYY-MM-DD")) var effective: String = ""
        @Flag(help: ArgumentHelp(tr("cli.help.yes"))) var yes = false
        func run() throws {
            try guarded {
                let draft = TemplateDraft(templateId: id, agreementType: type, agreementLink: link, versionRank: rank, effectiveDate: effective)
                let desk = try global.desk()
                try desk.executePolicyChange(.addTemplate(draft), yes: yes, done: tr("cli.templates.added", UntrustedText.escaped(id)))
            }
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retire", abstract: tr("cli.templates.retire"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(tr("field.templateId"), valueName: "guid")) var id: String
        @Flag(help: ArgumentHelp(tr("cli.help.yes"))) var yes = false
        func run() throws {
            try guarded {
                try global.desk().executePolicyChange(.retireTemplate(templateId: id), yes: yes,
                                                      done: tr("cli.templates.retired", UntrustedText.escaped(id)))
            }
        }
    }
}

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: tr("cli.profile.abstract"),
        subcommands: [Show.self, Set.self, AddReseller.self, EditReseller.self, RemoveReseller.self], defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: tr("cli.profile.show"))
        @OptionGroup var global: GlobalOptions
        func run() throws {
            try guarded {
                let store = try global.openStore(forReading: true)
                let p = try store.profile()
                let output = try Output(path: nil)
                func field(_ label: String, _ value: String) { output.line("\(label.padded(toWidth: 26)) \(value)") }
                // The model's summary of the profile (values escaped there), then where the store is.
                for line in ProfileSummary(p).fields { field(line.label ?? "", line.text) }
                field(tr("cli.profile.store"), UntrustedText.escaped(store.location.description))
                try output.finish()
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: tr("cli.profile.set"))
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(tr("field.partnerName"), valueName: "name")) var name: String?
        @Option(name: .customLong("tenant-id"), help: ArgumentHelp(tr("field.partnerTenantId"), valueName: "guid")) var tenantId: String?
        @Option(help: ArgumentHelp(tr("field.partnerDomains"), valueName: "domains")) var domains: String?
        @Option(help: ArgumentHelp(tr("cli.help.role"), valueName: "role")) var role: String?
        @Option(name: .customLong("user-id"), help: ArgumentHelp(tr("field.defaultUserId"), valueName: "id")) var userId: String?
        @Option(name: .customLong("required-agreement"), help: ArgumentHelp(tr("field.requiredAgreementType"), valueName: "type")) var requiredAgreement: String?
        @Option(help: ArgumentHelp(tr("cli.help.cutoff"), valueName: "YYYY-MM-DD")) var cutoff: String?
        @Flag(help: ArgumentHelp(tr("cli.help.yes"))) var yes = false
        @Option(name: .customLong("waiting-days"), help: ArgumentHelp(tr("cli.help.waitingDays"), valueName: "days")) var waitingDays: String?
        @Option(name: .customLong("renewing-days"), help: ArgumentHelp(tr("cli.help.renewingDays"), valueName: "days")) var renewingDays: String?
        func run() throws {
            try guarded {
                // A wrong --role is a wrong command line: refused before the store is opened.
                let roleName = try role.map { try OptionChoice.pick($0, option: "--role", PartnerRole.allCases.map { ($0.cliName, $0.rawValue) }) }
                let desk = try global.desk()
                var draft = ProfileDraft(editing: try desk.store.profile())
                if let name { draft.name = name }
                if let tenantId { draft.tenantId = tenantId }
                if let domains { draft.domains = domains }
                if let roleName { draft.role = roleName }
                if let userId { draft.defaultUserId = userId }
                if let requiredAgreement { draft.requiredAgreementType = requiredAgreement }
                if let cutoff { draft.reacceptanceCutoff = cutoff }
                if let waitingDays { draft.waitingDays = waitingDays }
                if let renewingDays { draft.renewingDays = renewingDays }
                try desk.executePolicyChange(.setProfile(draft), yes: yes, done: tr("cli.profile.saved"))
            }
        }
    }

    struct AddReseller: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-reseller", abstract: tr("cli.profile.addReseller"))
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(tr("cli.help.resellerId"), valueName: "id")) var id: String
        @Option(help: ArgumentHelp(tr("field.companyName"), valueName: "name")) var name: String
        @Option(help: ArgumentHelp(tr("cli.help.domains"), valueName: "domains")) var domains: String
        func run() throws {
            try guarded {
                try global.desk().execute(.addReseller(id: id, name: name, domains: domains), done: tr("flash.resellerAdded", UntrustedText.escaped(name)))
            }
        }
    }
}
