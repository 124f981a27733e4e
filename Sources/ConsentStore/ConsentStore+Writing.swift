import ConsentModel
import Foundation
import GRDB

extension ConsentStore {
    /// Runs `body` in an immediate write transaction: it waits for another desk's write
    /// to finish, and "database is locked" becomes `StoreError.busy`.
    func write<T>(_ body: (WriteSession) throws -> (T, commit: Bool)) throws(StoreError) -> T {
        let path = location.file.path
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    let session = try WriteSession(db: db, actor: actor, now: clock.now())
                    let (value, commit) = try body(session)
                    result = value
                    if commit { try session.flush() }
                    return commit ? .commit : .rollback
                }
                return result!
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Validates `command` against the stored state and records it.
    ///
    /// - Parameter expectingCustomerSeq: the customer's last event as the user saw it;
    ///   when another desk has changed the customer since, nothing is written and
    ///   `StoreError.conflict` says who did.
    @discardableResult
    public func execute(_ command: StoreCommand, expectingCustomerSeq: Int64? = nil) throws(StoreError) -> SaveOutcome {
        try write { session in
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
                         mode: BatchMode) throws(StoreError) -> BatchReport {
        try write { session in
            var report = BatchReport()
            report.rows = rows.count
            if !rows.isEmpty { try session.append(.imported(source: source, rows: rows.count)) }
            for (line, command) in rows {
                do {
                    let (events, warnings) = try session.plan(command)
                    if events.isEmpty { report.unchanged += 1 }
                    for event in events { try session.append(event) }
                    report.eventsWritten += events.count
                    for warning in warnings { report.warnings.append(.init(line: line, message: warning.description)) }
                } catch let error as ValidationError {
                    report.failures.append(.init(line: line, message: error.violations.map(\.reportLine).joined(separator: "\n")))
                } catch let error as ReplayError {
                    report.failures.append(.init(line: line, message: error.description))
                }
            }
            let commit: Bool
            switch mode {
            case .dryRun: commit = false
            case .allOrNothing: commit = report.failures.isEmpty && report.eventsWritten > 0
            case .skipInvalid: commit = report.eventsWritten > 0
            }
            report.wrote = commit
            return (report, commit)
        }
    }

    /// Appends trusted, already-built events (the demo generator's) in one transaction.
    /// Returns the number of events written.
    @discardableResult
    public func appendGenerated(_ events: [ConsentEvent]) throws(StoreError) -> Int {
        try write { session in
            for event in events { try session.append(event) }
            return (events.count, true)
        }
    }
}
