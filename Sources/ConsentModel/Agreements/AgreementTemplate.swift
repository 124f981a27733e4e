/// One version of an agreement, as Partner Center's agreement metadata describes it,
/// plus what the partner knows locally.
public struct AgreementTemplate: Hashable, Sendable, Codable, Identifiable {
    /// Partner Center's `templateId` (a GUID, kept in lower case).
    public var templateId: String
    public var agreementType: AgreementType
    public var agreementLink: String
    /// Higher is newer.
    public var versionRank: Int
    /// From when the template may be accepted, where known.
    public var effectiveDate: Day?
    public var retired: Bool
    public var regions: [String]
    public var languages: [String]

    public var id: String { templateId }

    public init(templateId: String, agreementType: AgreementType, agreementLink: String, versionRank: Int,
                effectiveDate: Day? = nil, retired: Bool = false, regions: [String] = [], languages: [String] = []) {
        self.templateId = templateId.normalizedLowercase
        self.agreementType = agreementType
        self.agreementLink = agreementLink
        self.versionRank = versionRank
        self.effectiveDate = effectiveDate
        self.retired = retired
        self.regions = regions
        self.languages = languages
    }

    /// The Microsoft Cloud Agreement template Partner Center published in 2018.
    public static let microsoftCloudAgreement2018 = AgreementTemplate(
        templateId: "998b88de-aa99-4388-a42c-1b3517d49490",
        agreementType: .microsoftCloudAgreement,
        agreementLink: "https://docs.microsoft.com/partner-center/agreements",
        versionRank: 0)

    /// The Microsoft Customer Agreement template.
    public static let microsoftCustomerAgreement = AgreementTemplate(
        templateId: "117a77b0-9360-443b-8795-c6dedc750cf9",
        agreementType: .microsoftCustomerAgreement,
        agreementLink: "https://aka.ms/customeragreement",
        versionRank: 0)

    /// Whether the template's effective date is still ahead on `day` (an upcoming template:
    /// listed, but current only from that day on). `day` nil: never upcoming.
    public func isUpcoming(on day: Day?) -> Bool {
        guard let day, let effectiveDate else { return false }
        return effectiveDate > day
    }

    /// How a picker names this template in `catalog` on `day`: the agreement, its version
    /// rank only where the catalogue holds several templates of the type, and where it
    /// stands ("Microsoft Customer Agreement · current, required"); never a bare "version 0".
    public func label(in catalog: TemplateCatalog, required: AgreementType, on day: Day) -> String {
        var parts = [agreementType.displayName]
        if let rank = rankLabel(in: catalog) { parts.append(rank) }
        parts.append(TemplateState(self, in: catalog, required: required, on: day).description)
        return parts.joined(separator: " · ")
    }

    /// "version rank 2" where `catalog` holds other templates of this type (the rank then
    /// tells them apart); nil when this is the only one.
    public func rankLabel(in catalog: TemplateCatalog) -> String? {
        let sameType = catalog.templates.filter { $0.agreementType == agreementType }
        return sameType.count > 1 ? tr("template.rank", versionRank) : nil
    }
}
