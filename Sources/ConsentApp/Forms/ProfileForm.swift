import ConsentModel
import ConsentStore

/// The partner profile: a change of policy, so whom it moves is shown before it is saved.
struct ProfileForm: FormSpec {
    func title(in state: AppState) -> String { tr("form.profile.title") }

    func fields(in state: AppState) -> [FormField] {
        let p = state.profile
        let types = Array(Set(AgreementType.known + state.catalog.templates.map(\.agreementType))).sorted()
        return [
            FormField(.partnerName, p.name, required: true),
            FormField(.partnerTenantId, p.tenantId, required: true),
            FormField(.partnerDomains, p.domains.joined(separator: ", ")),
            FormField(.role, choices: PartnerRole.allCases.map { Choice(value: $0.rawValue, label: $0.displayName) }, selected: p.role.rawValue),
            // Required where confirmations go to Microsoft (imports need it too).
            FormField(.defaultUserId, p.defaultUserId, required: p.confirmsToMicrosoft),
            FormField(.requiredAgreementType, choices: types.map { Choice(value: $0.rawValue, label: $0.displayName) },
                      selected: p.policy.requiredAgreementType.rawValue),
            FormField(.reacceptanceCutoff, p.policy.reacceptanceCutoff?.iso ?? ""),
        ]
    }

    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning]) {
        let draft = ProfileDraft(name: form.value(.partnerName), tenantId: form.value(.partnerTenantId), domains: form.value(.partnerDomains),
                                 role: form.value(.role), defaultUserId: form.value(.defaultUserId),
                                 requiredAgreementType: form.value(.requiredAgreementType), reacceptanceCutoff: form.value(.reacceptanceCutoff))
        // The partner user id: required where confirmations go to Microsoft, and the user's
        // object id (a GUID), never a sign-in name like "jdoe".
        let userId = ConsentRules.defaultUserIdViolations(draft.defaultUserId, role: draft.role)
        do {
            _ = try ConsentRules.profile(draft, existing: state.profile)
        } catch {
            throw ValidationError(error.violations + userId)
        }
        if !userId.isEmpty { throw ValidationError(userId) }
        return (.setProfile(draft), [])
    }

    func done(_ form: FormState, in state: AppState) -> CompletedChange { .profileSaved }

    var changesPolicy: Bool { true }
}
