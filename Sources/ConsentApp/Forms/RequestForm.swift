import ConsentModel
import ConsentStore

/// Record that acceptance was asked for: from whom (the customer's reseller prefilled) and when.
struct RequestForm: FormSpec {
    let tenantId: String?

    init(tenantId: String) { self.tenantId = tenantId }

    func title(in state: AppState) -> String { tr("form.request.title", UntrustedText.escaped(state.companyName(tenantId))) }

    func fields(in state: AppState) -> [FormField] {
        let reseller = state.row(tenantId)?.customer.resellerId.flatMap { state.profile.reseller($0)?.name } ?? ""
        var fields = [FormField(.sentTo, reseller, required: true), FormField(.requestDate, state.today.iso, required: true), FormField(.note)]
        // The link the customer accepts at (the required agreement's current template), shown
        // to copy into the request; not part of what is saved.
        if let link = state.catalog.current(of: state.profile.policy.requiredAgreementType, on: state.today)?.agreementLink, !link.isEmpty {
            fields.append(FormField(.agreementLink, UntrustedText.escaped(link), readOnly: true))
        }
        return fields
    }

    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning]) {
        let id = tenantId ?? ""
        let draft = RequestDraft(sentTo: form.value(.sentTo), date: form.value(.requestDate), note: form.value(.note))
        _ = try ConsentRules.request(draft, for: try state.customer(for: id), in: state.consentContext)
        return (.request(tenantId: id, draft), [])
    }

    func done(_ form: FormState, in state: AppState) -> CompletedChange { .requested(company: state.companyName(tenantId)) }
}
