/// The rules for an indirect provider's resellers, in one place: adding never replaces,
/// editing and removing are their own actions, and a reseller's domains are never the
/// partner's own (an email there could then accept for a customer through the back door).
extension ConsentRules {
    /// Reseller `id` of `profile`, found as every command finds it: ignoring letter case.
    public static func reseller(_ id: String, in profile: PartnerProfile) -> Reseller? {
        let key = id.trimmingCharacters(in: .whitespaces).lowercased()
        return profile.resellers.first { $0.id.lowercased() == key }
    }

    /// A new reseller for `profile`: its id must not be taken (editing is `editedReseller`).
    public static func newReseller(id: String, name: String, domains: String,
                                   in profile: PartnerProfile) throws(ValidationError) -> Reseller {
        try checkedReseller(id: id, name: name, domains: domains, in: profile, replacing: nil)
    }

    /// Reseller `id` of `profile` with a new name and domains (the id stays).
    public static func editedReseller(id: String, name: String, domains: String,
                                      in profile: PartnerProfile) throws(ValidationError) -> Reseller {
        guard let existing = reseller(id, in: profile) else {
            throw ValidationError([.unknownReseller(id.trimmingCharacters(in: .whitespaces))])
        }
        return try checkedReseller(id: existing.id, name: name, domains: domains, in: profile, replacing: existing.id)
    }

    /// Whether reseller `id` may be removed from `profile` while `customers` customers
    /// still name it: only when none do (they are reassigned first). Returns the reseller.
    public static func resellerRemoval(id: String, in profile: PartnerProfile, customers: Int) throws(ValidationError) -> Reseller {
        guard let reseller = reseller(id, in: profile) else {
            throw ValidationError([.unknownReseller(id.trimmingCharacters(in: .whitespaces))])
        }
        if customers > 0 { throw ValidationError([.resellerHasCustomers(reseller.name, count: customers)]) }
        return reseller
    }

    /// The fields, the id not taken (unless it is `replacing`), the domains neither the
    /// partner's own nor another reseller's.
    static func checkedReseller(id: String, name: String, domains: String, in profile: PartnerProfile,
                                replacing: String?) throws(ValidationError) -> Reseller {
        var violations: [ConsentViolation] = []
        var made: Reseller?
        do { made = try reseller(id: id, name: name, domains: domains) } catch { violations = error.violations }
        // The id taken is said even when other fields are wrong too.
        let key = made?.id ?? id.trimmingCharacters(in: .whitespaces)
        // Ids and names are unique ignoring letter case: lists and filters find a reseller
        // by either, so two that differ only in case would be one to a desk worker.
        if let taken = reseller(key, in: profile), taken.id != replacing {
            violations.insert(.resellerExists(key, name: taken.name), at: 0)
        }
        guard let reseller = made else { throw ValidationError(violations) }
        if let other = profile.resellers.first(where: { $0.id != replacing && $0.name.lowercased() == reseller.name.lowercased() }) {
            violations.append(.resellerNameTaken(reseller.name, id: other.id))
        }
        for domain in reseller.domains {
            if let own = matchingDomain(domain, in: profile.domains) ?? profile.domains.first(where: { matchingDomain($0, in: [domain]) != nil }) {
                violations.append(.resellerDomainIsPartners(domain, partnerDomain: own))
            } else if let other = profile.resellers.first(where: { $0.id != reseller.id && matchingDomain(domain, in: $0.domains) != nil }) {
                violations.append(.resellerDomainTaken(domain, reseller: other.name))
            }
        }
        guard violations.isEmpty else { throw ValidationError(violations) }
        return reseller
    }
}
