import ConsentModel
import Foundation
import GRDB

/// The demo load on two cores: a producer thread generates each customer's events, encodes
/// and hashes them in chain order and makes the customer's final row (list columns
/// included); this thread only inserts the ready rows. The events, their payloads, hashes
/// and the rows are exactly those `append` and `flush` would write one by one.
extension WriteSession {
    /// Ready rows for a few hundred customers: their events in order, then their rows.
    struct DemoBatch: Sendable {
        var events: [[DatabaseValue]] = []
        var customers: [[DatabaseValue]] = []
        var lastSeq: Int64 = 0
        var lastHash = ""
    }

    /// Customers per batch handed from the producer to the writer.
    static let demoBatchSize = 500

    /// Writes the demo profile, then every customer of `generator` with its history, in this
    /// transaction. `progress` gets (customers written, customers). Returns the events written.
    func loadDemoData(_ generator: DemoGenerator, progress: ((Int, Int) -> Void)?) throws -> Int {
        try append(.profileSet(DemoGenerator.profile))
        // The profile's row now; no customer is stored yet, so nothing else is evaluated.
        try flush()
        let evaluator = ConsentEvaluator(profile: profile, catalog: catalog, day: today)
        let (day, at) = (today, at)
        let (startSeq, startHash) = (headSeq, headHash)
        let userId = actor.userId.isEmpty ? profile.defaultUserId : actor.userId
        let employee = actor.employee
        let pipeline = RowPipeline<DemoBatch>(capacity: 8) { pipeline in
            try Self.produceDemo(generator, into: pipeline, evaluator: evaluator, day: day, at: at,
                                 userId: userId, employee: employee, seq: startSeq, hash: startHash)
        }
        let insertEvent = try db.cachedStatement(sql: """
            INSERT INTO events (seq, at, userId, employee, kind, customer, payload, prevHash, hash, chainVersion)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let all = CustomerTable.names + ListProjection.columns
        // A plain insert: a tenant id already stored is refused, as `append` refuses it.
        let insertCustomer = try db.makeStatement(sql: "INSERT INTO customers (\(all.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: all.count).joined(separator: ",") + ")")
        var events = 1
        var added = 0
        do {
            while let batch = try pipeline.take() {
                for row in batch.events {
                    insertEvent.setUncheckedArguments(StatementArguments(row))
                    try insertEvent.execute()
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
                headSeq = batch.lastSeq
                headHash = batch.lastHash
                let before = added
                added += batch.customers.count
                if added / 10_000 != before / 10_000 || added == generator.customers { progress?(added, generator.customers) }
            }
        } catch {
            pipeline.cancel()
            throw error
        }
        return events
    }

    /// The producer's side of `loadDemoData`: hands `pipeline` batches of ready rows, the
    /// chain continuing from event `seq` with hash `hash`.
    private static func produceDemo(_ generator: DemoGenerator, into pipeline: RowPipeline<DemoBatch>,
                                    evaluator: ConsentEvaluator, day: Day, at: String, userId: String, employee: String,
                                    seq start: Int64, hash startHash: String) throws {
        struct Stopped: Error {}
        let encoder = StoreCoding.encoder
        let payloadEncoder = CompactJSONEncoder()
        let version = EventChain.currentVersion
        var seq = start
        var previous = startHash
        var batch = DemoBatch()
        batch.events.reserveCapacity(demoBatchSize * 3)
        batch.customers.reserveCapacity(demoBatchSize)
        do {
            try generator.forEachCustomer { (events: [ConsentEvent]) throws in
                var customer: Customer?
                for event in events {
                    let payload = String(decoding: try payloadEncoder.encode(event), as: UTF8.self)
                    seq += 1
                    var (who, by) = (userId, employee)
                    if case .confirmed(_, let confirmation) = event { (who, by) = (confirmation.partnerUserId, confirmation.employee) }
                    guard let hash = EventChain.hash(version: version, previous: previous, seq: seq, at: at, userId: who,
                                                     employee: by, kind: event.kind, customer: event.tenantId, payload: payload) else {
                        throw StoreError.io("chain format \(version)")
                    }
                    batch.events.append([seq.databaseValue, at.databaseValue, who.databaseValue, by.databaseValue,
                                         event.kind.databaseValue, event.tenantId.databaseValue, payload.databaseValue,
                                         previous.databaseValue, hash.databaseValue, version.databaseValue])
                    previous = hash
                    if case .customerAdded(let added) = event { customer = added } else { customer = customer?.applying(event) }
                }
                // Each call is one customer, its `customerAdded` first.
                guard let customer else { throw StoreError.io(tr("store.noResult")) }
                batch.customers.append(try CustomerTable.values(customer, seq: seq, evaluator: evaluator, day: day, encoder: encoder))
                if batch.customers.count >= demoBatchSize {
                    (batch.lastSeq, batch.lastHash) = (seq, previous)
                    guard pipeline.put(batch) else { throw Stopped() }
                    batch = DemoBatch()
                    batch.events.reserveCapacity(demoBatchSize * 3)
                    batch.customers.reserveCapacity(demoBatchSize)
                }
            }
        } catch is Stopped {
            return
        }
        if !batch.customers.isEmpty {
            (batch.lastSeq, batch.lastHash) = (seq, previous)
            _ = pipeline.put(batch)
        }
    }
}
