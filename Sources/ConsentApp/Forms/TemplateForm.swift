import ConsentModel
import ConsentStore

/// Add an agreement template: a change of policy, so whom it moves is shown before it is saved.
struct TemplateForm: FormSpec {
    func title(in state: AppState) -> String { tr("form.template.title") }

    func fields(in state: AppState) -> [FormField] {
        [
            FormField(.templateId, required: true),
            FormField(.agreementType, choices: AgreementType.known.map { Choice(value: $0.rawValue, label: $0.displayName) },
                      selected: AgreementType.microsoftCustomerAgreement.rawValue),
            // "https://" is a start to type after, not a value to replace.
            FormField(.agreementLink, "https://", required: true, selectsValue: false),
            FormField(.versionRank, "1", required: true),
            FormField(.effectiveDate),
        ]
    }

    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning]) {
        let draft = TemplateDraft(templateId: form.value(.templateId), agreementType: form.value(.agreementType),
                                  agreementLink: form.value(.agreementLink), versionRank: form.value(.versionRank),
                                  effectiveDate: form.value(.effectiveDate))
        _ = try ConsentRules.template(draft, in: state.consentContext)
        return (.addTemplate(draft), [])
    }

    func done(_ form: FormState, in state: AppState) -> CompletedChange { .templateAdded(templateId: form.value(.templateId)) }

    var changesPolicy: Bool { true }
}
