import ConsentModel
import ConsentStore
import Foundation

/// Reading import files strictly: bytes are decoded without replacement, CSV is read by
/// our own RFC 4180 reader (rows keep their lines), JSON item by item. A problem of the
/// whole file throws; a problem of one row becomes that row's report line.
extension DeskCommands {
    /// The columns Microsoft's bulk attestation CSV must have.
    static let attestationColumns = ImportColumns.required(.attestations)

    /// Header names of Microsoft's .NET sample (`TenantId,Domain,Date,First Name,Last Name,Phone,Email `,
    /// with an eighth `Type` cell in its data rows), by lower-cased name.
    static let attestationAliases = [
        "tenantid": "CustomerTenantId", "domain": "CustomerDomainName", "date": "DateAgreed", "first name": "FirstName",
        "last name": "LastName", "phone": "PhoneNumber", "type": "AgreementType",
    ]

    /// Turns a file (or a folder of `<tenantId>.json` files) into import items, and notes
    /// about the whole file (columns it ignores).
    static func readItems(path: String, format: ImportFormat?, customer: String?,
                          resolve: (String) throws -> String) throws -> (items: [ImportItem], notes: [String]) {
        let name = UntrustedText.escaped((path as NSString).lastPathComponent)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError.input(tr("cli.import.noFile", UntrustedText.escaped(path)))
        }
        if isDirectory.boolValue { return (try folderItems(path), []) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError.input(tr("cli.import.noFile", UntrustedText.escaped(path)))
        }
        let text: String
        do {
            text = try ImportText.decode([UInt8](data)).text
        } catch {
            throw CommandError.input(tr("cli.import.inFile", name, error.description))
        }
        let chosen = format ?? guessFormat(path: path, text: text)
        switch chosen {
        case .partnerCenter:
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let tenant: String
            if let customer { tenant = try resolve(customer) }
            else if UUID(uuidString: stem) != nil { tenant = stem.lowercased() }
            else { throw CommandError.input(tr("cli.import.needCustomer")) }
            do {
                return (try agreementItems(text, tenant: tenant, file: nil), [])
            } catch {
                throw CommandError.input(tr("cli.import.inFile", name, error.description))
            }
        case .attestations:
            let known = ImportColumns.columns(.attestations) + attestationAliases.keys
            return try attestationItems(try csvTable(text, name: name, known: known))
        case .customers:
            return try customerItems(try csvTable(text, name: name, known: ImportColumns.columns(.customers)))
        }
    }

    /// The items of Partner Center agreement JSON for `tenant`; `file` names them in a folder.
    static func agreementItems(_ text: String, tenant: String, file: String?) throws(AgreementJSONProblem) -> [ImportItem] {
        let read = try AgreementJSONReader.read(text)
        return read.map { item in
            let place: String
            switch (item.place, file) {
            case (.item, let file?) where read.count == 1: place = tr("cli.import.place.file", file)
            case (.item(let n), let file?), (.line(let n), let file?): place = tr("cli.import.place.fileItem", file, n)
            case (.item(let n), nil): place = tr("cli.import.place.item", n)
            case (.line(let n), nil): place = tr("cli.import.place.line", n)
            }
            switch item.result {
            case .success(let agreement):
                return ImportItem(place: place, command: .importConfirmation(tenantId: tenant, domain: "", agreement.draft),
                                  notes: ImportItem.typeNotes(agreement.type.rawValue))
            case .failure(let problem):
                return ImportItem(place: place, command: nil, problems: problem.description.components(separatedBy: "\n"))
            }
        }
    }

    /// A folder of `<tenantId>.json` Partner Center bodies, as `export --format partner-center`
    /// writes it. Each problem names the file (escaped), never "line N".
    static func folderItems(_ path: String) throws -> [ImportItem] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw CommandError.input(tr("cli.import.noFile", UntrustedText.escaped(path)))
        }
        var items: [ImportItem] = []
        for name in names {
            let shown = UntrustedText.escaped(name)
            let place = tr("cli.import.place.file", shown)
            let stem = String(name.dropLast(5))
            guard UUID(uuidString: stem) != nil else {
                items.append(ImportItem(place: place, command: nil, problems: [tr("cli.import.fileNotTenant")]))
                continue
            }
            guard let data = FileManager.default.contents(atPath: (path as NSString).appendingPathComponent(name)) else {
                items.append(ImportItem(place: place, command: nil, problems: [tr("cli.import.cannotRead")]))
                continue
            }
            do {
                let text = try ImportText.decode([UInt8](data)).text
                items += try agreementItems(text, tenant: stem.lowercased(), file: shown)
            } catch let error as ImportText.DecodeError {
                items.append(ImportItem(place: place, command: nil, problems: [error.description]))
            } catch {
                items.append(ImportItem(place: place, command: nil, problems: [String(describing: error)]))
            }
        }
        return items
    }

    /// Reads CSV text with the separator its header row shows (`known` are the columns the
    /// import reads, which settle a header holding more than one); a problem of the whole
    /// file names the file.
    static func csvTable(_ text: String, name: String, known: [String] = []) throws -> CSVTable.Detected {
        do {
            return try CSVTable.readDetectingSeparator(text, known: known)
        } catch {
            // An unclosed quote names its line itself; a bad header row is named here.
            var detail = error.description
            if let line = error.line, error != .unclosedQuote(line: line) {
                detail = tr("cli.import.rowError", tr("cli.import.place.line", line), detail)
            }
            throw CommandError.input(tr("cli.import.badCSV", name, detail))
        }
    }

    /// Microsoft's bulk attestation CSV (or its .NET sample's layout), one confirmation a row.
    static func attestationItems(_ source: CSVTable.Detected) throws -> (items: [ImportItem], notes: [String]) {
        var table = source.table
        var notes = separatorNotes(source)
        table.header = table.header.map { name in
            if let canonical = AttestationRow.header.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { return canonical }
            if let alias = attestationAliases[name.lowercased()] { return alias }
            if !name.isEmpty { notes.append(tr("cli.import.ignoredColumn", UntrustedText.escaped(name))) }
            return name
        }
        // The .NET sample writes the type in an eighth cell its header does not name.
        if !table.header.contains("AgreementType"), let first = table.rows.first, first.cells.count == table.header.count + 1 {
            table.header.append("AgreementType")
        }
        let missing = attestationColumns.filter { !table.header.contains($0) }
        if !missing.isEmpty { throw missingColumns(missing, source, kind: .attestations) }
        if notes.count > separatorNotes(source).count { notes.append(tr("cli.import.acceptedColumns", ImportColumns.accepted(.attestations))) }
        let items = rowItems(table) { place, fields in
            let row = AttestationRow(fields: fields)
            let tenant = row.customerTenantId.trimmingCharacters(in: .whitespaces)
            let domain = row.customerDomainName.trimmingCharacters(in: .whitespaces)
            return ImportItem(place: place, command: .importConfirmation(tenantId: tenant, domain: domain, row.draft),
                              notes: ImportItem.typeNotes(fields["AgreementType"] ?? ""))
        }
        return (items, notes)
    }

    /// ConsentDesk's customers CSV. A column the file lacks leaves that value as stored.
    static func customerItems(_ source: CSVTable.Detected) throws -> (items: [ImportItem], notes: [String]) {
        var table = source.table
        var notes = separatorNotes(source)
        table.header = table.header.map { name in
            if let canonical = CustomersCSVRow.column(named: name) { return canonical }
            if !name.isEmpty { notes.append(tr("cli.import.ignoredColumn", UntrustedText.escaped(name))) }
            return ""
        }
        let missing = ImportColumns.required(.customers).filter { !table.header.contains($0) }
        if !missing.isEmpty { throw missingColumns(missing, source, kind: .customers) }
        if notes.count > separatorNotes(source).count { notes.append(tr("cli.import.acceptedColumns", ImportColumns.accepted(.customers))) }
        let items = rowItems(table) { place, fields in
            ImportItem(place: place, command: .importCustomer(CustomersCSVRow.parse(fields)),
                       notes: ImportItem.typeNotes(fields["agreementType"] ?? ""))
        }
        return (items, notes)
    }

    /// The note a file gets when its header row holds more than one separator: which one it
    /// was read with.
    static func separatorNotes(_ source: CSVTable.Detected) -> [String] {
        guard !source.alsoInHeader.isEmpty else { return [] }
        return [tr("cli.import.separatorChosen", source.separator.shown, source.alsoInHeader.map(\.shown).joined(separator: ", "))]
    }

    /// The refusal of a header that lacks `missing`: what was read (with which separator)
    /// and every column `kind` accepts.
    static func missingColumns(_ missing: [String], _ source: CSVTable.Detected, kind: ImportColumns.Kind) -> CommandError {
        let read = source.table.header.map { "\"\(UntrustedText.escaped($0))\"" }.joined(separator: ", ")
        var lines = [tr("cli.import.missingColumns", missing.joined(separator: ", ")),
                     tr("cli.import.columnsRead", source.separator.shown, read, ImportColumns.accepted(kind))]
        lines += separatorNotes(source)
        return CommandError.input(lines.joined(separator: "\n"))
    }

    /// Each record of `table` as an import item named by its line: a record the reader
    /// refused carries its problem; the others' cells (spreadsheet apostrophes taken off,
    /// by header name) go to `item`.
    static func rowItems(_ table: CSVTable, _ item: (_ place: String, _ fields: [String: String]) -> ImportItem) -> [ImportItem] {
        table.records().map { line, result in
            let place = tr("cli.import.place.line", line)
            switch result {
            case .failure(let problem):
                return ImportItem(place: place, command: nil, problems: [problem.description])
            case .success(let cells):
                return item(place, cells.mapValues(SpreadsheetCell.restored))
            }
        }
    }

    static func guessFormat(path: String, text: String) -> ImportFormat {
        if path.lowercased().hasSuffix(".json") || path.lowercased().hasSuffix(".jsonl") { return .partnerCenter }
        let firstLine = text.prefix(2000).split(whereSeparator: \.isNewline).first.map { $0.lowercased() } ?? ""
        let dotNetSample = firstLine.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ";", with: ",")
            .replacingOccurrences(of: "\t", with: ",").hasPrefix("tenantid,domain,date")
        return firstLine.contains("customertenantid") || dotNetSample ? .attestations : .customers
    }
}
