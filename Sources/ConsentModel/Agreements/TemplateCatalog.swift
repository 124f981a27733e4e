/// The agreement templates a partner knows. Templates are added and retired,
/// never removed.
public struct TemplateCatalog: Hashable, Sendable, Codable {
    public private(set) var templates: [AgreementTemplate]

    public init(templates: [AgreementTemplate]) { self.templates = templates }

    /// The catalogue every new store starts with: both known Microsoft templates.
    public static let `default` = TemplateCatalog(templates: [
        .microsoftCustomerAgreement, .microsoftCloudAgreement2018,
    ])

    /// The template with `id` (case-insensitive).
    public func template(id: String) -> AgreementTemplate? {
        let key = id.lowercased()
        return templates.first { $0.templateId == key }
    }

    /// The current template of `type` on `day`: the highest version rank that is not
    /// retired and whose effective date (if any) has come. `day` nil ignores effective dates.
    public func current(of type: AgreementType, on day: Day?) -> AgreementTemplate? {
        templates.filter { $0.agreementType == type && !$0.retired && !$0.isUpcoming(on: day) }
            .max { $0.versionRank < $1.versionRank }
    }

    /// The template of `type` a customer accepted on `day`: the highest version rank whose
    /// effective date (if any) had come by then — retired or not, since retiring is a
    /// decision of today, not of that day. Nil when no template of the type existed yet.
    public func inEffect(of type: AgreementType, on day: Day) -> AgreementTemplate? {
        templates.filter { $0.agreementType == type && !$0.isUpcoming(on: day) }
            .max { ($0.versionRank, $0.retired ? 0 : 1) < ($1.versionRank, $1.retired ? 0 : 1) }
    }

    /// The templates whose effective date is still ahead on `day`, soonest first.
    public func upcoming(on day: Day) -> [AgreementTemplate] {
        templates.filter { !$0.retired && $0.isUpcoming(on: day) }
            .sorted { ($0.effectiveDate ?? day, $0.versionRank) < ($1.effectiveDate ?? day, $1.versionRank) }
    }

    /// Adds a template, or replaces the one with the same id.
    public mutating func upsert(_ template: AgreementTemplate) {
        if let index = templates.firstIndex(where: { $0.templateId == template.templateId }) {
            templates[index] = template
        } else {
            templates.append(template)
        }
    }

    /// Marks the template with `id` retired; false when there is none.
    @discardableResult
    public mutating func retire(id: String) -> Bool {
        guard let index = templates.firstIndex(where: { $0.templateId == id.lowercased() }) else { return false }
        templates[index].retired = true
        return true
    }
}
