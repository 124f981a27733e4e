/// Where a template stands on a day: the words the templates screen and
/// `consentdesk templates` both show.
public enum TemplateState: Hashable, Sendable, CustomStringConvertible {
    /// The current template of its type (and, when `required`, of the type new confirmations require).
    case current(required: Bool)
    /// Effective from a later day; current from then on if nothing newer comes.
    case upcoming(from: Day)
    /// An older version of its type.
    case older
    /// Retired by the partner.
    case retired

    /// The state of `template` in `catalog` on `day`, with `required` the policy's type.
    public init(_ template: AgreementTemplate, in catalog: TemplateCatalog, required: AgreementType, on day: Day) {
        if template.retired {
            self = .retired
        } else if template.isUpcoming(on: day), let from = template.effectiveDate {
            self = .upcoming(from: from)
        } else if catalog.current(of: template.agreementType, on: day)?.templateId == template.templateId {
            self = .current(required: template.agreementType == required)
        } else {
            self = .older
        }
    }

    public var description: String {
        switch self {
        case .current(let required): return required ? tr("cli.templates.currentRequired") : tr("cli.templates.current")
        case .upcoming(let day): return tr("template.upcoming", day.iso)
        case .older: return tr("cli.templates.older")
        case .retired: return tr("template.retired")
        }
    }
}
