import ConsentModel
import Foundation
import GRDB

/// `verify`'s second pass: each customer's events (`events_customer` order) merged with the
/// `customers` rows (primary-key order), a batch of customers at a time. A customer's events
/// need nothing but each other (`Customer.applying`), so a batch is decoded, replayed and
/// compared with its rows on every core, and the results are taken in order. Nothing is kept
/// from one batch to the next but the first problems found.
struct CustomerReplay {
    /// The first event problem (lowest `position`), the first row that differs from its replay,
    /// and whether a replayed customer has no row.
    var eventFailure: VerifyFailure?
    var rowFailure: (seq: Int64?, problem: @Sendable () -> String)?
    /// A replayed customer that has no row: its first event and its id.
    var rowMissing: (seq: Int64?, id: String)?
    /// A renewal kept for a tenant id that has no row ("" for one that is not text).
    var strayRenewal: String?

    /// One of a customer's events, as read for the replay.
    struct Event: Sendable {
        let seq: Int64
        let kind: String?
        let customer: String
        let payload: String?
    }

    /// One customer: its events (in `seq` order) and its row, either of which may be missing.
    struct Group: @unchecked Sendable {
        var events: [Event] = []
        /// A copied row (read only from here on).
        var row: Row?
        /// Whether a text of the row held a NUL byte (the copy stops at it).
        var rowHoldsNul = false
        /// The renewal days kept for the customer (`customer_renewals`, in order); nil when
        /// the store keeps none.
        var renewals: [String]?
    }

    /// What one group gave.
    struct Outcome: Sendable {
        var eventFailure: VerifyFailure?
        var rowFailure: (seq: Int64?, problem: @Sendable () -> String)?
        var rowMissing: (seq: Int64?, id: String)?
    }

    /// Replays every customer's events before `limit` (all without one) and, with
    /// `comparingRows`, compares each with its row and, with `list`, the row's list columns.
    /// `progress` gets the number of events replayed.
    static func run(_ db: Database, before limit: Int64?, voids: ConsentStore.Voids, comparingRows: Bool,
                    list: (evaluator: ConsentEvaluator, day: Day)?, progress: (Int) -> Void) throws -> CustomerReplay {
        // Through the customer index (not a sort of every event); a store that lost the index
        // (it is not history) is still verified, SQLite sorting instead.
        func events(_ hint: String) throws -> Statement {
            let statement = try db.makeStatement(sql: """
                SELECT seq, kind, customer, payload FROM events \(hint)
                WHERE customer IS NOT NULL AND seq < ? ORDER BY customer, seq
                """)
            try statement.setArguments([limit ?? .max])
            return statement
        }
        let hasIndex = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'events_customer')") ?? false
        let eventStatement = try events(hasIndex ? "INDEXED BY events_customer" : "")
        let events = try Row.fetchCursor(eventStatement)
        let eventColumns = StatementColumns(eventStatement)
        let listColumns = list == nil ? "" : ", " + ListProjection.columns.joined(separator: ", ")
        let rowStatement = comparingRows
            ? try db.makeStatement(sql: "SELECT \(CustomerTable.columns)\(listColumns) FROM customers ORDER BY tenantId") : nil
        let rows = try rowStatement.map { try Row.fetchCursor($0) }
        let rowColumns = rowStatement.map(StatementColumns.init)
        func nextEvent() throws -> Event? {
            while try events.next() != nil {
                // A customer that is not text is the chain pass's to report (it decodes that event).
                guard let customer = eventColumns.text(2) else { continue }
                return Event(seq: eventColumns.integer(0) ?? 0, kind: eventColumns.text(1), customer: customer,
                             payload: eventColumns.text(3))
            }
            return nil
        }
        /// The next row, copied, and whether a text of it holds a NUL byte (seen before the
        /// copy: a copy's text stops at the NUL, as every reader's does).
        func nextRow() throws -> (row: Row, holdsNul: Bool)? {
            guard let row = try rows?.next() else { return nil }
            return (row.copy(), rowColumns?.holdsNul ?? false)
        }
        func key(_ row: Row) -> String? {
            if case .string(let text) = (row[0] as DatabaseValue).storage { return text }
            return nil
        }
        // The renewals kept beside the rows, merged in the same order (the index by customer).
        let keepsRenewals = comparingRows ? try db.tableExists("customer_renewals") : false
        let renewalRows = keepsRenewals
            ? try Row.fetchCursor(db, sql: "SELECT tenantId, day FROM customer_renewals ORDER BY tenantId, day") : nil
        func nextRenewal() throws -> (id: String, day: String)? {
            guard let row = try renewalRows?.next() else { return nil }
            return ((row[0] as String?) ?? "", (row[1] as String?) ?? "")
        }
        var pendingRenewal = try nextRenewal()
        var pendingEvent = try nextEvent()
        var pendingRow = try nextRow()
        var replay = CustomerReplay()
        var done = 0
        // While one batch is worked out on every core, this thread reads the next.
        let working = DispatchGroup()
        // A read that throws waits for the batch in work before the error goes on.
        defer { working.wait() }
        let worked = Worked()
        var launched = false
        var inFlight = 0
        func collect() {
            working.wait()
            launched = false
            for outcome in worked.outcomes {
                if let failure = outcome.eventFailure, failure.position < replay.eventFailure?.position ?? .max {
                    replay.eventFailure = failure
                }
                if replay.rowFailure == nil { replay.rowFailure = outcome.rowFailure }
                if replay.rowMissing == nil { replay.rowMissing = outcome.rowMissing }
            }
            worked.outcomes = []
            done += inFlight
            progress(done)
        }
        while true {
            var batch: [Group] = []
            var eventsInBatch = 0
            while batch.count < 1_024, eventsInBatch < 4_096 {
                // A row whose tenant id is not text is reported by reading it (`CustomerTable`).
                if let pending = pendingRow, key(pending.row) == nil {
                    batch.append(Group(row: pending.row, rowHoldsNul: pending.holdsNul))
                    pendingRow = try nextRow()
                    continue
                }
                // The next customer in byte order (SQLite's order of both cursors).
                let rowKey = pendingRow.flatMap { key($0.row) }
                guard let id = [pendingEvent?.customer, rowKey].compactMap({ $0 })
                    .min(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) else { break }
                var group = Group()
                if renewalRows != nil {
                    // Renewals of no customer before this one: kept for a row that is not there.
                    while let renewal = pendingRenewal, renewal.id.utf8.lexicographicallyPrecedes(id.utf8) {
                        if replay.strayRenewal == nil { replay.strayRenewal = renewal.id }
                        pendingRenewal = try nextRenewal()
                    }
                    var days: [String] = []
                    while let renewal = pendingRenewal, renewal.id.utf8.elementsEqual(id.utf8) {
                        days.append(renewal.day)
                        pendingRenewal = try nextRenewal()
                    }
                    group.renewals = days
                }
                while let event = pendingEvent, event.customer.utf8.elementsEqual(id.utf8) {
                    group.events.append(event)
                    pendingEvent = try nextEvent()
                }
                if let rowKey, rowKey.utf8.elementsEqual(id.utf8) {
                    group.row = pendingRow?.row
                    group.rowHoldsNul = pendingRow?.holdsNul ?? false
                    pendingRow = try nextRow()
                }
                eventsInBatch += group.events.count
                batch.append(group)
            }
            if launched { collect() }
            if batch.isEmpty {
                if let renewal = pendingRenewal, replay.strayRenewal == nil { replay.strayRenewal = renewal.id }
                return replay
            }
            let groups = batch
            DispatchQueue.global().async(group: working) {
                worked.outcomes = outcomes(groups, voids: voids, comparingRows: comparingRows, list: list)
            }
            launched = true
            inFlight = eventsInBatch
        }
    }

    /// The outcomes of the batch being worked out (written by its worker, read after `wait`).
    final class Worked: @unchecked Sendable {
        var outcomes: [Outcome] = []
    }

    /// Each group's outcome, worked out on every core.
    static func outcomes(_ groups: [Group], voids: ConsentStore.Voids, comparingRows: Bool,
                         list: (evaluator: ConsentEvaluator, day: Day)?) -> [Outcome] {
        EveryCore.map(groups, empty: Outcome()) { group, decoder in
            outcome(group, decoder: decoder, voids: voids, comparingRows: comparingRows, list: list)
        }
    }

    /// One customer: its events replayed in order (a voided one skipped, rule 12), then, with
    /// `comparingRows`, the replayed customer compared with its row, its `lastSeq` and its list columns.
    static func outcome(_ group: Group, decoder: StoreDecoder, voids: ConsentStore.Voids, comparingRows: Bool,
                        list: (evaluator: ConsentEvaluator, day: Day)?) -> Outcome {
        var result = Outcome()
        var customer: Customer?
        var voidable: Set<Int64> = []
        var lastSeq: Int64?
        for stored in group.events {
            let seq = stored.seq
            func failure(_ problem: @autoclosure @escaping @Sendable () -> String, naming named: Int64?? = nil) -> Outcome {
                Outcome(eventFailure: VerifyFailure(position: seq, seq: named ?? seq, problem: problem()))
            }
            guard let payload = stored.payload, let event = try? decoder.decode(ConsentEvent.self, from: payload) else {
                return failure(tr("verify.unreadable"))
            }
            if event.kind != stored.kind || event.tenantId != stored.customer { return failure(tr("verify.hashMismatch")) }
            if case .voided(_, let target, _) = event,
               !ConsentStore.voidFits(target, before: seq, voidable: voidable, voids: voids) {
                return failure(tr("verify.badVoid", target))
            }
            if voids.targets[seq] == nil {
                do { customer = try ConsentState.customer(stored.customer, after: event, from: customer) } catch { return failure(error.description) }
            } else if !ConsentHistory.isVoidable(event) {
                return failure(tr("verify.badVoid", seq), naming: voids.targets[seq]?.by)
            }
            if ConsentHistory.isVoidable(event) { voidable.insert(seq) }
            lastSeq = seq
        }
        guard comparingRows else { return result }
        guard let row = group.row else {
            if let customer { result.rowMissing = (group.events.first?.seq, customer.tenantId) }
            return result
        }
        do {
            let stored = try ConsentStore.storedCustomer(row, replayed: customer)
            let id = stored.tenantId
            // A row the history never made: no event to name, the row is named.
            guard let customer else {
                result.rowFailure = (nil, { tr("verify.rowWithoutHistory", UntrustedText.escaped(id)) })
                return result
            }
            let storedLastSeq = try CustomerTable.lastSeq(row)
            guard stored == customer, lastSeq == storedLastSeq, !group.rowHoldsNul else {
                // Named by the event whose effect the row lacks (see `divergingSeq`).
                let parts = Self.parts(customer), storedParts = Self.parts(stored)
                let differing = parts.indices.filter { parts[$0] != storedParts[$0] }
                let seq: Int64?
                if !differing.isEmpty {
                    seq = divergingSeq(group, decoder: decoder, voids: voids) { before, after in
                        let a = Self.parts(before), b = Self.parts(after)
                        return a.isEmpty || differing.contains { a[$0] != b[$0] }
                    }
                } else if let after = group.events.first(where: { $0.seq > storedLastSeq }), lastSeq != storedLastSeq {
                    seq = after.seq
                } else {
                    seq = lastSeq
                }
                result.rowFailure = (seq, { tr("verify.projection", UntrustedText.escaped(id)) })
                return result
            }
            if let list, let column = ListProjection.mismatch(selected: row, stored, list.evaluator, day: list.day) {
                let seq = divergingSeq(group, decoder: decoder, voids: voids) { before, after in
                    guard let before, let after else { return true }
                    let a = ListProjection.values(before, list.evaluator, day: list.day)[column]?.databaseValue
                    let b = ListProjection.values(after, list.evaluator, day: list.day)[column]?.databaseValue
                    return a != b
                }
                result.rowFailure = (seq, { tr("verify.listColumn", column, UntrustedText.escaped(id)) })
            } else if let kept = group.renewals, kept != stored.subscriptions.compactMap({ $0.renewalDate?.iso }).sorted() {
                // What "renewing within" finds: one day per subscription with a renewal date.
                result.rowFailure = (nil, { tr("verify.renewals", UntrustedText.escaped(id)) })
            }
        } catch {
            // A row that cannot be read is a failed verification naming it, never an error.
            if case .damaged(let table, let row, let detail) = error {
                result.rowFailure = (nil, { tr("verify.damaged", table, UntrustedText.escaped(row), detail) })
            } else {
                result.rowFailure = (nil, { tr("verify.projectionUnreadable", error.description) })
            }
        }
        return result
    }

    /// A customer's stored parts, one by one (empty for no customer): what tells which part
    /// of a row differs from its replay.
    static func parts(_ customer: Customer?) -> [AnyHashable] {
        guard let c = customer else { return [] }
        return [c.tenantId, c.companyName, c.domains, c.country, c.cloud, c.resellerId, c.subscriptions,
                c.confirmation, c.request, c.withdrawal, c.lastWithdrawalDate, c.noteTexts]
    }

    /// The event that made a row wrong, where it can be told: replaying the customer's events
    /// again (only for a row found wrong), the last event that changed, in the replay, a part
    /// where the row differs (`changed(before, after)`): the event whose effect the row lacks
    /// or contradicts. The customer's last event when none did.
    static func divergingSeq(_ group: Group, decoder: StoreDecoder, voids: ConsentStore.Voids,
                             changed: (Customer?, Customer?) -> Bool) -> Int64? {
        var customer: Customer?
        var found: Int64?
        for stored in group.events where voids.targets[stored.seq] == nil {
            guard let payload = stored.payload, let event = try? decoder.decode(ConsentEvent.self, from: payload),
                  let next = try? ConsentState.customer(stored.customer, after: event, from: customer) else { continue }
            if changed(customer, next) { found = stored.seq }
            customer = next
        }
        return found ?? group.events.last?.seq
    }
}
