import ConsentModel
import ConsentStore

/// Record a withdrawal: dangerous (the customer becomes blocked), so the app asks first.
struct WithdrawForm: FormSpec {
    let tenantId: String?

    init(tenantId: String) { self.tenantId = tenantId }

    func title(in state: AppState) -> String { tr("form.withdraw.title", UntrustedText.escaped(state.companyName(tenantId))) }

    func fields(in state: AppState) -> [FormField] {
        [FormField(.withdrawalDate, state.today.iso, required: true), FormField(.reason, required: true)]
    }

    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning]) {
        let id = tenantId ?? ""
        let draft = WithdrawalDraft(date: form.value(.withdrawalDate), reason: form.value(.reason))
        _ = try ConsentRules.withdrawal(draft, for: try state.customer(for: id), in: state.consentContext)
        return (.withdraw(tenantId: id, draft), [])
    }

    func done(_ form: FormState, in state: AppState) -> CompletedChange { .withdrawn(company: state.companyName(tenantId)) }

    var dangerousAction: Action? { .withdraw }

    func consequence(in state: AppState) -> String {
        tr("modal.withdraw", UntrustedText.escaped(state.companyName(tenantId)))
    }
}
