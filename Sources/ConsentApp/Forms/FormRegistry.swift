import ConsentModel

/// Which action opens which form: the one registration line a new form adds.
enum FormRegistry {
    /// The form `action` opens in `state` (for the customer under the cursor, if it needs one).
    static func form(for action: Action, in state: AppState) -> (any FormSpec)? {
        let customer = state.focusedRow?.customer.tenantId
        if action == .request, let bulk = BulkRequestForm.forMarked(in: state) { return bulk }
        switch action {
        case .confirm: return customer.map(ConfirmForm.init)
        case .addCustomer: return CustomerForm(tenantId: nil)
        case .editCustomer: return customer.map { CustomerForm(tenantId: $0) }
        case .withdraw: return customer.map(WithdrawForm.init)
        case .request: return customer.map(RequestForm.init)
        case .profile: return ProfileForm()
        case .addReseller: return ResellerForm()
        case .editReseller: return state.selectedReseller.map { ResellerForm(editing: $0) }
        case .addTemplate: return TemplateForm()
        case .exportMarked: return ExportMarkedForm.forMarked(in: state)
        case .voidEvent: return state.selectedHistoryEntry.map { VoidForm(entry: $0, tenantId: customer) }
        case .note: return customer.map(NoteForm.init)
        case .logFilter: return state.logScreen.map { LogFilterForm(query: $0.query) }
        case .evidencePack: return customer.map(EvidenceForm.init)
        default: return nil
        }
    }
}
