/// The columns (or JSON fields) each kind of import file reads: the one list that
/// `import --help`, docs/formats.md and every header error show, taken from the
/// interchange types themselves so the three can never disagree.
public enum ImportColumns {
    /// One kind of import file.
    public enum Kind: String, CaseIterable, Sendable {
        /// ConsentDesk's customers CSV (`CustomersCSVRow`).
        case customers
        /// Microsoft's bulk attestation CSV (`AttestationRow`).
        case attestations
        /// Partner Center agreement JSON (`PartnerCenterAgreement`).
        case partnerCenter = "partner-center"
    }

    /// The columns `kind` reads, in the order its export writes them.
    public static func columns(_ kind: Kind) -> [String] {
        switch kind {
        case .customers: return CustomersCSVRow.header
        case .attestations: return AttestationRow.header
        case .partnerCenter: return partnerCenterFields
        }
    }

    /// The columns a file of `kind` must have; the others may be left out (then the stored
    /// value stands).
    public static func required(_ kind: Kind) -> [String] {
        switch kind {
        case .customers: return ["tenantId"]
        case .attestations: return ["CustomerTenantId", "DateAgreed", "FirstName", "LastName", "Email"]
        case .partnerCenter: return ["primaryContact.firstName", "primaryContact.lastName", "primaryContact.email", "templateId", "dateAgreed", "type"]
        }
    }

    /// The fields of one Partner Center agreement object, as `AgreementJSONReader` reads them.
    static let partnerCenterFields = [
        "primaryContact.firstName", "primaryContact.lastName", "primaryContact.email", "primaryContact.phoneNumber",
        "templateId", "dateAgreed", "type", "agreementLink", "userId",
    ]

    /// The accepted columns of `kind` as one line for a person: each name, the required
    /// ones marked (`tenantId (required), companyName, …`).
    public static func accepted(_ kind: Kind) -> String {
        let needed = Set(required(kind))
        return columns(kind).map { needed.contains($0) ? tr("cli.import.columns.requiredColumn", $0) : $0 }
            .joined(separator: tr("cli.import.columns.separator"))
    }
}
