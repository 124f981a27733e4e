import ConsentModel
import ConsentStore

/// A reseller for an indirect provider's profile (an email at its domains cannot accept).
struct ResellerForm: FormSpec {
    func title(in state: AppState) -> String { tr("form.reseller.title") }

    func fields(in state: AppState) -> [FormField] {
        [FormField(.resellerId, required: true), FormField(.resellerName, required: true), FormField(.resellerDomains, required: true)]
    }

    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning]) {
        let id = form.value(.resellerId), name = form.value(.resellerName), domains = form.value(.resellerDomains)
        _ = try ConsentRules.reseller(id: id, name: name, domains: domains)
        return (.addReseller(id: id, name: name, domains: domains), [])
    }

    func done(_ form: FormState, in state: AppState) -> CompletedChange { .resellerAdded(name: form.value(.resellerName)) }

    /// The profile's resellers as choices, "(none)" first (used by the customer forms too).
    static func choices(_ state: AppState) -> [Choice] {
        [Choice(value: "", label: tr("form.none"))] + state.profile.resellers.map { Choice(value: $0.id, label: UntrustedText.escaped($0.name)) }
    }
}
