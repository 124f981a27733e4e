import Foundation

/// The customers CSV for people: one row per customer with its current consent record.
/// `import --format customers` reads what `export --format csv` writes.
public enum CustomersCSVRow {
    /// For a spreadsheet: `reseller` is the reseller's name (its id in `resellerId`), `cloud`
    /// the words people use (`CloudInstance.spreadsheetName`); the importer reads these and
    /// the older spellings (a reseller id in `reseller`, `usGovernment`).
    public static let header = [
        "tenantId", "companyName", "domains", "country", "cloud", "reseller", "resellerId", "status",
        "agreementType", "templateId", "dateAgreed", "firstName", "lastName", "email", "phoneNumber",
        "partnerUserId", "employee", "evidence", "collectedBy", "recordedAt",
        "requestSentTo", "requestDate", "requestNote", "withdrawalDate", "withdrawalReason",
    ]

    /// The values of `customer` in header order; `resellerNames` maps reseller ids to names
    /// (an id it lacks is shown as the name too).
    public static func fields(_ customer: Customer, status: ConsentStatus, resellerNames: [String: String] = [:]) -> [String] {
        let c = customer.confirmation
        return [
            customer.tenantId, customer.companyName, customer.domains.joined(separator: " "), customer.country,
            customer.cloud.spreadsheetName, customer.resellerId.map { resellerNames[$0] ?? $0 } ?? "", customer.resellerId ?? "",
            status.cliName,
            c?.agreementType.rawValue ?? "", c?.templateId ?? "", c?.dateAgreed.iso ?? "",
            c?.contact.firstName ?? "", c?.contact.lastName ?? "", c?.contact.email ?? "", c?.contact.phoneNumber ?? "",
            c?.partnerUserId ?? "", c?.employee ?? "", c?.evidence ?? "", c?.collectedByResellerId ?? "",
            c.map { ISO8601.string($0.recordedAt) } ?? "",
            customer.request?.sentTo ?? "", customer.request?.date.iso ?? "", customer.request?.note ?? "",
            customer.withdrawal?.date.iso ?? "", customer.withdrawal?.reason ?? "",
        ]
    }

    /// The column of `header` that `name` is (letter case and surrounding spaces ignored).
    public static func column(named name: String) -> String? {
        let key = name.trimmingCharacters(in: .whitespaces)
        return header.first { $0.caseInsensitiveCompare(key) == .orderedSame }
    }

    /// What one row asks for. The file merges into the store: a column the file lacks
    /// means "unchanged", so each draft takes the stored value for it.
    public struct Parsed: Hashable, Sendable {
        /// The row's cells by column name (`header`'s spelling); columns the file lacks are absent.
        public var fields: [String: String]

        public init(fields: [String: String]) { self.fields = fields }

        /// The customer as a new one (columns the file lacks take their defaults).
        public var customer: CustomerDraft { customerDraft(over: nil) }

        /// The customer as the row edits `existing`: the row's value where the file has the
        /// column, the stored one where it does not.
        public func customerDraft(over existing: Customer?) -> CustomerDraft {
            var draft = existing.map(CustomerDraft.init(editing:)) ?? CustomerDraft()
            if let value = fields["tenantId"] { draft.tenantId = value }
            if let value = fields["companyName"] { draft.companyName = value }
            if let value = fields["domains"] { draft.domains = value }
            if let value = fields["country"] { draft.country = value }
            if let value = fields["cloud"] { draft.cloud = value.trimmingCharacters(in: .whitespaces).isEmpty ? "global" : value }
            // The id column wins; a file without it (or with it empty) names the reseller in `reseller`.
            if let value = fields["reseller"] { draft.reseller = value }
            if let value = fields["resellerId"], !value.trimmingCharacters(in: .whitespaces).isEmpty || fields["reseller"] == nil {
                draft.reseller = value
            }
            return draft
        }

        /// The confirmation the row holds, or nil when it holds none (the stored one is then
        /// left as it is). Acceptance columns the file lacks are taken from `stored`; who
        /// confirmed and the evidence belong to one acceptance and are not carried over.
        public func confirmationDraft(over stored: Confirmation?) -> ConfirmationDraft? {
            guard ["dateAgreed", "firstName", "lastName", "email"].contains(where: { !blank($0) }) else { return nil }
            func value(_ name: String, _ storedValue: String?) -> String { fields[name] ?? storedValue ?? "" }
            let namesTemplate = fields["templateId"] != nil || fields["agreementType"] != nil
            return ConfirmationDraft(
                dateAgreed: value("dateAgreed", stored?.dateAgreed.iso), firstName: value("firstName", stored?.contact.firstName),
                lastName: value("lastName", stored?.contact.lastName), email: value("email", stored?.contact.email),
                phoneNumber: value("phoneNumber", stored?.contact.phoneNumber),
                templateId: namesTemplate ? value("templateId", nil) : stored?.templateId ?? "",
                partnerUserId: value("partnerUserId", nil), employee: value("employee", nil), evidence: value("evidence", nil),
                reseller: value("collectedBy", nil), agreementType: value("agreementType", nil))
        }

        /// The request the row holds, or nil; columns the file lacks come from `stored`.
        public func requestDraft(over stored: ConsentRequest?) -> RequestDraft? {
            guard !blank("requestSentTo") || !blank("requestDate") else { return nil }
            return RequestDraft(sentTo: fields["requestSentTo"] ?? stored?.sentTo ?? "",
                                date: fields["requestDate"] ?? stored?.date.iso ?? "",
                                note: fields["requestNote"] ?? stored?.note ?? "")
        }

        /// The withdrawal the row holds, or nil; columns the file lacks come from `stored`.
        public func withdrawalDraft(over stored: Withdrawal?) -> WithdrawalDraft? {
            guard !blank("withdrawalDate") || !blank("withdrawalReason") else { return nil }
            return WithdrawalDraft(date: fields["withdrawalDate"] ?? stored?.date.iso ?? "",
                                   reason: fields["withdrawalReason"] ?? stored?.reason ?? "")
        }

        private func blank(_ name: String) -> Bool {
            (fields[name] ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        }
    }

    /// Reads a row by header name; only the columns the file has are kept.
    public static func parse(_ fields: [String: String]) -> Parsed {
        Parsed(fields: fields)
    }
}

/// ISO 8601 timestamps in UTC.
public enum ISO8601 {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let plain = Date.ISO8601FormatStyle()

    /// `2026-11-25T12:00:00.000Z`, to the millisecond. The milliseconds are rounded, not
    /// cut: a time read back from its own text (`.308` is 0.30799… as a `Date`) prints as
    /// the same text, so what is shown always equals what was stored and hashed.
    public static func string(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let seconds = (milliseconds / 1000).rounded(.down)
        let fraction = Int(milliseconds - seconds * 1000)
        let whole = plain.format(Date(timeIntervalSince1970: seconds))
        let digits = String(fraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Parses with or without fractional seconds.
    public static func date(_ text: String) -> Date? {
        (try? withFraction.parse(text)) ?? (try? plain.parse(text))
    }
}
