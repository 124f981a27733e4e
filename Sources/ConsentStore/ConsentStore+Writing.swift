import ConsentModel
import Foundation
import GRDB

extension ConsentStore {
    /// Runs `body` in an immediate write transaction: it waits for another desk's write
    /// to finish, and "database is locked" becomes `StoreError.busy`. A desk whose clock is
    /// behind the last recorded change writes nothing; a commit that moved the head is
    /// anchored in this desk's journal.
    func write<T>(_ body: (WriteSession) throws -> (T, commit: Bool)) throws(StoreError) -> T {
        let path = location.file.path
        var anchor: Anchor?
        let value: T
        do {
            value = try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    let now = clock.now()
                    try Self.refuseClockBehind(db, now: now)
                    let session = try WriteSession(db: db, actor: actor, now: now)
                    let startSeq = session.headSeq
                    let (value, commit) = try body(session)
                    result = value
                    if commit {
                        try session.flush()
                        if session.headSeq != startSeq {
                            // The events are the leaves of the store's Merkle tree.
                            try MerkleTable.catchUp(db)
                            let checkpoint = try signing.signing?.afterAppend(db, at: session.at, now: now)
                            anchor = Anchor(store: try StoreIdentity.id(db), seq: session.headSeq, hash: session.headHash,
                                            at: ISO8601.string(now), file: location.resolvedFilePath, checkpoint: checkpoint)
                        }
                    }
                    return commit ? .commit : .rollback
                }
                guard let result else { throw StoreError.io(tr("store.noResult")) }
                return result
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
        // The commit happened: the journal only records it, and never undoes it.
        if let anchor, let journal = anchors.journal { journal.append(anchor, protecting: location) }
        return value
    }

    /// Event times never go backwards: refuses when `now` is before the last event's time.
    static func refuseClockBehind(_ db: Database, now: Date) throws {
        guard let last = try String.fetchOne(db, sql: "SELECT at FROM events ORDER BY seq DESC LIMIT 1"),
              let lastDate = ISO8601.date(last), let nowDate = ISO8601.date(ISO8601.string(now)) else { return }
        if nowDate < lastDate { throw StoreError.clockBehind(lastRecorded: last, now: ISO8601.string(now)) }
    }

    /// Anchors every commit this store makes in `journal` (after the commit; a failure to
    /// write the journal is reported, never undoes the commit).
    public func keepAnchors(in journal: AnchorJournal) {
        anchors.journal = journal
    }

    /// Signs a checkpoint after writes (at most one per `signing.interval`) when this desk
    /// holds an active signing key of the store in `signing.folder`.
    public func signCheckpoints(with signing: CheckpointSigning) {
        self.signing.signing = signing
    }

    /// The journal this store anchors its commits in, if any.
    public var anchorJournal: AnchorJournal? { anchors.journal }

    /// Validates `command` against the stored state and records it.
    ///
    /// - Parameter expectingCustomerSeq: the customer's last event as the user saw it;
    ///   when another desk has changed the customer since, nothing is written and
    ///   `StoreError.conflict` says who did.
    @discardableResult
    public func execute(_ command: StoreCommand, expectingCustomerSeq: Int64? = nil,
                        progress: ((Int, Int) -> Void)? = nil) throws(StoreError) -> SaveOutcome {
        try write { session in
            // Told (done, total) while a change of policy re-evaluates every customer.
            session.recomputeProgress = progress
            if let expected = expectingCustomerSeq, let id = command.tenantId,
               let current = try session.customer(id), current.lastSeq != expected {
                let employee = try String.fetchOne(session.db, sql: "SELECT employee FROM events WHERE seq = ?",
                                                   arguments: [current.lastSeq]) ?? "?"
                throw StoreError.conflict(company: current.customer.companyName, employee: employee)
            }
            let (events, warnings) = try session.plan(command)
            var last: Int64?
            for event in events { last = try session.append(event) }
            return (SaveOutcome(seq: last, warnings: warnings), true)
        }
    }

    /// Validates every row, then writes according to `mode`: all or nothing, the good
    /// rows only, or nothing at all (a dry run). Each row is all or nothing by itself.
    public func runBatch(_ rows: [(line: Int, command: StoreCommand)], source: String,
                         mode: BatchMode, progress: ((Int, Int) -> Void)? = nil) throws(StoreError) -> BatchReport {
        try runBatch(rows, source: source, mode: mode, bulk: nil, progress: progress)
    }

    /// `runBatch` with the bulk path chosen (`bulk`: true or false) instead of decided by
    /// the batch's size beside the store's (nil): both write the same events and rows.
    func runBatch(_ rows: [(line: Int, command: StoreCommand)], source: String, mode: BatchMode, bulk: Bool?,
                  progress: ((Int, Int) -> Void)? = nil) throws(StoreError) -> BatchReport {
        try write { session in try session.runBatch(rows, source: source, mode: mode, bulk: bulk, progress: progress) }
    }

    /// Loads demo data through the same append path as every other change, in one write
    /// transaction that first checks, inside it, that the store has no customers and no
    /// partner profile of its own (demo data could never be removed from a real partner's
    /// history). Of two desks loading at once, one loads and the other is refused.
    /// Returns the number of events written.
    @discardableResult
    public func loadDemo(_ generator: DemoGenerator, progress: ((Int, Int) -> Void)? = nil) throws(StoreError) -> Int {
        let path = location.file.path
        return try write { session in
            if try Int.fetchOne(session.db, sql: "SELECT EXISTS (SELECT 1 FROM customers)") == 1 {
                throw StoreError.demoNeedsEmptyStore(path: path)
            }
            let profileEvents = try Int.fetchOne(session.db, sql: "SELECT COUNT(*) FROM events WHERE kind = ?",
                                                 arguments: [ConsentEvent.profileSet(.unnamed).kind]) ?? 0
            if profileEvents > 0 || session.profile != .unnamed {
                throw StoreError.demoKeepsProfile(name: session.profile.name, path: path)
            }
            // Made on the other cores and written in batches (`loadDemoData`), so memory
            // follows a few batches, not the store; the indexes (customers, events, renewals)
            // are made once at the end, the search index as the rows go in.
            var count = 0
            try ListProjection.withSearchIndexWrittenAlong(session.db) { indexNewRows in
            try session.withIndexesRebuiltAfter(on: ["customers", "events", "customer_renewals"]) {
                count = try session.loadDemoData(generator, indexNewRows: indexNewRows, progress: progress)
            }
            }
            return (count, true)
        }
    }
}
