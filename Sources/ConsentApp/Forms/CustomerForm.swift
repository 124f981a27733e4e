import ConsentModel
import ConsentStore

/// Add a customer (`tenantId` nil) or edit one (its tenant id read-only).
struct CustomerForm: FormSpec {
    let tenantId: String?

    func title(in state: AppState) -> String {
        tenantId == nil ? tr("form.add.title") : tr("form.edit.title", UntrustedText.escaped(state.companyName(tenantId)))
    }

    func fields(in state: AppState) -> [FormField] {
        let c = state.row(tenantId)?.customer
        var fields = [
            FormField(.tenantId, c?.tenantId ?? "", required: true, readOnly: c != nil),
            FormField(.companyName, c?.companyName ?? "", required: true),
            FormField(.domains, c?.domains.joined(separator: ", ") ?? ""),
            FormField(.country, c?.country ?? ""),
            FormField(.cloud, choices: CloudInstance.allCases.map { Choice(value: $0.rawValue, label: $0.displayName) },
                      selected: c?.cloud.rawValue ?? CloudInstance.global.rawValue),
        ]
        if state.profile.role == .indirectProvider {
            fields.append(FormField(.reseller, choices: ResellerForm.choices(state), selected: c?.resellerId ?? "", required: false))
        }
        return fields
    }

    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning]) {
        let draft = CustomerDraft(tenantId: form.value(.tenantId), companyName: form.value(.companyName), domains: form.value(.domains),
                                  country: form.value(.country), cloud: form.value(.cloud), reseller: form.value(.reseller))
        if let tenantId {
            _ = try ConsentRules.customer(draft, existing: state.row(tenantId)?.customer, in: state.consentContext)
            return (.editCustomer(tenantId: tenantId, draft), [])
        }
        let made = try ConsentRules.customer(draft, existing: nil, in: state.consentContext)
        // One the window holds is refused here; the store refuses any other on saving.
        if state.row(made.tenantId) != nil { throw ValidationError([.customerExists(made.tenantId)]) }
        return (.addCustomer(draft), [])
    }

    func done(_ form: FormState, in state: AppState) -> CompletedChange {
        tenantId == nil ? .customerAdded(company: form.value(.companyName)) : .customerEdited(company: state.companyName(tenantId))
    }
}
