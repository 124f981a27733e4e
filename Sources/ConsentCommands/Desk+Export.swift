import ConsentModel
import ConsentStore
import CSV
import Foundation

/// The formats `export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// The customers CSV for people (and for `import --format customers`).
    case csv
    /// Microsoft's bulk attestation CSV: confirmed customers only.
    case attestations
    /// Partner Center POST bodies, one JSON file per customer, in a folder.
    case partnerCenter = "partner-center"
    /// The full history as JSON Lines for auditors.
    case history
}

extension Desk {
    /// Writes the selected customers in `format`. `folder` is where partner-center bodies go.
    public func export(format: ExportFormat, selection: Selection, outputPath: String?) throws {
        switch format {
        case .history:
            let output = try Output(path: outputPath)
            let head = try store.exportHistory { output.line($0) }
            notice(tr("cli.takenAt", head.seq, head.hash))
        case .csv, .attestations:
            let (snapshot, _, rows) = try selected(selection)
            let output = try Output(path: outputPath)
            var written = 0
            try writeCSV(to: output, header: format == .csv ? CustomerRow.header : AttestationRow.header) { writer in
                for (customer, report) in rows {
                    if format == .csv {
                        try writer(CustomerRow.fields(customer, status: report.status))
                        written += 1
                    } else if let confirmation = customer.confirmation, report.status != .withdrawn, report.status != .notApplicable {
                        try writer(AttestationRow(customer: customer, confirmation: confirmation).fields)
                        written += 1
                    }
                }
            }
            notice(tr("cli.export.done", written))
            notice(tr("cli.takenAt", snapshot.headSeq, snapshot.headHash))
        case .partnerCenter:
            guard let folder = outputPath else { throw CommandError.input(tr("cli.export.needFolder")) }
            let (snapshot, _, rows) = try selected(selection)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw CommandError.input(tr("cli.export.needFolder"))
            }
            if mkdir(folder, 0o700) != 0 && errno != EEXIST { throw CommandError.input(tr("cli.output.cannotWrite", folder)) }
            let encoder = InterchangeJSON.encoder(pretty: true)
            var written = 0
            for (customer, report) in rows {
                guard let confirmation = customer.confirmation, report.status != .withdrawn, report.status != .notApplicable else { continue }
                let link = snapshot.catalog.template(id: confirmation.templateId)?.agreementLink
                let body = try encoder.encode(PartnerCenterAgreement(confirmation, agreementLink: link))
                let output = try Output(path: (folder as NSString).appendingPathComponent("\(customer.tenantId).json"))
                output.line(String(decoding: body, as: UTF8.self))
                written += 1
            }
            notice(tr("cli.export.folder", written, folder))
            notice(tr("cli.takenAt", snapshot.headSeq, snapshot.headHash))
        }
    }

    /// Writes CSV through the CSV library, one row at a time.
    func writeCSV(to output: Output, header: [String], rows: ((([String]) throws -> Void)) throws -> Void) throws {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: header)
        try rows { try writer.write(row: $0) }
        stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        output.line(String(decoding: data, as: UTF8.self))
    }
}
