import ConsentModel
import Foundation
import GRDB

/// A batch of rows (an import, a store copied through its export) in this transaction.
extension WriteSession {
    /// Validates every row, then writes according to `mode`; returns the report and whether
    /// to commit. A large batch (`bulk`, else decided by `isBulk`) writes its rows first and
    /// makes the indexes again once, after (`BulkIndexes`): the search index, the customers'
    /// and renewals' indexes (only those confirmations can change, when every row's customer
    /// may already be stored), and the history's when the batch is large beside it. They are
    /// paused at the first event really written: a file that changes nothing makes nothing
    /// again, and a batch that is not committed makes nothing again either.
    func runBatch(_ rows: [(line: Int, command: StoreCommand)], source: String, mode: BatchMode, bulk: Bool?,
                  progress: ((Int, Int) -> Void)?) throws -> (BatchReport, commit: Bool) {
        recomputeProgress = progress
        var report = BatchReport()
        report.rows = rows.count
        if !rows.isEmpty { try append(.imported(source: source, rows: rows.count)) }
        let stored = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers") ?? 0
        if mode != .dryRun && (bulk ?? Self.isBulk(rows: rows.count, stored: stored)) {
            let confirmationsOnly = stored >= rows.count
                && rows.allSatisfy { if case .importConfirmation = $0.command { true } else { false } }
            var targets: [BulkIndexes.Target] = [
                .init(table: "customers", touching: confirmationsOnly ? Self.confirmationColumns : nil),
                .init(table: "customer_renewals", touching: nil),
            ]
            if bulk ?? Self.isBulk(rows: rows.count, stored: Int(headSeq)) { targets.append(.init(table: "events", touching: nil)) }
            self.bulk = BulkIndexes(db, targets: targets, search: true)
        }
        defer {
            try? self.bulk?.restoreCache()
            self.bulk = nil
        }
        var done = 0
        for (line, command) in rows {
            do {
                let (events, warnings) = try plan(command)
                if events.isEmpty { report.unchanged += 1 }
                for event in events { try append(event) }
                report.eventsWritten += events.count
                for warning in warnings { report.warnings.append(.init(line: line, message: warning.description)) }
            } catch let error as ValidationError {
                report.failures.append(.init(line: line, message: error.violations.map(\.reportLine).joined(separator: "\n")))
            } catch let error as ReplayError {
                report.failures.append(.init(line: line, message: error.description))
            }
            done += 1
            if done % 1_000 == 0 { progress?(done, rows.count) }
            // The rows so far are written every few thousand (memory follows that, not the
            // file); a refusal in an all-or-nothing batch rolls all of them back.
            if done % 5_000 == 0, mode == .skipInvalid || (mode == .allOrNothing && report.failures.isEmpty) {
                try flush(forgetting: true)
            }
        }
        let commit: Bool
        switch mode {
        case .dryRun: commit = false
        case .allOrNothing: commit = report.failures.isEmpty && report.eventsWritten > 0
        case .skipInvalid: commit = report.eventsWritten > 0
        }
        report.wrote = commit
        if commit {
            // Written before the indexes are made again (the projection rows are the bulk).
            try flush()
            try self.bulk?.rebuild()
        }
        return (report, commit)
    }
}
