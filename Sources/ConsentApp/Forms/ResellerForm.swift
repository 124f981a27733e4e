import ConsentModel
import ConsentStore

/// Add a reseller to an indirect provider's profile (an email at its domains cannot accept),
/// or edit one (`editing`: its id read-only). Adding never replaces a reseller.
struct ResellerForm: FormSpec {
    /// The reseller being edited; nil to add one.
    var editing: Reseller?

    func title(in state: AppState) -> String {
        editing.map { tr("form.reseller.editTitle", UntrustedText.escaped($0.name)) } ?? tr("form.reseller.title")
    }

    func fields(in state: AppState) -> [FormField] {
        [FormField(.resellerId, editing?.id ?? "", required: true, readOnly: editing != nil),
         FormField(.resellerName, editing?.name ?? "", required: true),
         FormField(.resellerDomains, editing?.domains.joined(separator: ", ") ?? "", required: true)]
    }

    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning]) {
        let id = form.value(.resellerId), name = form.value(.resellerName), domains = form.value(.resellerDomains)
        if editing != nil {
            _ = try ConsentRules.editedReseller(id: id, name: name, domains: domains, in: state.profile)
            return (.editReseller(id: id, name: name, domains: domains), [])
        }
        _ = try ConsentRules.newReseller(id: id, name: name, domains: domains, in: state.profile)
        return (.addReseller(id: id, name: name, domains: domains), [])
    }

    func done(_ form: FormState, in state: AppState) -> CompletedChange {
        editing == nil ? .resellerAdded(name: form.value(.resellerName)) : .resellerEdited(name: form.value(.resellerName))
    }

    /// The profile's resellers as choices, "(none)" first (used by the customer forms too).
    static func choices(_ state: AppState) -> [Choice] {
        [Choice(value: "", label: tr("form.none"))] + state.profile.resellers.map { Choice(value: $0.id, label: UntrustedText.escaped($0.name)) }
    }
}
