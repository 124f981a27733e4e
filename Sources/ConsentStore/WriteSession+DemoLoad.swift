import ConsentModel
import Foundation
import GRDB

/// The demo load on every core: a producer thread generates the customers' events in
/// batches; each batch's payloads are encoded and its customers' final rows (list columns
/// included) made on a worker; this thread hashes the events in chain order and inserts the
/// ready rows. The events, their payloads, hashes and the rows are exactly those `append`
/// and `flush` would write one by one.
extension WriteSession {
    /// One event ready to be hashed and inserted.
    struct DemoEvent: Sendable {
        let seq: Int64
        let userId: String
        let employee: String
        let kind: String
        let customer: String?
        let payload: String
    }

    /// Ready rows for a few hundred customers: their events in order, then their rows.
    struct DemoBatch: Sendable {
        var events: [DemoEvent] = []
        var customers: [[DatabaseValue]] = []
    }

    /// A batch being made on a worker, taken by the writer in order.
    final class DemoSlot: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result: Result<DemoBatch, any Error>?

        func fill(_ body: () throws -> DemoBatch) {
            result = Result { try body() }
            done.signal()
        }

        func batch() throws -> DemoBatch {
            done.wait()
            defer { done.signal() }
            guard let result else { throw StoreError.io(tr("store.noResult")) }
            return try result.get()
        }
    }

    /// Customers per batch.
    static let demoBatchSize = 500

    /// Writes the demo profile, then every customer of `generator` with its history, in this
    /// transaction; `indexNewRows` is called after every 5,000 customers (the search index is
    /// written while the workers make the next rows). `progress` gets (customers written,
    /// customers). Returns the events written.
    func loadDemoData(_ generator: DemoGenerator, indexNewRows: () throws -> Void = {},
                      progress: ((Int, Int) -> Void)?) throws -> Int {
        try append(.profileSet(DemoGenerator.profile))
        // The profile's row now; no customer is stored yet, so nothing else is evaluated.
        try flush()
        let evaluator = ConsentEvaluator(profile: profile, catalog: catalog, day: today)
        let day = today
        let startSeq = headSeq
        let userId = actor.userId.isEmpty ? profile.defaultUserId : actor.userId
        let employee = actor.employee
        // Prepared before the producer starts: a failure here leaves no thread behind.
        let insertEvent = try db.cachedStatement(sql: """
            INSERT INTO events (seq, at, userId, employee, kind, customer, payload, prevHash, hash, chainVersion)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let all = CustomerTable.names + ListProjection.columns
        // A plain insert: a tenant id already stored is refused, as `append` refuses it.
        let insertCustomer = try db.makeStatement(sql: "INSERT INTO customers (\(all.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: all.count).joined(separator: ",") + ")")
        let pipeline = RowPipeline<DemoSlot>(capacity: 8) { pipeline in
            try Self.produceDemo(generator, into: pipeline, evaluator: evaluator, day: day,
                                 userId: userId, employee: employee, seq: startSeq)
        }
        let version = EventChain.currentVersion
        var events = 1
        var added = 0
        do {
            while let slot = try pipeline.take() {
                let batch = try slot.batch()
                // The chain is hashed here, in order.
                for event in batch.events {
                    guard let hash = EventChain.hash(version: version, previous: headHash, seq: event.seq, at: at, userId: event.userId,
                                                     employee: event.employee, kind: event.kind, customer: event.customer,
                                                     payload: event.payload) else {
                        throw StoreError.io("chain format \(version)")
                    }
                    insertEvent.setUncheckedArguments([event.seq, at, event.userId, event.employee, event.kind, event.customer,
                                                       event.payload, headHash, hash, version])
                    try insertEvent.execute()
                    headSeq = event.seq
                    headHash = hash
                }
                for row in batch.customers {
                    insertCustomer.setUncheckedArguments(StatementArguments(row))
                    do {
                        try insertCustomer.execute()
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                        throw ValidationError([.customerExists(String.fromDatabaseValue(row[0]) ?? "")])
                    }
                }
                events += batch.events.count
                let before = added
                added += batch.customers.count
                if added / 5_000 != before / 5_000 { try indexNewRows() }
                if added / 10_000 != before / 10_000 || added == generator.customers { progress?(added, generator.customers) }
            }
        } catch {
            pipeline.cancel()
            throw error
        }
        return events
    }

    /// The producer's side of `loadDemoData`: hands `pipeline` a slot per batch of customers
    /// (in order) and has a worker fill it; the events are numbered from `seq` + 1.
    private static func produceDemo(_ generator: DemoGenerator, into pipeline: RowPipeline<DemoSlot>,
                                    evaluator: ConsentEvaluator, day: Day, userId: String, employee: String,
                                    seq start: Int64) throws {
        struct Stopped: Error {}
        var seq = start
        var groups: [[ConsentEvent]] = []
        groups.reserveCapacity(demoBatchSize)
        func send() throws {
            let slot = DemoSlot()
            guard pipeline.put(slot) else { throw Stopped() }
            let (work, first) = (groups, seq)
            DispatchQueue.global().async {
                slot.fill { try makeDemoBatch(work, firstSeq: first + 1, evaluator: evaluator, day: day, userId: userId, employee: employee) }
            }
            seq += Int64(groups.reduce(0) { $0 + $1.count })
            groups.removeAll(keepingCapacity: true)
        }
        do {
            try generator.forEachCustomer { (events: [ConsentEvent]) throws in
                groups.append(events)
                if groups.count >= demoBatchSize { try send() }
            }
            if !groups.isEmpty { try send() }
        } catch is Stopped {
            return
        }
    }

    /// A batch's events with their payloads (numbered from `firstSeq`) and its customers'
    /// rows; each group is one customer, its `customerAdded` first.
    private static func makeDemoBatch(_ groups: [[ConsentEvent]], firstSeq: Int64, evaluator: ConsentEvaluator, day: Day,
                                      userId: String, employee: String) throws -> DemoBatch {
        let encoder = StoreCoding.encoder
        let payloadEncoder = CompactJSONEncoder()
        var batch = DemoBatch()
        batch.events.reserveCapacity(groups.count * 3)
        batch.customers.reserveCapacity(groups.count)
        var seq = firstSeq
        for events in groups {
            var customer: Customer?
            for event in events {
                var (who, by) = (userId, employee)
                if case .confirmed(_, let confirmation) = event { (who, by) = (confirmation.partnerUserId, confirmation.employee) }
                batch.events.append(DemoEvent(seq: seq, userId: who, employee: by, kind: event.kind, customer: event.tenantId,
                                              payload: String(decoding: try payloadEncoder.encode(event), as: UTF8.self)))
                seq += 1
                if case .customerAdded(let added) = event { customer = added } else { customer = customer?.applying(event) }
            }
            guard let customer else { throw StoreError.io(tr("store.noResult")) }
            batch.customers.append(try CustomerTable.values(customer, seq: seq - 1, evaluator: evaluator, day: day, encoder: encoder))
        }
        return batch
    }
}
