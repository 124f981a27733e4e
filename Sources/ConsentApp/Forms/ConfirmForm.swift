import ConsentModel
import ConsentStore

/// Confirm acceptance: the current template preselected, today's date, who confirms prefilled.
struct ConfirmForm: FormSpec {
    let tenantId: String?

    init(tenantId: String) { self.tenantId = tenantId }

    func title(in state: AppState) -> String {
        let verb = state.profile.confirmsToMicrosoft ? "form.confirm.title" : "form.collect.title"
        return tr(verb, UntrustedText.escaped(state.companyName(tenantId)))
    }

    func fields(in state: AppState) -> [FormField] {
        let required = state.profile.policy.requiredAgreementType
        let templates = state.catalog.templates.filter { !$0.retired }
            .sorted { ($0.agreementType == required ? 0 : 1, -$0.versionRank) < ($1.agreementType == required ? 0 : 1, -$1.versionRank) }
        let current = state.catalog.current(of: required, on: state.today)
        var fields = [
            FormField(.template, choices: templates.map { Choice(value: $0.templateId, label: $0.label(in: state.catalog, required: required, on: state.today)) }, selected: current?.templateId),
            FormField(.dateAgreed, state.today.iso, required: true),
            FormField(.firstName, required: true),
            FormField(.lastName, required: true),
            FormField(.email, required: true),
            FormField(.phoneNumber),
            FormField(.partnerUserId, state.profile.defaultUserId, required: state.profile.confirmsToMicrosoft),
            FormField(.employee, state.employee, required: true),
            FormField(.evidence),
        ]
        if state.profile.role == .indirectProvider {
            fields.append(FormField(.reseller, choices: ResellerForm.choices(state),
                                    selected: state.row(tenantId)?.customer.resellerId ?? "", required: false))
        }
        return fields
    }

    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning]) {
        let id = tenantId ?? ""
        let draft = ConfirmationDraft(
            dateAgreed: form.value(.dateAgreed), firstName: form.value(.firstName), lastName: form.value(.lastName),
            email: form.value(.email), phoneNumber: form.value(.phoneNumber), templateId: form.value(.template),
            partnerUserId: form.value(.partnerUserId), employee: form.value(.employee), evidence: form.value(.evidence),
            reseller: form.value(.reseller))
        let result = try ConsentRules.confirmation(draft, for: try state.customer(for: id), in: state.consentContext)
        return (.confirm(tenantId: id, draft), result.warnings)
    }

    func done(_ form: FormState, in state: AppState) -> CompletedChange { .confirmed(company: state.companyName(tenantId)) }

    /// Rule 5's warning as soon as the email is left: an address outside the customer's domains.
    func fieldWarnings(from form: FormState, in state: AppState) -> [Field: ConsentWarning] {
        guard let customer = state.row(tenantId)?.customer,
              let warning = ConsentRules.emailWarning(form.value(.email).trimmingCharacters(in: .whitespaces), for: customer) else { return [:] }
        return [.email: warning]
    }
}
