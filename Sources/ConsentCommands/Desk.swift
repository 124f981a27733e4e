import ConsentModel
import ConsentStore
import Foundation

/// The command line's view of one store: the commands scripts and support desks run.
public struct Desk {
    public let store: ConsentStore
    public let clock: any Clock

    public init(store: ConsentStore, clock: any Clock) {
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

    /// The store's query for `selection`; a `--status` that is none is refused.
    func query(_ selection: Selection) throws -> ListQuery {
        var query = ListQuery(search: selection.search ?? "")
        if let name = selection.status {
            guard let filter = StatusFilter(cliName: name) else {
                throw CommandError.input(tr("cli.badStatus", UntrustedText.escaped(name), StatusFilter.cliNames.joined(separator: ", ")))
            }
            query.status = filter
        }
        return query
    }

    /// Hands each selected customer (without subscriptions), in company order, to `each`
    /// as it is read, with its status report: the store filters and searches through its
    /// indexes in one read transaction, so memory stays flat however large the store is. A
    /// read-only store whose stored statuses are not today's is evaluated here instead,
    /// still one customer at a time.
    @discardableResult
    func forEachSelected(_ selection: Selection, _ each: (Customer, StatusReport, PartnerProfile) throws -> Void) throws -> SelectionRead {
        let query = try self.query(selection)
        let today = self.today
        var profile = PartnerProfile.unnamed
        var catalog = TemplateCatalog.default
        if let head = try store.forEachListed(query, { row, evaluator in
            profile = evaluator.profile
            catalog = evaluator.catalog
            try each(row.customer, evaluator.status(of: row.customer, today: today), evaluator.profile)
        }) {
            if head.listed == 0 {
                profile = try store.profile()
                catalog = try store.catalog()
            }
            return SelectionRead(profile: profile, catalog: catalog, headSeq: head.seq, headHash: head.hash,
                                 listed: head.listed, totalCustomers: head.totalCustomers)
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
                try each(customer, report, current.profile)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return SelectionRead(profile: header.profile, catalog: header.catalog, headSeq: header.headSeq, headHash: header.headHash,
                             listed: listed, totalCustomers: header.totalCustomers)
    }

    public func list(_ selection: Selection, json: Bool, to output: Output) throws {
        if json {
            let encoder = InterchangeJSON.encoder()
            try forEachSelected(selection) { customer, report, _ in
                output.json(try encoder.encode(CustomerJSON(customer, report: report, includeSubscriptions: false)))
            }
            try output.finish()
            return
        }
        var table = TextTable(header: [tr("col.status"), tr("col.company"), tr("col.domain"), tr("col.country"),
                                       tr("col.cloud"), tr("col.reseller"), tr("col.agreement"), tr("col.date"), tr("col.contact")])
        var resellers: [String: String]?
        let read = try forEachSelected(selection) { customer, report, profile in
            let names = resellers ?? Dictionary(profile.resellers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            resellers = names
            let c = customer.confirmation
            table.add([report.status.label(for: profile.role), customer.companyName, customer.primaryDomain,
                       customer.country, customer.cloud.displayName, customer.resellerId.map { names[$0] ?? $0 } ?? "",
                       c?.agreementType.shortName ?? "", c?.dateAgreed.iso ?? "", c?.contact.fullName ?? ""])
        }
        for line in table.render() { output.line(line) }
        try output.finish()
        notice(tr("cli.list.count", read.listed, read.totalCustomers))
    }

    // MARK: show, check

    public func show(_ text: String, json: Bool, to output: Output) throws {
        let customer = try store.resolve(text)
        let evaluator = try self.evaluator()
        let report = evaluator.status(of: customer, today: today)
        if json {
            output.json(try InterchangeJSON.encoder(pretty: true).encode(
                CustomerJSON(customer, report: report, includeSubscriptions: true)))
            try output.finish()
            return
        }
        let profile = evaluator.profile
        func field(_ label: String, _ value: String) { output.line("\(label.padded(toWidth: 22)) \(UntrustedText.escaped(value))") }
        output.line(UntrustedText.escaped(customer.companyName))
        field(tr("col.status"), report.status.label(for: profile.role) + (report.outdatedReason.map { " — \($0)" } ?? "")
              + (report.daysWaiting.map { " — " + tr("cli.daysWaiting", $0) } ?? ""))
        field(tr("field.tenantId"), customer.tenantId)
        field(tr("field.domains"), customer.domains.joined(separator: ", "))
        field(tr("field.country"), customer.country)
        field(tr("field.cloud"), customer.cloud.displayName)
        if let id = customer.resellerId { field(tr("field.reseller"), profile.reseller(id)?.name ?? id) }
        output.line()
        if let c = customer.confirmation {
            output.line(tr("detail.confirmation"))
            field(tr("field.template"), "\(c.agreementType.displayName) (\(c.templateId))")
            field(tr("field.dateAgreed"), c.dateAgreed.iso)
            field(tr("detail.contact"), "\(c.contact.fullName) <\(c.contact.email)>" + (c.contact.phoneNumber.map { " \($0)" } ?? ""))
            field(tr("field.partnerUserId"), c.partnerUserId)
            field(tr("field.employee"), c.employee)
            field(tr("field.evidence"), c.evidence ?? "—")
            if let r = c.collectedByResellerId { field(tr("field.reseller"), profile.reseller(r)?.name ?? r) }
            field(tr("detail.recordedAt"), ISO8601.string(c.recordedAt))
        } else {
            output.line(tr("detail.noConfirmation"))
        }
        if let r = customer.request { field(tr("detail.request"), "\(r.sentTo), \(r.date.iso)") }
        if let w = customer.withdrawal { field(tr("detail.withdrawal"), "\(w.date.iso): \(w.reason)") }
        output.line()
        output.line(tr("detail.gate"))
        for transaction in Transaction.allCases {
            field(transaction.displayName, evaluator.check(customer, transaction, channel: .api, asOf: today).description)
        }
        if !customer.subscriptions.isEmpty {
            output.line()
            output.line(tr("detail.subscriptions"))
            for s in customer.subscriptions {
                let cancel = report.status == .withdrawn ? "  ✖ " + tr("detail.mustCancel") : ""
                output.line("  \(UntrustedText.escaped(s.offer)) · \(tr("detail.seats", s.seats)) · \(s.autoRenew ? tr("detail.autoRenew") : tr("detail.manualRenew"))\(cancel)")
            }
        }
        output.line()
        output.line(tr("detail.history"))
        for event in try store.history(of: customer.tenantId) {
            let summary = (try? event.event().summary) ?? event.kind
            output.line("  #\(event.seq)  \(ISO8601.string(event.at).prefix(19))  \(UntrustedText.escaped(event.employee))  \(UntrustedText.escaped(summary))")
        }
        try output.finish()
    }

    /// The gate's answer; throws `CommandError.blocked` when blocked.
    public func check(_ text: String, transaction: Transaction, channel: Channel, asOf: Day?, to output: Output) throws {
        let customer = try store.resolve(text)
        let decision = try evaluator().check(customer, transaction, channel: channel, asOf: asOf ?? today)
        let line = "\(UntrustedText.escaped(customer.companyName)): \(transaction.displayName) — \(UntrustedText.escaped(decision.description))"
        if decision.isAllowed {
            output.line(line)
            try output.finish()
        } else {
            throw CommandError.blocked(line)
        }
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
                FileHandle.standardError.write(Data(tr("impact.prompt").utf8))
                let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                guard answer == "y" || answer == "yes" else { throw CommandError.input(tr("impact.cancelled")) }
            }
        }
        try execute(command, done: done)
    }

    /// Runs one change and reports it; warnings go to standard error.
    public func execute(_ command: StoreCommand, done: String) throws {
        let outcome = try store.execute(command)
        for warning in outcome.warnings { notice(tr("cli.warning", warning.description)) }
        notice(outcome.seq == nil ? tr("cli.unchanged") : done + " " + tr("cli.eventNumber", outcome.seq!))
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
