import ConsentModel
import ConsentStore
import Foundation

extension DeskCommands {
    /// Records the same change for several customers (`customers` as typed: tenant id,
    /// domain or part of the name) in one transaction, all or nothing. Prints one line per
    /// customer with its event number; when any customer is not found, is named twice or is
    /// refused by the rules, nothing is written and every reason is listed (exit 2).
    public func executeForEach(_ customers: [String], _ command: (String) -> StoreCommand, done: (Int) -> String,
                               to output: Output) throws {
        guard !customers.isEmpty else { throw CommandError.input(tr("cli.bulk.none")) }
        var problems: [String] = []
        var targets: [(typed: String, customer: Customer)] = []
        var seen: [String: String] = [:]
        for typed in customers {
            let shown = UntrustedText.escaped(typed)
            do {
                let customer = try store.resolve(typed)
                if let first = seen[customer.tenantId] {
                    problems.append(tr("cli.bulk.twice", shown, UntrustedText.escaped(first)))
                    continue
                }
                seen[customer.tenantId] = typed
                targets.append((typed, customer))
            } catch {
                problems.append(tr("cli.bulk.problem", shown, CommandError.wrap(error).description))
            }
        }
        let outcome = try store.executeAll(targets.map { command($0.customer.tenantId) }, checkOnly: !problems.isEmpty)
        for refusal in outcome.refusals {
            let name = UntrustedText.escaped(targets[refusal.index].customer.companyName)
            for reason in refusal.reasons { problems.append(tr("cli.bulk.problem", name, UntrustedText.escaped(reason))) }
        }
        if !problems.isEmpty {
            throw CommandError.input(([tr("cli.bulk.refused", customers.count)] + problems.map { "  " + $0 }).joined(separator: "\n"))
        }
        for (entry, target) in zip(outcome.done, targets) {
            for warning in entry.warnings {
                notice(tr("cli.warning", UntrustedText.escaped(target.customer.companyName) + ": " + warning.description))
            }
            let number = entry.seq.map { tr("cli.eventNumber", $0) } ?? tr("cli.unchanged")
            output.line(tr("cli.bulk.line", number, UntrustedText.escaped(target.customer.companyName), UntrustedText.escaped(target.customer.tenantId)))
        }
        try output.finish()
        // Only what was recorded is counted ("Nothing changed" customers are listed above).
        notice(done(outcome.done.filter { $0.seq != nil }.count))
    }

    /// The customers named one a line on standard input (blank lines skipped); text that is
    /// not UTF-8 is refused.
    public static func customersFromStandardInput() throws -> [String] {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else { throw CommandError.input(tr("cli.bulk.notText")) }
        return text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
