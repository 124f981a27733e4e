/// One row of Microsoft's bulk attestation CSV, as its sample importer and bulk tool read it.
public struct AttestationRow: Hashable, Sendable {
    /// The header, in Microsoft's order.
    public static let header = ["CustomerTenantId", "CustomerDomainName", "DateAgreed", "FirstName", "LastName",
                                "PhoneNumber", "Email", "AgreementType"]

    public var customerTenantId: String
    public var customerDomainName: String
    public var dateAgreed: String
    public var firstName: String
    public var lastName: String
    /// May be empty.
    public var phoneNumber: String
    /// Whether the file had no PhoneNumber column (then the stored phone stands).
    public var phoneNumberAbsent = false
    public var email: String
    public var agreementType: AgreementType

    /// The row for `customer`'s confirmation.
    public init(customer: Customer, confirmation: Confirmation) {
        customerTenantId = customer.tenantId
        customerDomainName = customer.primaryDomain
        dateAgreed = confirmation.dateAgreed.iso
        firstName = confirmation.contact.firstName
        lastName = confirmation.contact.lastName
        phoneNumber = confirmation.contact.phoneNumber ?? ""
        email = confirmation.contact.email
        agreementType = confirmation.agreementType
    }

    /// Reads a row by header name (any order, names case-insensitive). Missing columns
    /// are empty; the rules decide what is required. The agreement type is read with
    /// `AgreementType(parsing:)`: a known name in any case becomes its canonical spelling,
    /// anything else is kept exactly as written; an empty one stays empty (the store's
    /// required type).
    public init(fields: [String: String]) {
        let lowered = Dictionary(fields.map { ($0.key.lowercased().trimmingCharacters(in: .whitespaces), $0.value) },
                                 uniquingKeysWith: { first, _ in first })
        func value(_ name: String) -> String { lowered[name.lowercased()] ?? "" }
        customerTenantId = value("CustomerTenantId")
        customerDomainName = value("CustomerDomainName")
        dateAgreed = value("DateAgreed")
        firstName = value("FirstName")
        lastName = value("LastName")
        phoneNumber = value("PhoneNumber")
        phoneNumberAbsent = lowered["phonenumber"] == nil
        email = value("Email")
        agreementType = AgreementType(parsing: value("AgreementType"))
    }

    /// The values in header order.
    public var fields: [String] {
        [customerTenantId, customerDomainName, dateAgreed, firstName, lastName, phoneNumber, email, agreementType.rawValue]
    }

    /// The same data as a form would hold. The date may be ISO or Microsoft's M/D/YYYY.
    /// The file names a type, not a template: the store picks its template of that type
    /// current on the acceptance date.
    public var draft: ConfirmationDraft {
        var draft = ConfirmationDraft(dateAgreed: AttestationRow.normalizedDate(dateAgreed), firstName: firstName, lastName: lastName,
                                      email: email, phoneNumber: phoneNumber, agreementType: agreementType.rawValue)
        draft.phoneNumberAbsent = phoneNumberAbsent
        return draft
    }

    /// `7/28/2018` → `2018-07-28`; anything else unchanged.
    static func normalizedDate(_ text: String) -> String {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ").first?.split(separator: "/") ?? []
        guard parts.count == 3, let m = Int(parts[0]), let d = Int(parts[1]), let y = Int(parts[2]),
              let day = Day(year: y, month: m, day: d) else { return text }
        return day.iso
    }
}
