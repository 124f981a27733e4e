import ConsentModel
import ConsentStore
import Foundation

/// The command line's use cases on one store: the commands scripts and support desks run.
public struct DeskCommands {
    public let store: any DeskStore
    public let clock: any ConsentClock

    public init(store: any DeskStore, clock: any ConsentClock) {
        self.store = store
        self.clock = clock
    }

    var today: Day { clock.today() }

    func evaluator() throws -> ConsentEvaluator {
        ConsentEvaluator(profile: try store.profile(), catalog: try store.catalog(), day: today)
    }

    // MARK: list

    /// Which customers `list` and `export` include.
    public struct Selection {
        public var status: String?
        public var search: String?
        /// `--waiting-over N`, `--renewing-within N` (days, as typed) and `--reseller ID`.
        public var waitingOver: String?
        public var renewingWithin: String?
        public var reseller: String?
        public init(status: String? = nil, search: String? = nil) {
            self.status = status
            self.search = search
        }
    }

    /// What a streamed selection saw: the state it was read from, how many rows it gave
    /// and how many customers the store holds.
    struct SelectionRead {
        let profile: PartnerProfile
        let catalog: TemplateCatalog
        let headSeq: Int64
        let headHash: String
        let listed: Int
        let totalCustomers: Int
    }

    /// A `--status` value, letter case, `-` and `_` ignored (`Blocked`, `notApplicable`); any
    /// other is a wrong command line (exit 64).
    public static func statusFilter(_ name: String) throws(CommandError) -> StatusFilter {
        let spelling = StatusFilter.cliNames.first { OptionChoice.key($0) == OptionChoice.key(name) }
        guard let filter = spelling.flatMap(StatusFilter.init(cliName:)) else {
            throw .usage(tr("cli.badStatus", UntrustedText.escaped(name), StatusFilter.cliNames.joined(separator: ", ")))
        }
        return filter
    }

    /// The store's query for `selection`; a `--status` that is none is refused.
    func query(_ selection: Selection) throws -> ListQuery {
        var query = ListQuery(search: selection.search ?? "")
        if let name = selection.status { query.status = try Self.statusFilter(name) }
        try followUps(selection, into: &query)
        return query
    }

    /// Hands each selected customer (without subscriptions), in company order, to `each`
    /// as it is read, with its status report: the store filters and searches through its
    /// indexes in one read transaction, so memory stays flat however large the store is. A
    /// read-only store whose stored statuses are not today's is evaluated here instead,
    /// still one customer at a time.
    @discardableResult
    func forEachSelected(_ selection: Selection, _ each: (Customer, StatusReport, PartnerProfile) throws -> Void) throws -> SelectionRead {
        try forEachSelectedRow(selection) { customer, report, profile, _ in try each(customer, report, profile) }
    }

    /// `forEachSelected`, also handing over the next renewal when the selection lists
    /// customers renewing soon (`--renewing-within`; nil otherwise).
    @discardableResult
    func forEachSelectedRow(_ selection: Selection,
                            _ each: (Customer, StatusReport, PartnerProfile, Day?) throws -> Void) throws -> SelectionRead {
        let query = try self.query(selection)
        let today = self.today
        var profile = PartnerProfile.unnamed
        var catalog = TemplateCatalog.default
        // The first read of a new day may re-evaluate every status: a bar on a terminal while it does.
        let recompute = ProgressBar(label: tr("progress.recompute"), total: nil)
        defer { recompute.finish() }
        if let head = try store.forEachListed(query, progress: { done, total in
            recompute.update(done: done, total: total)
        }, { row, evaluator in
            recompute.finish()
            profile = evaluator.profile
            catalog = evaluator.catalog
            try each(row.customer, evaluator.status(of: row.customer, today: today), evaluator.profile, row.renewsOn)
        }) {
            if head.listed == 0 {
                profile = try store.profile()
                catalog = try store.catalog()
            }
            return SelectionRead(profile: profile, catalog: catalog, headSeq: head.seq, headHash: head.hash,
                                 listed: head.listed, totalCustomers: head.totalCustomers)
        }
        if query.followUp != nil || query.reseller != nil {
            return try forEachFollowUp(query, each)
        }
        let needle = CustomerSearch.query(query.search)
        var listed = 0
        // Read before the customers: the store answers one read at a time.
        let current = try self.evaluator()
        var failure: (any Error)?
        let header = try store.readCustomers { customer, _ in
            guard failure == nil else { return }
            do {
                let report = current.status(of: customer, today: today)
                if let filter = query.status, !filter.contains(report.status) { return }
                if !needle.isEmpty, !CustomerSearch.matches(CustomerSearch.folded(customer, profile: current.profile), query: needle) { return }
                listed += 1
                try each(customer, report, current.profile, nil)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return SelectionRead(profile: header.profile, catalog: header.catalog, headSeq: header.headSeq, headHash: header.headHash,
                             listed: listed, totalCustomers: header.totalCustomers)
    }

    /// `forEachSelected` for commands that format and write every row (`list --json`,
    /// `export`): the store is read on this thread while another formats and writes
    /// (`SecondCore`), batch by batch and in order; `format` may run on either thread,
    /// `write` on the other one only.
    @discardableResult
    func streamSelected<Chunk: Sendable>(_ selection: Selection,
                                         format: @escaping @Sendable ([(customer: Customer, report: StatusReport, profile: PartnerProfile)]) throws -> Chunk,
                                         write: @escaping (Chunk) throws -> Void) throws -> SelectionRead {
        let lane = SecondCore<(customer: Customer, report: StatusReport, profile: PartnerProfile), Chunk>(format: format, write: write)
        do {
            let read = try forEachSelected(selection) { customer, report, profile in
                try lane.send((customer, report, profile))
            }
            try lane.finish()
            return read
        } catch {
            lane.abandon()
            throw error
        }
    }

    public func list(_ selection: Selection, json: Bool, to output: Output) throws {
        if json {
            // The same text as `InterchangeJSON.encoder()`, without its cost per row.
            let encoder = CompactJSONEncoder()
            try streamSelected(selection) { rows in
                try rows.map { try encoder.encode(CustomerJSON($0.customer, report: $0.report, profile: $0.profile, includeSubscriptions: false)) }
            } write: { lines in
                for line in lines { output.json(line) }
                try output.check()
            }
            try output.finish()
            return
        }
        var header = [tr("col.status"), tr("col.company"), tr("col.domain"), tr("col.country"), tr("col.cloud"),
                      tr("col.reseller"), tr("col.agreement"), tr("col.date"), tr("col.contact")]
        let listQuery = try query(selection)
        let followUp = listQuery.followUp
        // Every list of customers waiting for an answer says how long and where the request went.
        var waiting = listQuery.status == .status(.requested)
        switch followUp {
        case .waitingOver?: waiting = true
        case .renewingWithin?: header.insert(tr("col.renews"), at: 1)
        case nil: break
        }
        if waiting { header.insert(contentsOf: [tr("col.waiting"), tr("col.sentTo")], at: 1) }
        // Printed as it is read (the first rows size the columns): memory stays flat.
        let table = StreamedTextTable(TextTable(header: header)) { output.line($0) }
        var resellers: [String: String]?
        let read = try forEachSelectedRow(selection) { customer, report, profile, renewsOn in
            let names = resellers ?? Dictionary(profile.resellers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            resellers = names
            let c = customer.confirmation
            var cells = [report.status.label(for: profile.role), customer.companyName, customer.primaryDomain,
                         customer.country, customer.cloud.displayName, customer.resellerId.map { names[$0] ?? $0 } ?? "",
                         c?.agreementType.shortName ?? "", c?.dateAgreed.iso ?? "", c?.contact.fullName ?? ""]
            // A follow-up list says what it is about first: how long waiting, when it renews.
            if case .renewingWithin? = followUp { cells.insert(renewsOn?.iso ?? "", at: 1) }
            if waiting {
                cells.insert(contentsOf: [report.daysWaiting.map { tr("cli.list.days", $0) } ?? "", customer.request?.sentTo ?? ""], at: 1)
            }
            table.add(cells)
        }
        table.finish()
        try output.finish()
        notice(tr("cli.list.count", read.listed, read.totalCustomers))
    }

    // MARK: show, check

    public func show(_ text: String, json: Bool, to output: Output) throws {
        let customer = try store.resolve(text)
        let evaluator = try self.evaluator()
        let report = evaluator.status(of: customer, today: today)
        let events = try store.history(of: customer.tenantId)
        if json {
            var shown = CustomerJSON(customer, report: report, profile: evaluator.profile, includeSubscriptions: true)
            shown.history = HistoryJSON.entries(events)
            shown.notes = NoteJSON.notes(events)
            output.json(try InterchangeJSON.encoder().encode(shown))
            try output.finish()
            return
        }
        let history = StoredEvent.historyEntries(events)
        // The same summary the app's detail screen draws (values already escaped there).
        let summary = CustomerSummary(customer, evaluator: evaluator, today: today, history: history, reader: .commandLine)
        let lines = summary.lines(pad: { $0.padded(toWidth: $1) })
        for line in lines { output.line(line.text) }
        try output.finish()
    }

    /// The gate's answer, printed on standard output whether allowed or blocked (as a line,
    /// or with `json` as one JSON object, `CheckJSON`); returns it so the caller can set the
    /// exit code (3 when blocked).
    @discardableResult
    public func check(_ text: String, transaction: Transaction, channel: Channel, asOf: Day?, json: Bool = false,
                      to output: Output) throws -> GateDecision {
        var customer = try store.resolve(text)
        if let asOf, asOf != today {
            // As recorded on that day: later acceptances, requests and withdrawals had not happened yet.
            let history = try store.history(of: customer.tenantId).map { (seq: $0.seq, event: try $0.event()) }
            customer = customer.asOf(asOf, history: history)
        }
        let evaluator = try self.evaluator()
        let day = asOf ?? today
        let decision = evaluator.check(customer, transaction, channel: channel, asOf: day)
        if json {
            let answer = CheckJSON(customer: customer, report: evaluator.status(of: customer, today: day), decision: decision,
                                   transaction: transaction, channel: channel, asOf: day)
            output.json(try InterchangeJSON.encoder().encode(answer))
        } else {
            output.line("\(UntrustedText.escaped(customer.companyName)): \(transaction.displayName) — \(UntrustedText.escaped(decision.description))")
        }
        try output.finish()
        return decision
    }

    // MARK: changes

    /// Finds `customer` (tenant id, domain or part of the name), runs the change `command`
    /// makes for its tenant id, and reports it with `done` (given the company name).
    public func execute(on customer: String, _ command: (String) -> StoreCommand, done: (String) -> String) throws {
        let target = try store.resolve(customer)
        try execute(command(target.tenantId), done: done(UntrustedText.escaped(target.companyName)))
    }

    /// Runs a change of policy (a template added or retired, the profile set): first
    /// prints how many customers change status; when any do, goes on only with `yes`, or
    /// when a person at a terminal answers y. Otherwise nothing is saved (exit 2).
    public func executePolicyChange(_ command: StoreCommand, yes: Bool, done: String) throws {
        if let impact = try store.statusImpact(of: command) {
            notice(impact.description)
            if impact.movesAnyone && !yes {
                guard isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 else {
                    throw CommandError.input(tr("impact.confirmYes"))
                }
                writeStandardError(tr("impact.prompt"))
                let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                guard answer == "y" || answer == "yes" else { throw CommandError.input(tr("impact.cancelled")) }
            }
        }
        try execute(command, done: done)
    }

    /// Runs one change and reports it; warnings go to standard error.
    public func execute(_ command: StoreCommand, done: String) throws {
        // A change of policy re-evaluates every customer: a bar on a terminal while it does.
        let progress = ProgressBar(label: tr("progress.recompute"), total: nil)
        let outcome: SaveOutcome
        do {
            outcome = try store.execute(command) { done, total in progress.update(done: done, total: total) }
            progress.finish()
        } catch {
            progress.finish()
            throw error
        }
        for warning in outcome.warnings { notice(tr("cli.warning", warning.description)) }
        if let seq = outcome.seq {
            notice(done + " " + tr("cli.eventNumber", seq))
        } else {
            notice(tr("cli.unchanged"))
        }
    }

    // MARK: demo

    /// Fills the store with `customers` demo customers; the store refuses one that has
    /// customers or a partner profile of its own (checked inside its write transaction).
    public func loadDemo(customers: Int, seed: UInt64) throws -> Int {
        let progress = ProgressBar(label: tr("progress.demo"), total: customers)
        defer { progress.finish() }
        return try store.loadDemo(DemoGenerator(customers: customers, seed: seed, today: today)) { done, total in
            progress.update(done: done, total: total)
        }
    }
}
