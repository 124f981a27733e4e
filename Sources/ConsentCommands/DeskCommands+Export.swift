import ConsentModel
import ConsentStore
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

extension DeskCommands {
    /// How `export` writes: where, whether it may replace existing files, and whether CSV
    /// starts with a UTF-8 byte order mark (for spreadsheets).
    public struct ExportOptions {
        /// The file (`-` or nil: standard output), or the folder for partner-center.
        public var outputPath: String?
        /// Replace existing files (never the store's, never through a link).
        public var force: Bool
        /// Start CSV with a UTF-8 byte order mark.
        public var byteOrderMark: Bool
        public init(outputPath: String? = nil, force: Bool = false, byteOrderMark: Bool = false) {
            self.outputPath = outputPath
            self.force = force
            self.byteOrderMark = byteOrderMark
        }
    }

    /// Writes the selected customers in `format`. `outputPath` is where partner-center bodies go.
    public func export(format: ExportFormat, selection: Selection, outputPath: String?) throws {
        try export(format: format, selection: selection, options: ExportOptions(outputPath: outputPath))
    }

    /// Writes the selected customers in `format`, every file through `SafeFileWriter`. The
    /// count is reported only once the file is really there.
    public func export(format: ExportFormat, selection: Selection, options: ExportOptions) throws {
        if options.byteOrderMark && format != .csv && format != .attestations {
            throw CommandError.usage(tr("cli.export.bomOnlyCSV"))
        }
        switch format {
        case .history:
            let output = try Output(path: options.outputPath, force: options.force, protecting: store.location)
            // The stable event shape (`EventJSON`), one event a line: read on this thread,
            // decoded and encoded on both cores (`SecondCore`), written in order. The compact
            // encoder writes what `EventJSON.encoder()` writes (the same settings).
            let encoder = CompactJSONEncoder()
            let lane = SecondCore<(StoredEvent, Customer?), [Data]>(format: { events in
                try events.map { try encoder.encode(EventJSON($0.0, previous: $0.1)) }
            }, write: { lines in
                for line in lines { output.json(line) }
                try output.check()
            })
            let head: StoreHead
            do {
                head = try store.forEachEventWithPrevious { stored, previous in try lane.send((stored, previous)) }
                try lane.finish()
            } catch {
                lane.abandon()
                throw error
            }
            try output.finish()
            notice(tr("cli.takenAt", head.seq, head.hash))
        case .csv, .attestations:
            let output = try Output(path: options.outputPath, force: options.force, protecting: store.location)
            if options.byteOrderMark { output.text("\u{FEFF}") }
            var written = 0
            let header = format == .csv ? CustomersCSVRow.header : AttestationRow.header
            let progress = ProgressBar(label: tr("progress.export"), total: nil)
            output.text(CSVTable.line(header, forceQuotes: false))
            // Formatted on both cores (`streamSelected`), written in order, quoted as the CSV
            // library quotes: a field with a quote, comma, CR or LF, or one a spreadsheet must
            // see quoted (`SpreadsheetCell.mustQuote`), is put in quotes with its quotes doubled;
            // rows end with LF. The header is never force-quoted.
            let read = try streamSelected(selection) { rows in
                var lines: [String] = []
                lines.reserveCapacity(rows.count)
                var resellerNames: [String: String]?
                for (customer, report, profile) in rows {
                    if format == .csv {
                        let names = resellerNames ?? Dictionary(profile.resellers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
                        resellerNames = names
                        lines.append(CSVTable.line(SpreadsheetCell.neutralised(CustomersCSVRow.fields(customer, status: report.status, resellerNames: names),
                                                                               header: header), forceQuotes: true))
                    } else if let confirmation = customer.confirmation,
                              CustomerAction.exportAcceptance.availability(for: customer, status: report.status).isAvailable {
                        lines.append(CSVTable.line(SpreadsheetCell.neutralised(AttestationRow(customer: customer, confirmation: confirmation).fields, header: header),
                                                   forceQuotes: true))
                    }
                }
                return (lines: lines, read: rows.count)
            } write: { chunk in
                for line in chunk.lines { output.text(line) }
                try output.check()
                written += chunk.lines.count
                progress.advance(by: chunk.read)
            }
            progress.finish()
            try output.finish()
            notice(tr("cli.export.done", written))
            notice(tr("cli.takenAt", read.headSeq, read.headHash))
        case .partnerCenter:
            try exportAgreementBodies(selection: selection, options: options)
        }
    }

    /// One Partner Center POST body per confirmed customer, `<tenantId>.json`, in a folder
    /// (created 0700). Names come only from tenant ids in GUID form; others are reported
    /// and skipped. Existing files are refused (all checked before any is written) unless
    /// `force`; links are never followed.
    func exportAgreementBodies(selection: Selection, options: ExportOptions) throws {
        guard let folder = options.outputPath, folder != "-" else { throw CommandError.input(tr("cli.export.needFolder")) }
        var rows: [(Customer, StatusReport)] = []
        let snapshot = try forEachSelected(selection) { customer, report, _ in rows.append((customer, report)) }
        var info = stat()
        if lstat(folder, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK { throw CommandError.store(.file(.symbolicLink(path: folder))) }
            if info.st_mode & S_IFMT != S_IFDIR { throw CommandError.input(tr("cli.export.needFolder")) }
        } else if mkdir(folder, 0o700) != 0 {
            throw CommandError.store(.file(errno == ENOENT ? .noFolder(path: folder) : .notPermitted(path: folder)))
        }
        var bodies: [(path: String, customer: Customer, confirmation: Confirmation)] = []
        for (customer, report) in rows {
            guard let confirmation = customer.confirmation,
                  CustomerAction.exportAcceptance.availability(for: customer, status: report.status).isAvailable else { continue }
            guard Self.isFileSafeTenantId(customer.tenantId) else {
                notice(tr("cli.export.badTenantId", UntrustedText.escaped(customer.tenantId)))
                continue
            }
            let path = (folder as NSString).appendingPathComponent("\(customer.tenantId).json")
            if lstat(path, &info) == 0 {
                if info.st_mode & S_IFMT == S_IFLNK { throw CommandError.store(.file(.symbolicLink(path: path))) }
                if !options.force { throw CommandError.store(.file(.exists(path: path))) }
            }
            bodies.append((path, customer, confirmation))
        }
        let encoder = InterchangeJSON.encoder(pretty: true)
        var written = 0
        // All or nothing: a failure part way (a full disk) takes back the files this run made.
        var made: [String] = []
        // A stop signal takes back the files made so far too.
        var underWay: [UnsafeMutablePointer<TemporaryFiles.Entry>] = []
        defer { underWay.forEach(TemporaryFiles.unregister) }
        do {
            for body in bodies {
                let link = snapshot.catalog.template(id: body.confirmation.templateId)?.agreementLink
                let data = try encoder.encode(PartnerCenterAgreement(body.confirmation, agreementLink: link))
                let existed = lstat(body.path, &info) == 0
                // Noted before it exists: a stop signal between its making and the next line takes it too.
                if !existed { underWay.append(TemporaryFiles.register(body.path)) }
                let output = try Output(path: body.path, force: options.force, protecting: store.location)
                output.json(data)
                try output.finish()
                if !existed { made.append(body.path) }
                written += 1
            }
        } catch {
            for path in made { unlink(path) }
            throw error
        }
        notice(tr("cli.export.folder", written, UntrustedText.escaped(folder)))
        notice(tr("cli.takenAt", snapshot.headSeq, snapshot.headHash))
    }

    /// A tenant id that may name a file: a GUID in lower case, nothing else.
    static func isFileSafeTenantId(_ id: String) -> Bool {
        id.utf8.count == 36 && UUID(uuidString: id) != nil && id == id.lowercased()
    }
}
