import Foundation

/// The customers CSV for people: one row per customer with its current consent record.
/// `import --format customers` reads what `export --format csv` writes.
public enum CustomerRow {
    public static let header = [
        "tenantId", "companyName", "domains", "country", "cloud", "reseller", "status",
        "agreementType", "templateId", "dateAgreed", "firstName", "lastName", "email", "phoneNumber",
        "partnerUserId", "employee", "evidence", "collectedBy", "recordedAt",
        "requestSentTo", "requestDate", "withdrawalDate", "withdrawalReason",
    ]

    /// The values of `customer` in header order.
    public static func fields(_ customer: Customer, status: ConsentStatus) -> [String] {
        let c = customer.confirmation
        return [
            customer.tenantId, customer.companyName, customer.domains.joined(separator: " "), customer.country,
            customer.cloud.rawValue, customer.resellerId ?? "", status.cliName,
            c?.agreementType.rawValue ?? "", c?.templateId ?? "", c?.dateAgreed.iso ?? "",
            c?.contact.firstName ?? "", c?.contact.lastName ?? "", c?.contact.email ?? "", c?.contact.phoneNumber ?? "",
            c?.partnerUserId ?? "", c?.employee ?? "", c?.evidence ?? "", c?.collectedByResellerId ?? "",
            c.map { ISO8601.string($0.recordedAt) } ?? "",
            customer.request?.sentTo ?? "", customer.request?.date.iso ?? "",
            customer.withdrawal?.date.iso ?? "", customer.withdrawal?.reason ?? "",
        ]
    }

    /// What one row asks for: the customer, and a confirmation, request and withdrawal
    /// where the row has them.
    public struct Parsed: Hashable, Sendable {
        public var customer: CustomerDraft
        public var confirmation: ConfirmationDraft?
        public var request: RequestDraft?
        public var withdrawal: WithdrawalDraft?
    }

    /// Reads a row by header name.
    public static func parse(_ fields: [String: String]) -> Parsed {
        func value(_ name: String) -> String { fields[name] ?? "" }
        let customer = CustomerDraft(tenantId: value("tenantId"), companyName: value("companyName"),
                                     domains: value("domains"), country: value("country"),
                                     cloud: value("cloud").isEmpty ? "global" : value("cloud"), reseller: value("reseller"))
        var parsed = Parsed(customer: customer)
        let hasConfirmation = ["dateAgreed", "firstName", "lastName", "email"].contains { !value($0).isEmpty }
        if hasConfirmation {
            parsed.confirmation = ConfirmationDraft(
                dateAgreed: value("dateAgreed"), firstName: value("firstName"), lastName: value("lastName"),
                email: value("email"), phoneNumber: value("phoneNumber"), templateId: value("templateId"),
                partnerUserId: value("partnerUserId"), employee: value("employee"), evidence: value("evidence"),
                reseller: value("collectedBy"))
        }
        if !value("requestSentTo").isEmpty || !value("requestDate").isEmpty {
            parsed.request = RequestDraft(sentTo: value("requestSentTo"), date: value("requestDate"))
        }
        if !value("withdrawalDate").isEmpty || !value("withdrawalReason").isEmpty {
            parsed.withdrawal = WithdrawalDraft(date: value("withdrawalDate"), reason: value("withdrawalReason"))
        }
        return parsed
    }
}

/// ISO 8601 timestamps in UTC.
public enum ISO8601 {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let plain = Date.ISO8601FormatStyle()

    /// `2026-11-25T12:00:00.000Z`.
    public static func string(_ date: Date) -> String { withFraction.format(date) }

    /// Parses with or without fractional seconds.
    public static func date(_ text: String) -> Date? {
        (try? withFraction.parse(text)) ?? (try? plain.parse(text))
    }
}
