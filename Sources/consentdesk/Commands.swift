import ArgumentParser
import ConsentCommands
import ConsentModel
import ConsentStore
import Foundation

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: tr("cli.list.abstract"),
                                                    discussion: tr("cli.list.discussion"))
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(tr("cli.help.status"), valueName: "status")) var status: String?
    @Option(help: ArgumentHelp(tr("cli.help.search"), valueName: "text")) var search: String?
    @Flag(help: ArgumentHelp(tr("cli.help.json"))) var json = false
    @Flag(help: ArgumentHelp(tr("cli.help.count"))) var count = false
    @Option(help: ArgumentHelp(tr("cli.help.output"), valueName: "file")) var output: String?
    @Flag(help: ArgumentHelp(tr("cli.help.force"))) var force = false
    @Option(name: .customLong("waiting-over"), help: ArgumentHelp(tr("cli.help.waitingOver"), valueName: "days")) var waitingOver: String?
    @Option(name: .customLong("renewing-within"), help: ArgumentHelp(tr("cli.help.renewingWithin"), valueName: "days")) var renewingWithin: String?
    @Option(name: .customLong("reseller"), help: ArgumentHelp(tr("cli.help.listReseller"), valueName: "id")) var reseller: String?

    func run() throws {
        try guarded {
            if let status { _ = try DeskCommands.statusFilter(status) }
            let desk = try global.readOnlyDesk()
            var selection = DeskCommands.Selection(status: status, search: search)
            selection.waitingOver = waitingOver
            selection.renewingWithin = renewingWithin
            selection.reseller = reseller
            let to = try Output(path: output, force: force, protecting: desk.store.location)
            if count {
                try desk.count(selection, json: json, to: to)
            } else {
                try desk.list(selection, json: json, to: to)
            }
        }
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: tr("cli.show.abstract"),
                                                    discussion: tr("cli.show.discussion"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(tr("cli.help.customer"), valueName: "customer")) var customer: String
    @Flag(help: ArgumentHelp(tr("cli.help.showJSON"))) var json = false
    @Option(help: ArgumentHelp(tr("cli.help.output"), valueName: "file")) var output: String?
    @Flag(help: ArgumentHelp(tr("cli.help.force"))) var force = false

    func run() throws {
        try guarded {
            let desk = try global.readOnlyDesk()
            try desk.show(customer, json: json, to: try Output(path: output, force: force, protecting: desk.store.location))
        }
    }
}

struct ConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "confirm", abstract: tr("cli.confirm.abstract"),
                                                    discussion: tr("cli.confirm.discussion"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(tr("cli.help.customer"), valueName: "customer")) var customer: String
    @Option(help: ArgumentHelp(tr("field.firstName"), valueName: "name")) var first: String
    @Option(help: ArgumentHelp(tr("field.lastName"), valueName: "name")) var last: String
    @Option(help: ArgumentHelp(tr("field.email"), valueName: "address")) var email: String
    @Option(help: ArgumentHelp(tr("field.phoneNumber"), valueName: "number")) var phone: String = ""
    @Option(help: ArgumentHelp(tr("cli.help.date"), valueName: "YYYY-MM-DD")) var date: String
    @Option(help: ArgumentHelp(tr("cli.help.template"), valueName: "id")) var template: String = ""
    @Option(name: .customLong("user-id"), help: ArgumentHelp(tr("cli.help.userId"), valueName: "id")) var userId: String = ""
    @Option(help: ArgumentHelp(tr("cli.help.evidence"), valueName: "reference")) var evidence: String = ""
    @Option(help: ArgumentHelp(tr("cli.help.reseller"), valueName: "reseller")) var reseller: String = ""

    func run() throws {
        try guarded {
            let draft = ConfirmationDraft(dateAgreed: date, firstName: first, lastName: last, email: email, phoneNumber: phone,
                                          templateId: template, partnerUserId: userId, employee: global.employee ?? "",
                                          evidence: evidence, reseller: reseller)
            try global.desk().execute(on: customer, { .confirm(tenantId: $0, draft) }, done: { tr("cli.confirm.done", $0) })
        }
    }
}

struct AddCustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-customer", abstract: tr("cli.add.abstract"),
                                                    discussion: tr("cli.add.discussion"))
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("tenant-id"), help: ArgumentHelp(tr("field.tenantId"), valueName: "guid")) var tenantId: String
    @Option(help: ArgumentHelp(tr("field.companyName"), valueName: "name")) var name: String
    @Option(help: ArgumentHelp(tr("cli.help.domains"), valueName: "domains")) var domains: String = ""
    @Option(help: ArgumentHelp(tr("cli.help.country"), valueName: "code")) var country: String = ""
    @Option(help: ArgumentHelp(tr("cli.help.cloud"), valueName: "cloud")) var cloud: String = "global"
    @Option(help: ArgumentHelp(tr("cli.help.customerReseller"), valueName: "reseller")) var reseller: String = ""

    func run() throws {
        try guarded {
            guard CloudInstance(loose: cloud) != nil else {
                throw CommandError.usage(tr("cli.badChoice", "--cloud", UntrustedText.escaped(cloud),
                                            CloudInstance.allCases.map(\.cliName).joined(separator: ", ")))
            }
            let draft = CustomerDraft(tenantId: tenantId, companyName: name, domains: domains, country: country, cloud: cloud, reseller: reseller)
            try global.desk().execute(.addCustomer(draft), done: tr("cli.add.done", UntrustedText.escaped(name)))
        }
    }
}

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "withdraw", abstract: tr("cli.withdraw.abstract"),
                                                    discussion: tr("cli.withdraw.discussion"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(tr("cli.help.customer"), valueName: "customer")) var customer: String
    @Option(help: ArgumentHelp(tr("field.withdrawalDate"), valueName: "YYYY-MM-DD")) var date: String
    @Option(help: ArgumentHelp(tr("field.reason"), valueName: "text")) var reason: String

    func run() throws {
        try guarded {
            let draft = WithdrawalDraft(date: date, reason: reason)
            try global.desk().execute(on: customer, { .withdraw(tenantId: $0, draft) }, done: { tr("cli.withdraw.done", $0) })
        }
    }
}

struct RequestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "request", abstract: tr("cli.request.abstract"),
                                                    discussion: tr("cli.request.discussion"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(tr("cli.help.customers"), valueName: "customer")) var customers: [String] = []
    @Option(help: ArgumentHelp(tr("field.sentTo"), valueName: "whom")) var from: String
    @Option(help: ArgumentHelp(tr("cli.help.requestDate"), valueName: "YYYY-MM-DD")) var date: String?
    @Option(help: ArgumentHelp(tr("field.note"), valueName: "text")) var note: String = ""
    @Flag(help: ArgumentHelp(tr("cli.help.stdin"))) var stdin = false

    func run() throws {
        try guarded {
            if stdin && !customers.isEmpty { throw CommandError.usage(tr("cli.bulk.stdinAndArguments")) }
            if !stdin && customers.isEmpty { throw CommandError.usage(tr("cli.bulk.none")) }
            let desk = try global.desk()
            let draft = RequestDraft(sentTo: from, date: date ?? desk.clock.today().iso, note: note)
            if !stdin, customers.count == 1, let customer = customers.first {
                try desk.execute(on: customer, { .request(tenantId: $0, draft) }, done: { tr("cli.request.done", $0) })
                return
            }
            let named = stdin ? try DeskCommands.customersFromStandardInput() : customers
            try desk.executeForEach(named, { .request(tenantId: $0, draft) }, done: { tr("cli.bulk.requestDone", $0) },
                                    to: try Output(path: nil))
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: tr("cli.check.abstract"),
                                                    discussion: tr("cli.check.discussion"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(tr("cli.help.customer"), valueName: "customer")) var customer: String
    @Option(help: ArgumentHelp(tr("cli.help.transaction"), valueName: "transaction")) var transaction: String
    @Option(help: ArgumentHelp(tr("cli.help.channel"), valueName: "dashboard|api")) var channel: String = "api"
    @Option(name: .customLong("as-of"), help: ArgumentHelp(tr("cli.help.asOf"), valueName: "YYYY-MM-DD")) var asOf: String?
    @Flag(help: ArgumentHelp(tr("cli.help.checkJSON"))) var json = false

    func run() throws {
        try guarded {
            let kind = try OptionChoice.pick(transaction, option: "--transaction", Transaction.allCases.map { ($0.cliName, $0) })
            let via = try OptionChoice.pick(channel, option: "--channel", Channel.allCases.map { ($0.rawValue, $0) })
            var day: Day?
            if let asOf {
                guard let parsed = Day(strict: asOf.trimmingCharacters(in: .whitespaces)) else {
                    throw CommandError.usage(tr("cli.badAsOf", UntrustedText.escaped(asOf)))
                }
                day = parsed
            }
            // The answer is on standard output either way; blocked exits 3.
            let decision = try global.readOnlyDesk().check(customer, transaction: kind, channel: via, asOf: day, json: json,
                                                           to: try Output(path: nil))
            if !decision.isAllowed { throw ExitCode(ExitCodes.blocked) }
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: tr("cli.import.abstract"),
                                                    discussion: tr("cli.import.discussion", ImportColumns.accepted(.customers),
                                                                       ImportColumns.accepted(.attestations),
                                                                       ImportColumns.accepted(.partnerCenter)))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(tr("cli.help.importFile"), valueName: "file")) var file: String
    @Option(help: ArgumentHelp(tr("cli.help.importFormat"), valueName: "customers|attestations|partner-center")) var format: String?
    @Option(help: ArgumentHelp(tr("cli.help.importCustomer"), valueName: "customer")) var customer: String?
    @Flag(name: .customLong("dry-run"), help: ArgumentHelp(tr("cli.help.dryRun"))) var dryRun = false
    @Flag(name: .customLong("skip-invalid"), help: ArgumentHelp(tr("cli.help.skipInvalid"))) var skipInvalid = false

    func run() throws {
        try guarded {
            var chosen: ImportFormat?
            if let format {
                chosen = try OptionChoice.pick(format, option: "--format", ImportFormat.allCases.map { ($0.rawValue, $0) })
            }
            let mode: BatchMode = dryRun ? .dryRun : skipInvalid ? .skipInvalid : .allOrNothing
            // A dry run reads only (the check runs in a transaction that is rolled back): the
            // store must exist, and none is created for it.
            if dryRun { _ = try global.openStore(forReading: true) }
            let desk = try global.desk()
            try desk.importFile(file, format: chosen, customer: customer, mode: mode, to: try Output(path: nil))
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: tr("cli.export.abstract"),
                                                    discussion: tr("cli.export.discussion"))
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(tr("cli.help.exportFormat"), valueName: "csv|attestations|partner-center|history")) var format: String = "csv"
    @Option(help: ArgumentHelp(tr("cli.help.status"), valueName: "status")) var status: String?
    @Option(help: ArgumentHelp(tr("cli.help.output"), valueName: "file")) var output: String?
    @Flag(help: ArgumentHelp(tr("cli.help.force"))) var force = false
    @Flag(inversion: .prefixedNo, help: ArgumentHelp(tr("cli.help.bomDefault"))) var bom: Bool?

    func run() throws {
        try guarded {
            let f = try OptionChoice.pick(format, option: "--format", ExportFormat.allCases.map { ($0.rawValue, $0) })
            if let status { _ = try DeskCommands.statusFilter(status) }
            // A customers CSV written to a file is for a spreadsheet: Excel reads UTF-8 only after a BOM.
            let toFile = output != nil && output != "-"
            let mark = bom ?? (f == .csv && toFile)
            try global.readOnlyDesk().export(format: f, selection: .init(status: status),
                                             options: .init(outputPath: output, force: force, byteOrderMark: mark))
        }
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: tr("cli.verify.abstract"),
                                                    discussion: tr("cli.verify.discussion"))
    @OptionGroup var global: GlobalOptions
    @Flag(help: ArgumentHelp(tr("cli.help.json"))) var json = false
    @Option(help: ArgumentHelp(tr("cli.help.expect"), valueName: "seq:hash")) var expect: String?
    @Flag(help: ArgumentHelp(tr("cli.help.full"))) var full = false
    @Option(help: ArgumentHelp(tr("cli.help.checkpointFile"), valueName: "file")) var checkpoint: String?
    @Option(help: ArgumentHelp(tr("cli.help.verifierKey"), valueName: "verifier-key")) var key: [String] = []
    @Option(help: ArgumentHelp(tr("cli.help.require"), valueName: "n")) var require: Int?

    func validate() throws {
        if let require {
            guard checkpoint != nil, !key.isEmpty else { throw ValidationError(tr("cli.verify.requireNeedsKeys")) }
            guard (1...key.count).contains(require) else { throw ValidationError(tr("cli.verify.requireRange", require, key.count)) }
        }
    }

    func run() throws {
        try guarded {
            var expected: ExpectedHead?
            if let expect {
                guard let parsed = ExpectedHead(parsing: expect) else {
                    throw CommandError.usage(tr("cli.verify.badExpect", UntrustedText.escaped(expect)))
                }
                expected = parsed
            }
            let keys = try DeskCommands.verifierKeys(key)
            if keys != nil && checkpoint == nil { throw CommandError.usage(tr("cli.verify.keyNeedsCheckpoint")) }
            let report: VerifyReport
            do {
                let progress = ProgressBar(label: tr("progress.verify"), total: nil)
                defer { progress.finish() }
                report = try global.openStore(forReading: true).verify(expecting: expected, full: full) { done, total in
                    progress.update(done: done, total: total)
                }
            } catch StoreError.corrupted(let path) {
                // verify is where the user was sent: say what to do, not "run verify".
                throw CommandError.verifyFailed(tr("verify.corrupted", UntrustedText.escaped(path)))
            }
            let output = try Output(path: nil)
            if json {
                output.json(try InterchangeJSON.encoder().encode(VerifyJSON(report)))
                try output.finish()
            }
            // Each line escaped on its own: the report's own line breaks stay line breaks.
            var lines = report.description.split(separator: "\n").map { UntrustedText.escaped(String($0)) }
            // A checkpoint held elsewhere shows whether the history it signed was kept, whatever
            // else verify found: both are said.
            var checked: [String] = []
            if let checkpoint {
                let desk = DeskCommands(store: try global.openStore(forReading: true), clock: Clocks.fromEnvironment())
                do {
                    checked = try desk.checkCheckpoint(file: checkpoint, keys: keys, required: require ?? 1)
                } catch CommandError.verifyFailed(let words) {
                    throw CommandError.verifyFailed((report.isValid ? [] : lines).joined(separator: "\n") + (report.isValid ? "" : "\n") + words)
                }
            }
            if !report.isValid {
                lines += checked
                throw CommandError.verifyFailed(lines.joined(separator: "\n"))
            }
            if !json {
                (lines + checked).forEach { output.line($0) }
                try output.finish()
            }
        }
    }
}

/// `verify --json`: what an auditor's script reads.
struct VerifyJSON: Encodable {
    let report: VerifyReport
    init(_ report: VerifyReport) { self.report = report }

    enum Keys: String, CodingKey {
        case valid, eventsChecked, headSeq, headHash, problem, firstBadSeq, anchorsChecked, anchorJournal, unreadableJournalLines
        case anchorJournalProblem, writtenWhileVerifying, notChecked
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(report.isValid, forKey: .valid)
        try c.encode(report.eventsChecked, forKey: .eventsChecked)
        try c.encode(report.headSeq, forKey: .headSeq)
        try c.encode(report.headHash, forKey: .headHash)
        try c.encode(report.problem, forKey: .problem)
        try c.encode(report.firstBadSeq, forKey: .firstBadSeq)
        try c.encode(report.anchorsChecked, forKey: .anchorsChecked)
        try c.encode(report.journalPath, forKey: .anchorJournal)
        try c.encode(report.unreadableJournalLines, forKey: .unreadableJournalLines)
        try c.encode(report.journalFailure, forKey: .anchorJournalProblem)
        try c.encode(report.writtenMeanwhile, forKey: .writtenWhileVerifying)
        try c.encode(report.notChecked, forKey: .notChecked)
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: tr("cli.backup.abstract"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(tr("cli.help.backupFile"), valueName: "file")) var file: String
    @Flag(help: ArgumentHelp(tr("cli.help.force"))) var force = false

    func run() throws {
        try guarded {
            let head = try global.openStore(forReading: true).backup(to: file, force: force)
            notice(tr("cli.backup.done", UntrustedText.escaped(file)))
            notice(tr("cli.takenAt", head.seq, head.hash))
        }
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: tr("cli.demo.abstract"),
                                                    discussion: tr("cli.demo.discussion"))
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(tr("cli.help.demoCustomers"), valueName: "n")) var customers: Int = 300
    @Option(help: ArgumentHelp(tr("cli.help.seed"), valueName: "s")) var seed: UInt64 = 2018

    func validate() throws {
        guard (1...1_000_000).contains(customers) else { throw ValidationError(tr("cli.demo.range")) }
    }

    func run() throws {
        try guarded {
            let desk = try global.desk()
            let start = Date()
            let events = try desk.loadDemo(customers: customers, seed: seed)
            notice(tr("cli.demo.done", customers, events, String(format: "%.1f", Date().timeIntervalSince(start)), desk.store.location.description))
        }
    }
}
