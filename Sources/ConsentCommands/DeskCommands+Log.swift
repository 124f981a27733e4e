import ConsentModel
import ConsentStore
import Foundation

extension DeskCommands {
    /// What `log` is asked for, as typed (checked by `log`).
    public struct LogOptions {
        public var since: String?
        public var until: String?
        public var employee: String?
        public var customer: String?
        public var kind: String?
        public var limit: Int
        public init(since: String? = nil, until: String? = nil, employee: String? = nil, customer: String? = nil,
                    kind: String? = nil, limit: Int = 100) {
            self.since = since
            self.until = until
            self.employee = employee
            self.customer = customer
            self.kind = kind
            self.limit = limit
        }
    }

    /// The store's query for `options`; a day, kind or limit that is none is refused.
    func activityQuery(_ options: LogOptions) throws -> ActivityQuery {
        func day(_ text: String?, _ option: String) throws -> Day? {
            guard let text else { return nil }
            guard let day = Day(strict: text.trimmingCharacters(in: .whitespaces)) else {
                throw CommandError.usage(tr("cli.log.badDay", option, UntrustedText.escaped(text)))
            }
            return day
        }
        guard options.limit > 0 else { throw CommandError.usage(tr("cli.log.badLimit", options.limit)) }
        var query = ActivityQuery(since: try day(options.since, "--since"), until: try day(options.until, "--until"))
        if let since = query.since, let until = query.until, since > until {
            throw CommandError.usage(tr("cli.log.sinceAfterUntil", since.iso, until.iso))
        }
        if let employee = options.employee?.trimmingCharacters(in: .whitespaces), !employee.isEmpty { query.employee = employee }
        if let customer = options.customer { query.customer = try store.resolve(customer).tenantId }
        if let kind = options.kind {
            // Every name between the commas counts: an empty one (`--kind ''`, `--kind ,`,
            // `a,,b`) is a wrong command line, never "no kinds".
            query.kinds = try kind.split(separator: ",", omittingEmptySubsequences: false).map { part in
                let name = part.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty, let stored = ConsentEvent.storedKind(named: name) else {
                    throw CommandError.usage(tr("cli.log.badKind", UntrustedText.escaped(name),
                                                ConsentEvent.storedKinds.map(ConsentEvent.kebabKind).joined(separator: ", ")))
                }
                return stored
            }
        }
        return query
    }

    /// `consentdesk log`: the store's history, newest first, read a page at a time through
    /// the store's indexes; a table, or JSON Lines in the stable event shape with `json`.
    public func log(_ options: LogOptions, json: Bool, to output: Output) throws {
        var query = try activityQuery(options)
        var remaining = options.limit
        let encoder = EventJSON.encoder()
        var columns = TextTable(header: [tr("col.when"), tr("col.who"), tr("col.customer"), tr("col.what")])
        columns.maximumColumnWidth = 60
        // Printed page by page (the first rows size the columns): memory stays flat.
        let table = StreamedTextTable(columns) { output.line($0) }
        var shown = 0
        while remaining > 0 {
            query.limit = min(remaining, 1_000)
            let page = try store.activity(query)
            for entry in page {
                let stored = entry.event
                let previous = stored.eventKind == .customerEdited ? try stored.customer.flatMap { try store.customerBefore(stored.seq, of: $0) } : nil
                if json {
                    let void = entry.voidedBy.map { (seq: $0, reason: entry.voidReason ?? "") }
                    output.json(try encoder.encode(EventJSON(stored, previous: previous, voidedBy: void)))
                } else {
                    table.add(escaped: [ISO8601.string(stored.at).prefix(16).replacingOccurrences(of: "T", with: " "),
                                        UntrustedText.escaped(stored.employee),
                                        UntrustedText.escaped(entry.companyName ?? stored.customer ?? "—"),
                                        "#\(stored.seq) " + (entry.voidedBy.map { tr("log.voided", $0) + " " } ?? "")
                                            + Self.what(stored, previous: previous)])
                }
            }
            shown += page.count
            remaining -= page.count
            guard page.count == query.limit, let last = page.last else { break }
            query.before = last.event.seq
        }
        if !json { table.finish() }
        try output.finish()
        if shown == options.limit { notice(tr("cli.log.more", shown)) }
    }

    /// What an event did, in a line (escaped); an edit names the fields it changed.
    static func what(_ stored: StoredEvent, previous: Customer?) -> String {
        guard let event = try? stored.event() else { return UntrustedText.escaped(stored.kind) }
        if case .customerEdited(let edited) = event, let previous {
            let fields = EventJSON.changedFields(from: previous, to: edited).map { tr("field.\($0)") }
            if !fields.isEmpty { return event.summary + " — " + tr("log.changed", fields.joined(separator: ", ")) }
        }
        return event.summary(recordedBy: stored.employee)
    }
}
