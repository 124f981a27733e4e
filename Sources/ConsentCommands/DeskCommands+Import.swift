import ConsentModel
import ConsentStore
import Foundation

/// The formats `import` reads.
public enum ImportFormat: String, CaseIterable, Sendable {
    /// ConsentDesk's customers CSV (what `export --format csv` writes).
    case customers
    /// Microsoft's bulk attestation CSV.
    case attestations
    /// Partner Center agreement JSON: a GET collection or single objects.
    case partnerCenter = "partner-center"
}

extension DeskCommands {
    /// Reads `path`, validates every row against the store, and writes per `mode`.
    /// Prints the report (every problem of every row, each with where it is); throws
    /// `CommandError.badRows` when rows were refused.
    public func importFile(_ path: String, format: ImportFormat?, customer: String?, mode: BatchMode, to output: Output) throws {
        let (items, fileNotes) = try Self.readItems(path: path, format: format, customer: customer,
                                                    resolve: { try store.resolve($0).tenantId })
        for note in fileNotes { output.line(note) }
        var batch: [(line: Int, command: StoreCommand)] = []
        var itemOfRow: [Int: Int] = [:]
        for (index, item) in items.enumerated() where item.problems.isEmpty {
            guard let command = item.command else { continue }
            batch.append((batch.count + 1, command))
            itemOfRow[batch.count] = index
        }
        let unreadable = items.count - batch.count
        // A file with unreadable rows writes nothing unless --skip-invalid; the rest is still checked.
        let progress = ProgressBar(label: tr("progress.import"), total: batch.count)
        let report = try store.runBatch(batch, source: (path as NSString).lastPathComponent,
                                        mode: unreadable > 0 && mode == .allOrNothing ? .dryRun : mode) { done, total in
            progress.update(done: done, total: total)
        }
        progress.finish()
        var failures: [Int: [String]] = [:], warnings: [Int: [String]] = [:]
        for failure in report.failures {
            failures[itemOfRow[failure.line] ?? -1, default: []] += failure.message.split(separator: "\n").map(String.init)
        }
        for warning in report.warnings { warnings[itemOfRow[warning.line] ?? -1, default: []].append(warning.message) }
        // A fresh store without a partner user id: said once, with the fix, not on every row.
        if try lacksPartnerUserId() {
            for line in try partnerUserIdGuidance(taking: &failures) { output.line(line) }
        }
        for (index, item) in items.enumerated() {
            for problem in item.problems + (failures[index] ?? []) { output.line(tr("cli.import.rowError", item.place, problem)) }
            for note in item.notes + (warnings[index] ?? []) { output.line(tr("cli.import.rowWarning", item.place, note)) }
        }
        let bad = unreadable + report.failures.count
        let good = items.count - bad
        switch mode {
        case _ where items.isEmpty:
            notice(tr("cli.import.noRows", UntrustedText.escaped((path as NSString).lastPathComponent)))
        case .dryRun:
            notice(tr("cli.import.dryRun", items.count, good, bad))
        case .allOrNothing where bad > 0:
            notice(tr("cli.import.refused", bad))
        case _ where bad == 0 && report.eventsWritten == 0:
            notice(tr("cli.import.unchanged", items.count))
        default:
            notice(tr("cli.import.done", good, report.eventsWritten, report.unchanged, bad))
        }
        if bad > 0 { throw CommandError.badRows(count: bad) }
    }
}
