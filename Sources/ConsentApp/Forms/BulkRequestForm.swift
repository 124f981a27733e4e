import ConsentModel
import ConsentStore

/// One request for every marked customer: from whom and when, saved in one transaction,
/// all or nothing.
struct BulkRequestForm: FormSpec {
    /// The marked customers, in a stable order.
    let tenantIds: [String]

    /// The form for the marked customers, when any are marked and the list is showing.
    static func forMarked(in state: AppState) -> BulkRequestForm? {
        guard !state.marked.isEmpty, case .list = state.screen else { return nil }
        return BulkRequestForm(tenantIds: state.marked.sorted())
    }

    func title(in state: AppState) -> String { tr("form.bulkRequest.title", tenantIds.count) }

    func fields(in state: AppState) -> [FormField] {
        [FormField(.sentTo, "", required: true), FormField(.requestDate, state.today.iso, required: true), FormField(.note)]
    }

    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning]) {
        let draft = RequestDraft(sentTo: form.value(.sentTo), date: form.value(.requestDate), note: form.value(.note))
        // The fields' own rules, checked on any customer that can be asked; each marked
        // customer is checked by the store as it saves.
        _ = try ConsentRules.request(draft, for: Customer(tenantId: "", companyName: ""), in: state.consentContext)
        return (.requestAll(tenantIds: tenantIds, draft), [])
    }

    func done(_ form: FormState, in state: AppState) -> CompletedChange { .requestedMany(count: tenantIds.count) }
}
