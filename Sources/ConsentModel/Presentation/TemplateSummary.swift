/// The one presentation of the agreement templates: what the app's templates screen draws
/// and `consentdesk templates list` prints (the same columns, the same state words).
/// Values from the store are escaped here (`UntrustedText.escaped`).
public struct TemplateSummary: Sendable, Hashable {
    /// "New confirmations require the …": what the required agreement is.
    public let requirement: String
    /// One row per template, in the catalogue's order.
    public let rows: [Row]

    /// One template as both surfaces show it.
    public struct Row: Sendable, Hashable {
        public let templateId: String
        public let agreementType: String
        public let versionRank: String
        public let effectiveDate: String
        /// Current, upcoming, superseded, retired, other type (`TemplateState`).
        public let state: String
        public let agreementLink: String
        public let retired: Bool
    }

    /// The summary of `catalog` for a partner requiring `required`, on `day`.
    public init(_ catalog: TemplateCatalog, required: AgreementType, on day: Day) {
        func safe(_ text: String) -> String { UntrustedText.escaped(text) }
        requirement = tr("templates.required", safe(required.displayName))
        rows = catalog.templates.map { t in
            Row(templateId: safe(t.templateId), agreementType: safe(t.agreementType.displayName), versionRank: String(t.versionRank),
                effectiveDate: t.effectiveDate?.iso ?? "", state: TemplateState(t, in: catalog, required: required, on: day).description,
                agreementLink: safe(t.agreementLink), retired: t.retired)
        }
    }
}
