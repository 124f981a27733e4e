import ConsentModel
import ConsentStore
import Foundation

/// `list --count`: how many customers a selection holds, by status, for a script or a
/// manager's question ("how many are blocked?"). Any filter `list` takes counts the same rows.
extension DeskCommands {
    /// The answer `list --count --json` prints on one line.
    struct CountJSON: Encodable {
        let count: Int
        /// Every status by its command-line spelling (`not-applicable`), also those with none.
        let byStatus: [String: Int]
    }

    /// Counts the customers `selection` lists. Plain: the number alone on standard output
    /// (what `$(consentdesk list --count)` takes), and the breakdown by status on standard
    /// error; with `json`, one line `{"byStatus":{…},"count":N}`.
    public func count(_ selection: Selection, json: Bool, to output: Output) throws {
        var byStatus: [ConsentStatus: Int] = [:]
        var role = PartnerRole.directBill
        let read = try forEachSelected(selection) { _, report, profile in
            byStatus[report.status, default: 0] += 1
            role = profile.role
        }
        if read.listed == 0 { role = read.profile.role }
        let count = byStatus.values.reduce(0, +)
        if json {
            let spelled = Dictionary(uniqueKeysWithValues: ConsentStatus.allCases.map { ($0.cliName, byStatus[$0] ?? 0) })
            output.json(try InterchangeJSON.encoder().encode(CountJSON(count: count, byStatus: spelled)))
            try output.finish()
            return
        }
        output.line(String(count))
        try output.finish()
        let parts = ConsentStatus.allCases.compactMap { status in
            byStatus[status].map { tr("cli.list.countPart", status.label(for: role), $0) }
        }
        notice(parts.isEmpty ? tr("cli.list.countNone", read.totalCustomers)
                             : tr("cli.list.countByStatus", parts.joined(separator: tr("text.listJoin")), read.totalCustomers))
    }
}
