import ConsentModel
import ConsentStore
import CSV
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

extension Desk {
    /// Reads `path`, validates every row against the store, and writes per `mode`.
    /// Prints the report; throws `CommandError.badRows` when rows were refused.
    public func importFile(_ path: String, format: ImportFormat?, customer: String?, mode: BatchMode, to output: Output) throws {
        let rows = try Self.readRows(path: path, format: format, customer: customer, resolve: { try store.resolve($0).tenantId })
        let report = try store.runBatch(rows, source: (path as NSString).lastPathComponent, mode: mode)
        for failure in report.failures { output.line(tr("cli.import.rowError", failure.line, failure.message)) }
        for warning in report.warnings { output.line(tr("cli.import.rowWarning", warning.line, warning.message)) }
        let good = report.rows - report.failures.count
        switch mode {
        case .dryRun:
            notice(tr("cli.import.dryRun", report.rows, good, report.failures.count))
        case .allOrNothing where !report.failures.isEmpty:
            notice(tr("cli.import.refused", report.failures.count))
        default:
            notice(tr("cli.import.done", good, report.eventsWritten, report.unchanged, report.failures.count))
        }
        if !report.failures.isEmpty { throw CommandError.badRows(count: report.failures.count) }
    }

    /// Turns a file into numbered store commands (numbers are the file's lines).
    static func readRows(path: String, format: ImportFormat?, customer: String?,
                         resolve: (String) throws -> String) throws -> [(line: Int, command: StoreCommand)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError.input(tr("cli.import.noFile", path))
        }
        if isDirectory.boolValue {
            // A folder of `<tenantId>.json` Partner Center bodies, as `export --format partner-center` writes.
            let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
            var rows: [(Int, StoreCommand)] = []
            for (index, name) in names.enumerated() {
                let tenant = String(name.dropLast(5))
                let data = try Data(contentsOf: URL(fileURLWithPath: path).appendingPathComponent(name))
                for agreement in try decodeAgreements(data, file: name) {
                    rows.append((index + 1, .importConfirmation(tenantId: tenant, domain: "", agreement.draft)))
                }
            }
            return rows
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandError.input(tr("cli.import.noFile", path)) }
        let chosen = format ?? guessFormat(path: path, data: data)
        switch chosen {
        case .partnerCenter:
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let tenant: String
            if let customer { tenant = try resolve(customer) }
            else if UUID(uuidString: stem) != nil { tenant = stem.lowercased() }
            else { throw CommandError.input(tr("cli.import.needCustomer")) }
            return try decodeAgreements(data, file: path).enumerated().map {
                ($0.offset + 1, .importConfirmation(tenantId: tenant, domain: "", $0.element.draft))
            }
        case .attestations, .customers:
            let table = try readCSV(data, path: path)
            if chosen == .attestations {
                let missing = ["CustomerTenantId", "DateAgreed", "FirstName", "LastName", "Email"].filter { name in
                    !table.header.contains { $0.caseInsensitiveCompare(name) == .orderedSame }
                }
                if !missing.isEmpty { throw CommandError.input(tr("cli.import.missingColumns", missing.joined(separator: ", "))) }
                return table.rows.map { line, fields in
                    let row = AttestationRow(fields: fields)
                    let templateId = TemplateCatalog.default.current(of: row.agreementType, on: nil)?.templateId ?? ""
                    return (line, .importConfirmation(tenantId: row.customerTenantId, domain: row.customerDomainName,
                                                      row.draft(templateId: templateId)))
                }
            }
            let missing = ["tenantId", "companyName"].filter { !table.header.contains($0) }
            if !missing.isEmpty { throw CommandError.input(tr("cli.import.missingColumns", missing.joined(separator: ", "))) }
            return table.rows.map { ($0.line, .importCustomer(CustomerRow.parse($0.fields))) }
        }
    }

    static func decodeAgreements(_ data: Data, file: String) throws -> [PartnerCenterAgreement] {
        do {
            return try InterchangeJSON.agreements(from: data)
        } catch {
            throw CommandError.input(tr("cli.import.badJSON", file))
        }
    }

    static func guessFormat(path: String, data: Data) -> ImportFormat {
        if path.lowercased().hasSuffix(".json") || path.lowercased().hasSuffix(".jsonl") { return .partnerCenter }
        let firstLine = String(decoding: data.prefix(2000), as: UTF8.self).split(whereSeparator: \.isNewline).first ?? ""
        return firstLine.lowercased().contains("customertenantid") ? .attestations : .customers
    }

    /// A CSV file as header and rows by header name, each with its line number.
    static func readCSV(_ data: Data, path: String) throws -> (header: [String], rows: [(line: Int, fields: [String: String])]) {
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() } // Excel's byte-order mark
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw CommandError.input(tr("cli.import.badCSV", path, String(describing: error)))
        }
        guard let header = reader.headerRow?.map({ $0.trimmingCharacters(in: .whitespaces) }) else {
            throw CommandError.input(tr("cli.import.empty", path))
        }
        var rows: [(Int, [String: String])] = []
        var line = 1
        while let fields = reader.next() {
            line += 1
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var byName: [String: String] = [:]
            for (index, name) in header.enumerated() where index < fields.count { byName[name] = fields[index] }
            rows.append((line, byName))
        }
        if let error = reader.error { throw CommandError.input(tr("cli.import.badCSV", path, String(describing: error))) }
        return (header, rows)
    }
}
