import Foundation

/// What a desk's change decided: the events to append, in order (none: it changes nothing),
/// and the warnings to show with it. A refused change throws `ValidationError` with the
/// model's reasons instead; nothing is appended.
public struct ConsentDecision: Sendable {
    public var events: [ConsentEvent]
    public var warnings: [ConsentWarning]

    public init(_ events: [ConsentEvent], warnings: [ConsentWarning] = []) {
        self.events = events
        self.warnings = warnings
    }

    /// No change.
    public static let unchanged = ConsentDecision([])
}

/// Planning in the model (issue 22.1): each change a desk asks for, decided from the state it
/// reads (the customer as stored, the profile and catalogue in `context`), without I/O. The
/// store reads what a decision needs inside its write transaction, asks here, and appends
/// what comes back: a second backend implements reading and appending, never these rules.
public enum ConsentDecisions {
    /// A new customer; refused when the store already holds its tenant id (`isStored`, asked
    /// with the validated, lower-case id).
    public static func addCustomer(_ draft: CustomerDraft, in context: ConsentContext,
                                   isStored: (String) throws -> Bool) throws -> ConsentDecision {
        let customer = try ConsentRules.customer(draft, existing: nil, in: context)
        if try isStored(customer.tenantId) { throw ValidationError([.customerExists(customer.tenantId)]) }
        return ConsentDecision([.customerAdded(customer)])
    }

    /// `current`'s master data edited (its tenant id kept); no event when nothing changes.
    public static func editCustomer(_ draft: CustomerDraft, current: Customer,
                                    in context: ConsentContext) throws(ValidationError) -> ConsentDecision {
        var draft = draft
        draft.tenantId = current.tenantId
        let edited = try ConsentRules.customer(draft, existing: current, in: context)
        return edited == current ? .unchanged : ConsentDecision([.customerEdited(edited)])
    }

    /// `current` with `subscriptions`.
    public static func setSubscriptions(_ subscriptions: [Subscription], current: Customer) -> ConsentDecision {
        var edited = current
        edited.subscriptions = subscriptions
        return ConsentDecision([.customerEdited(edited)])
    }

    /// A confirmation of customer `tenantId` (`current`), rules 1–9. Who confirms is taken
    /// from this desk (`employee`, `userId`, else the profile's default user id) when the
    /// draft leaves it empty.
    public static func confirm(_ draft: ConfirmationDraft, tenantId: String, current: Customer, employee: String,
                               userId: String, in context: ConsentContext) throws(ValidationError) -> ConsentDecision {
        let draft = recordedBy(draft, employee: employee, userId: userId, profile: context.profile)
        let validated = try ConsentRules.confirmation(draft, for: current, in: context)
        return ConsentDecision([.confirmed(tenantId: tenantId.lowercased(), validated.value)], warnings: validated.warnings)
    }

    /// `draft` with who confirms filled from this desk where it is left empty: the desk's
    /// employee, and its user id, else the profile's default user id.
    public static func recordedBy(_ draft: ConfirmationDraft, employee: String, userId: String,
                                  profile: PartnerProfile) -> ConfirmationDraft {
        var draft = draft
        if draft.employee.trimmingCharacters(in: .whitespaces).isEmpty { draft.employee = employee }
        if draft.partnerUserId.trimmingCharacters(in: .whitespaces).isEmpty {
            draft.partnerUserId = userId.isEmpty ? profile.defaultUserId : userId
        }
        return draft
    }

    /// A request for acceptance; the same request again (recipient, day and note) changes nothing.
    public static func request(_ draft: RequestDraft, tenantId: String, current: Customer,
                               in context: ConsentContext) throws(ValidationError) -> ConsentDecision {
        let request = try ConsentRules.request(draft, for: current, in: context)
        if current.request == request { return .unchanged }
        return ConsentDecision([.requested(tenantId: tenantId.lowercased(), request)])
    }

    /// A withdrawal (rule 10).
    public static func withdraw(_ draft: WithdrawalDraft, tenantId: String, current: Customer,
                                in context: ConsentContext) throws(ValidationError) -> ConsentDecision {
        ConsentDecision([.withdrawn(tenantId: tenantId.lowercased(), try ConsentRules.withdrawal(draft, for: current, in: context))])
    }

    /// A note on `current`.
    public static func note(_ text: String, current: Customer) throws(ValidationError) -> ConsentDecision {
        ConsentDecision([.noted(tenantId: current.tenantId, text: try ConsentRules.note(text))])
    }

    /// A new agreement template.
    public static func addTemplate(_ draft: TemplateDraft, in context: ConsentContext) throws(ValidationError) -> ConsentDecision {
        ConsentDecision([.templateAdded(try ConsentRules.template(draft, in: context))])
    }

    /// Template `id` retired; nothing when it is retired already.
    public static func retireTemplate(_ id: String, in context: ConsentContext) throws(ValidationError) -> ConsentDecision {
        guard let template = context.catalog.template(id: id) else { throw ValidationError([.unknownTemplate(id)]) }
        return template.retired ? .unchanged : ConsentDecision([.templateRetired(templateId: template.templateId)])
    }

    /// The partner's profile; the same profile again is no change.
    public static func setProfile(_ draft: ProfileDraft, in context: ConsentContext) throws(ValidationError) -> ConsentDecision {
        let next = try ConsentRules.profile(draft, existing: context.profile, catalog: context.catalog)
        return next == context.profile ? .unchanged : ConsentDecision([.profileSet(next)])
    }

    /// A new reseller: adding never replaces one (an id already there is refused).
    public static func addReseller(id: String, name: String, domains: String,
                                   in context: ConsentContext) throws(ValidationError) -> ConsentDecision {
        var next = context.profile
        next.resellers.append(try ConsentRules.newReseller(id: id, name: name, domains: domains, in: context.profile))
        return ConsentDecision([.profileSet(next)])
    }

    /// Reseller `id` renamed or given new domains; what is left out (nil) is taken from the
    /// profile as read in the write transaction, so another desk's change to it is kept.
    public static func editReseller(id: String, name: String?, domains: String?,
                                    in context: ConsentContext) throws(ValidationError) -> ConsentDecision {
        let profile = context.profile
        let current = ConsentRules.reseller(id, in: profile)
        let edited = try ConsentRules.editedReseller(id: id, name: name ?? current?.name ?? "",
                                                     domains: domains ?? current?.domains.joined(separator: ", ") ?? "",
                                                     in: profile)
        var next = profile
        next.resellers = next.resellers.map { $0.id == edited.id ? edited : $0 }
        return next == profile ? .unchanged : ConsentDecision([.profileSet(next)])
    }

    /// Reseller `id` removed; refused while `customersNamingIt` (customers it serves, and
    /// confirmations it collected) is not 0.
    public static func removeReseller(id: String, customersNamingIt: Int,
                                      in context: ConsentContext) throws(ValidationError) -> ConsentDecision {
        let removed = try ConsentRules.resellerRemoval(id: id, in: context.profile, customers: customersNamingIt)
        var next = context.profile
        next.resellers.removeAll { $0.id == removed.id }
        return ConsentDecision([.profileSet(next)])
    }
}
