import ConsentModel
import Foundation
import GRDB

/// What `verify` found.
public struct VerifyReport: Sendable, Hashable, CustomStringConvertible {
    public let eventsChecked: Int
    /// The newest event's sequence number (0 for an empty history).
    public var headSeq: Int64 = 0
    /// The newest event's hash.
    public let headHash: String
    /// The first sequence number where the chain or the replay went wrong.
    public let firstBadSeq: Int64?
    public internal(set) var problem: String?
    /// How many of this desk's anchors for this store were found in it.
    public var anchorsChecked = 0
    /// The anchor journal consulted, if this desk keeps one.
    public var journalPath: String?
    /// Lines of the journal that could not be read (reported, not fatal).
    public var unreadableJournalLines: [Int] = []
    /// Why the journal could not be read at all, if it could not.
    public var journalFailure: String?
    /// Events other desks saved while verify read the store: not checked by this run.
    public var writtenMeanwhile: Int64 = 0
    /// What this run did not check, worded (plain `verify`: the search index word by word).
    public var notChecked: [String] = []

    public var isValid: Bool { firstBadSeq == nil && problem == nil }

    public var description: String {
        var lines: [String]
        if let problem {
            // A problem no event can be named for (a row the history never made) names the row.
            lines = [firstBadSeq.map { tr("verify.failed", eventsChecked, String($0), problem) }
                     ?? tr("verify.failedNoEvent", eventsChecked, problem)]
        } else {
            lines = [tr("verify.ok", eventsChecked, headHash)]
            if let journalPath { lines.append(tr("verify.anchorsOK", anchorsChecked, UntrustedText.escaped(journalPath))) }
            if writtenMeanwhile > 0 { lines.append(tr("verify.raced", Int(writtenMeanwhile), headSeq)) }
            lines += notChecked
        }
        if let journalPath, !unreadableJournalLines.isEmpty {
            lines.append(tr("verify.journalLines", UntrustedText.escaped(journalPath),
                            unreadableJournalLines.prefix(10).map(String.init).joined(separator: ", ")))
        }
        if let journalPath, let journalFailure {
            lines.append(tr("verify.journalUnreadable", UntrustedText.escaped(journalPath), journalFailure))
        }
        return lines.joined(separator: "\n")
    }
}

/// A head an auditor holds (`verify --expect SEQ:HASH`): event SEQ must exist with that hash.
public struct ExpectedHead: Hashable, Sendable {
    /// The event that must exist.
    public let seq: Int64
    /// The hash it must have (lower-case hex).
    public let hash: String

    /// Event `seq` must have `hash`.
    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// Parses `SEQ:HASH`; nil when it is not that.
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int64(parts[0]), seq > 0,
              parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit) else { return nil }
        self.init(seq: seq, hash: parts[1].lowercased())
    }
}

extension ConsentStore {
    /// Recomputes the chain (each event with the recipe it records), replays every event
    /// into a fresh state and compares it with the stored projections, then checks that
    /// the store still holds every head this desk anchored and, with `expecting`, the
    /// head an auditor holds. A row that cannot be read is a failed verification naming
    /// it (exit 4), never an error.
    ///
    /// The journal is read before the store: every anchor in it was written after its commit,
    /// so the store as read holds it, and an anchor another desk writes while verify runs
    /// (of a commit verify does not see) is never taken for a truncation. The events saved
    /// meanwhile are reported as not checked. With `full`, the search index is also compared
    /// word by word with the rows (it waits for other desks' saves while it does).
    public func verify(expecting expected: ExpectedHead? = nil, full: Bool = false,
                       progress: ((Int, Int) -> Void)? = nil) throws(StoreError) -> VerifyReport {
        let journal = anchors.journal
        var anchored: (storeId: String, reading: AnchorJournal.Reading)?
        if let journal, let storeId = try? read({ db in try StoreIdentity.read(db) ?? "" }) {
            anchored = (storeId, journal.reading(for: storeId, file: location.resolvedFilePath))
        }
        // Set once the chain is walked: a projection row that cannot be decoded after that is
        // reported as a failed verification (exit 4), not thrown.
        var walked: VerifyReport?
        var projectionsRead = false
        do {
            var report = try verify(expected, journal: journal, anchored: anchored, walked: &walked,
                                    projectionsRead: &projectionsRead, progress: progress)
            guard report.isValid else { return report }
            if full {
                if let problem = try searchIndexFullCheck(&report) {
                    report.problem = problem
                    return report
                }
            } else {
                report.notChecked.append(tr("verify.searchNotFull"))
            }
            // What other desks saved while this run read the store (a new read sees it).
            if let now = try? read({ db in try Self.head(db).seq }), now > report.headSeq {
                report.writtenMeanwhile = now - report.headSeq
            }
            return report
        } catch {
            if case .damaged(let table, let row, let detail) = error {
                var report = walked ?? VerifyReport(eventsChecked: 0, headHash: "", firstBadSeq: nil, problem: nil)
                report.problem = tr("verify.damaged", table, UntrustedText.escaped(row), detail)
                return report
            }
            guard var report = walked, !projectionsRead else { throw error }
            report.problem = tr("verify.projectionUnreadable", error.description)
            return report
        }
    }

    private func verify(_ expected: ExpectedHead?, journal: AnchorJournal?, anchored: (storeId: String, reading: AnchorJournal.Reading)?,
                        walked: inout VerifyReport?, projectionsRead: inout Bool, progress: ((Int, Int) -> Void)?) throws(StoreError) -> VerifyReport {
        try read { db in
            var previous = EventChain.genesis
            var headSeq: Int64 = 0
            var checked = 0
            func fail(_ seq: Int64?, _ problem: String) -> VerifyReport {
                var report = VerifyReport(eventsChecked: checked, headHash: previous, firstBadSeq: seq, problem: problem)
                report.headSeq = headSeq
                report.journalPath = journal?.path
                return report
            }
            // Rule 12: a first pass finds the voided events; the replay skips them.
            let voids = try Self.voids(db)
            let totalEvents = progress == nil ? 0 : Int(try Self.headSeq(db))
            // Two passes in this one read transaction, neither holding more than a batch: the chain
            // in `seq` order (and the profile and catalogue, from the events without a customer),
            // then each customer's events with its row (`CustomerReplay`). Memory does not grow with the store.
            var state = ConsentState()
            let chainFailure = try Self.walkChain(db, voids: voids, state: &state, checked: &checked, previous: &previous,
                                                  headSeq: &headSeq) { done in progress?(done / 2, totalEvents) }
            // From here a projection that cannot be read is a failed verification, not an error.
            if chainFailure == nil { walked = fail(nil, "") }
            // The list's status, sort keys and search text must be what the replay's
            // customer gives for the day they were evaluated for.
            let hasListColumns = chainFailure == nil ? try ListProjection.hasColumns(db) : false
            let listDay = hasListColumns ? try ListProjection.statusDay(db) : nil
            let replay: CustomerReplay
            do {
                replay = try CustomerReplay.run(
                    db, before: chainFailure?.position, voids: voids, comparingRows: chainFailure == nil,
                    list: listDay.map { (ConsentEvaluator(profile: state.profile, catalog: state.catalog, day: $0), $0) }
                ) { done in progress?(totalEvents / 2 + done / 2, totalEvents) }
            } catch {
                // The chain is already broken: that is the failed verification (exit 4), whatever
                // the customer pass then met (a damaged index, an unreadable row).
                if let chainFailure { return fail(chainFailure.seq, chainFailure.problem) }
                throw error
            }
            // The first bad event is the one with the lowest number either pass found.
            if let failure = replay.eventFailure, failure.position < chainFailure?.position ?? .max {
                headSeq = failure.position - 1
                checked = Int(headSeq)
                previous = headSeq == 0 ? EventChain.genesis
                    : try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [headSeq]) ?? EventChain.genesis
                return fail(failure.seq, failure.problem)
            }
            if let chainFailure { return fail(chainFailure.seq, chainFailure.problem) }
            // The projections must be what the replay gives.
            if try StateTable.profile(db) != state.profile { return fail(nil, tr("verify.projection", "profile")) }
            if try StateTable.catalog(db) != state.catalog { return fail(nil, tr("verify.projection", "catalog")) }
            if let failure = replay.rowFailure { return fail(failure.seq, failure.problem()) }
            if let missing = replay.rowMissing {
                let id = missing.id
                return fail(missing.seq, tr("verify.rowMissing", UntrustedText.escaped(id)))
            }
            // The indexes kept beside the rows: the renewals, and the search index's entries.
            if let id = replay.strayRenewal {
                return fail(nil, tr("verify.renewals", UntrustedText.escaped(id)))
            }
            if let mismatch = try Self.searchIndexMismatch(db) {
                return fail(nil, mismatch.map { tr("verify.searchIndexRow", UntrustedText.escaped($0)) } ?? tr("verify.searchIndex"))
            }
            // The Merkle tree and every checkpoint issued of it must be what the events give.
            if let tree = try Self.verifyTransparency(db) { return fail(tree.seq, tree.problem) }
            projectionsRead = true
            // Every head this desk anchored for this store must still be in it.
            var anchorsChecked = 0
            var unreadableLines: [Int] = []
            var journalFailure: String?
            if let journal {
                // The journal as read before this read began; read again only when the store's
                // identity changed in between (the file replaced while verify started).
                let storeId = try StoreIdentity.read(db) ?? ""
                let reading = anchored.flatMap { $0.storeId == storeId ? $0.reading : nil }
                    ?? journal.reading(for: storeId, file: location.resolvedFilePath)
                unreadableLines = reading.unreadableLines
                journalFailure = reading.failure
                func failing(_ anchor: Anchor, _ problem: String) -> VerifyReport {
                    var report = fail(anchor.seq, problem)
                    report.anchorsChecked = anchorsChecked
                    report.unreadableJournalLines = unreadableLines
                    report.journalFailure = journalFailure
                    return report
                }
                for anchor in reading.anchors {
                    let stored = try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [anchor.seq])
                    if stored != anchor.hash {
                        return failing(anchor, tr(stored == nil ? "verify.anchorMissing" : "verify.anchorDiffers",
                                                  anchor.seq, UntrustedText.escaped(anchor.hash),
                                                  UntrustedText.escaped(anchor.at), UntrustedText.escaped(journal.path)))
                    }
                    // A checkpoint the journal keeps holds the store to its whole history up to there.
                    if let checkpoint = anchor.checkpoint, try db.tableExists("merkle"),
                       let problem = try Self.anchoredCheckpointProblem(db, checkpoint) {
                        return failing(anchor, tr("verify.anchorCheckpoint", UntrustedText.escaped(journal.path), problem))
                    }
                    anchorsChecked += 1
                }
                // A rewrite that also changed the store's identity would have no anchors: the file gives it away.
                if let other = reading.otherStoreAtFile {
                    return failing(other, tr("verify.otherStore", UntrustedText.escaped(other.store), other.seq,
                                             UntrustedText.escaped(other.hash), UntrustedText.escaped(other.at),
                                             UntrustedText.escaped(journal.path)))
                }
            }
            var report = VerifyReport(eventsChecked: checked, headHash: previous, firstBadSeq: nil, problem: nil)
            if let expected {
                let stored = try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [expected.seq])
                if stored != expected.hash {
                    report = fail(expected.seq, stored.map { tr("verify.expectDiffers", expected.seq, expected.hash, $0) }
                                  ?? tr("verify.expectMissing", expected.seq, expected.hash, headSeq))
                }
            }
            report.headSeq = headSeq
            report.anchorsChecked = anchorsChecked
            report.journalPath = journal?.path
            report.unreadableJournalLines = unreadableLines
            report.journalFailure = journalFailure
            return report
        }
    }

    /// The chain pass: every event in `seq` order, its place, link, format and hash; the events
    /// without a customer (profile, templates, imports) decoded and replayed into `state`.
    /// Rows are read in batches; each batch's hashes and JSON are worked out on every core
    /// (they need nothing from the rows before), then checked in order. Returns the first
    /// problem, with `checked`, `previous` and `headSeq` as they stood before it.
    static func walkChain(_ db: Database, voids: Voids, state: inout ConsentState, checked: inout Int, previous: inout String,
                          headSeq: inout Int64, progress: (Int) -> Void) throws -> VerifyFailure? {
        let statement = try db.makeStatement(sql: """
            SELECT seq, at, userId, employee, kind, customer, payload, prevHash, hash, chainVersion FROM events ORDER BY seq
            """)
        let rows = try Row.fetchCursor(statement)
        let columns = StatementColumns(statement)
        var expectedSeq: Int64 = 1
        var newestVersion = 1
        // Rule 11: event times never go backwards (compared as text made to one width).
        var latestTime = ""
        // While one batch is worked out on every core, this thread reads the next.
        let working = DispatchGroup()
        // Every way out (a failure found, a row that cannot be read) waits for the batch in work.
        defer { working.wait() }
        let results = VerifyRow.Results()
        func read() throws -> [VerifyRow] {
            var batch: [VerifyRow] = []
            batch.reserveCapacity(4_096)
            while batch.count < 4_096, try rows.next() != nil { batch.append(VerifyRow(columns)) }
            return batch
        }
        func launch(_ batch: [VerifyRow]) {
            DispatchQueue.global().async(group: working) { results.worked = VerifyRow.work(batch) }
        }
        var batch = try read()
        launch(batch)
        while !batch.isEmpty {
            let next = try read()
            working.wait()
            let worked = results.worked
            launch(next)
            for (raw, work) in zip(batch, worked) {
                let seq = raw.seq
                func failure(_ problem: @autoclosure @escaping @Sendable () -> String, at position: Int64? = nil,
                             naming named: Int64?? = nil) -> VerifyFailure {
                    VerifyFailure(position: position ?? seq, seq: named ?? seq, problem: problem())
                }
                // A NUL byte hides what follows it from every reader (and from the hash as read).
                if raw.holdsNul { return failure(tr("verify.nul")) }
                guard raw.at != nil, raw.userId != nil, raw.employee != nil, let kind = raw.kind,
                      raw.payload != nil, let prevHash = raw.prevHash, let hash = raw.hash, let version = raw.version else {
                    return failure(tr("verify.unreadable"))
                }
                if seq != expectedSeq { return failure(tr("verify.gap"), at: expectedSeq, naming: expectedSeq) }
                if prevHash != previous { return failure(tr("verify.brokenLink")) }
                // The time every reader shows must be one, and never before the event before.
                guard let at = raw.at, let time = Self.comparableTime(at) else { return failure(tr("verify.badTime")) }
                if time < latestTime { return failure(tr("verify.timeBackwards")) }
                latestTime = time
                // A store never goes back to the ambiguous recipe once it has written the current one.
                if version < newestVersion {
                    let newest = newestVersion
                    return failure(tr("verify.formatWentBack", version, newest))
                }
                // Worked out from the row's own previous hash, which is `previous` here.
                guard let recomputed = work.hash else { return failure(tr("verify.unknownFormat", version)) }
                newestVersion = version
                if recomputed != hash { return failure(tr("verify.hashMismatch")) }
                // A customer's events are decoded and replayed by `CustomerReplay`.
                if raw.customer == nil {
                    guard let event = work.event else { return failure(tr("verify.unreadable")) }
                    if event.kind != kind || event.tenantId != nil { return failure(tr("verify.hashMismatch")) }
                    if let void = voids.targets[seq] {
                        // Only a customer's confirmation, request or withdrawal can be voided.
                        return failure(tr("verify.badVoid", seq), naming: void.by)
                    }
                    do { try state.apply(event) } catch { return failure(error.description) }
                }
                previous = hash
                headSeq = seq
                checked += 1
                expectedSeq += 1
                if checked % 4_096 == 0 { progress(checked) }
            }
            batch = next
        }
        working.wait()
        return nil
    }

    /// A `customers` row as stored, its subscriptions decoded (`CompactJSONDecoder`: quicker
    /// than writing the replayed customer's to compare text).
    static func storedCustomer(_ row: Row, replayed: Customer?) throws(StoreError) -> Customer {
        try CustomerTable.customer(row, subscriptions: true)
    }

    /// The store's identity: the id this desk's anchor journal files its heads under.
    public func identity() throws(StoreError) -> String? {
        try read { db in try StoreIdentity.read(db) }
    }

    /// The newest event's sequence number and hash (0 and the genesis hash when empty).
    static func head(_ db: Database) throws -> (seq: Int64, hash: String) {
        guard let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1") else {
            return (0, EventChain.genesis)
        }
        return (row[0], row[1])
    }
}

/// A problem `verify` found: `position` is the event where the walk in `seq` order meets it
/// (what decides which problem is reported first), `seq` the event the report names.
/// The words are put together where they are reported, on the caller's thread (`tr` follows
/// the caller's language, which a worker thread does not inherit).
struct VerifyFailure: Sendable {
    let position: Int64
    let seq: Int64?
    let message: @Sendable () -> String

    init(position: Int64, seq: Int64?, problem: @autoclosure @escaping @Sendable () -> String) {
        self.position = position
        self.seq = seq
        message = problem
    }

    /// What went wrong, in the caller's language.
    var problem: String { message() }
}

/// One event row as `verify` reads it, and what can be worked out from it alone.
extension ConsentStore {
    /// An event's time (`2026-11-25T12:00:00.308Z`, or whole seconds as older stores wrote
    /// it) as text of one width that sorts as the times do (the fraction to nine digits); nil
    /// for anything else, which no command can read either.
    static func comparableTime(_ at: String) -> String? {
        let bytes = Array(at.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
        let digit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        for (index, byte) in bytes.prefix(19).enumerated() {
            switch index {
            case 4, 7: guard byte == UInt8(ascii: "-") else { return nil }
            case 10: guard byte == UInt8(ascii: "T") else { return nil }
            case 13, 16: guard byte == UInt8(ascii: ":") else { return nil }
            default: guard digit(byte) else { return nil }
            }
        }
        var fraction: [UInt8] = []
        if bytes.count > 20 {
            guard bytes[19] == UInt8(ascii: "."), bytes.count - 21 >= 1, bytes.count - 21 <= 9 else { return nil }
            fraction = Array(bytes[20..<(bytes.count - 1)])
            guard fraction.allSatisfy(digit) else { return nil }
        }
        fraction += Array(repeating: UInt8(ascii: "0"), count: 9 - fraction.count)
        // Month, day, hour, minute and second within their ranges (checked by bytes: this runs per event).
        func number(_ at: Int) -> Int { Int(bytes[at] - UInt8(ascii: "0")) * 10 + Int(bytes[at + 1] - UInt8(ascii: "0")) }
        guard (1...12).contains(number(5)), (1...31).contains(number(8)), number(11) < 24, number(14) < 60, number(17) < 61 else {
            return nil
        }
        return String(decoding: bytes.prefix(19) + fraction, as: UTF8.self)
    }
}

struct VerifyRow: Sendable {
    let seq: Int64
    let at, userId, employee, kind, customer, payload, prevHash, hash: String?
    let version: Int?
    /// Whether a text column holds a NUL byte (SQLite keeps it; readers stop at it).
    let holdsNul: Bool

    /// The row `columns` stand on (read with SQLite's own functions: this runs per event).
    init(_ columns: StatementColumns) {
        seq = columns.integer(0) ?? 0
        at = columns.text(1)
        userId = columns.text(2)
        employee = columns.text(3)
        kind = columns.text(4)
        customer = columns.text(5)
        payload = columns.text(6)
        prevHash = columns.text(7)
        hash = columns.text(8)
        version = columns.integer(9).flatMap { Int(exactly: $0) }
        holdsNul = columns.holdsNul
    }

    /// The `Worked` of the batch being worked out (written by its worker, read after `wait`).
    final class Results: @unchecked Sendable {
        var worked: [Worked] = []
    }

    /// The hash recomputed with the row's previous hash, and the decoded event.
    struct Worked: Sendable {
        var hash: String?
        var event: ConsentEvent?
    }

    /// Each row's `Worked`, computed on every core; only events without a customer are decoded.
    static func work(_ rows: [VerifyRow]) -> [Worked] {
        EveryCore.map(rows, empty: Worked()) { row, decoder in
            var worked = Worked()
            if let at = row.at, let userId = row.userId, let employee = row.employee, let kind = row.kind,
               let payload = row.payload, let previous = row.prevHash, let version = row.version {
                worked.hash = EventChain.hash(version: version, previous: previous, seq: row.seq, at: at, userId: userId,
                                              employee: employee, kind: kind, customer: row.customer, payload: payload)
                if row.customer == nil { worked.event = try? decoder.decode(ConsentEvent.self, from: payload) }
            }
            return worked
        }
    }
}
