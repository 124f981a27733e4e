/// What a search looks in, built in one place for the app's filter, `list --search` and the
/// store's search index: company, tenant id, domains, the contact's name (either order) and
/// email, the country code, the evidence reference, the reseller's id and name, and whom a
/// request was sent to, and the customer's notes. Each field is folded (case, accents, full width) and the fields are
/// joined with U+0001, which nobody types, so a match never spans two fields.
public enum CustomerSearch {
    /// The separator between fields in `folded(_:profile:)`.
    public static let separator: Character = "\u{1}"

    /// The fields of `customer` a search looks in, as written.
    public static func fields(of customer: Customer, profile: PartnerProfile) -> [String] {
        var parts = [customer.companyName, customer.tenantId]
        parts += customer.domains
        if !customer.country.isEmpty { parts.append(customer.country) }
        if let c = customer.confirmation {
            parts += [c.contact.firstName, c.contact.lastName, c.contact.fullName,
                      "\(c.contact.lastName) \(c.contact.firstName)", c.contact.email]
            if let evidence = c.evidence { parts.append(evidence) }
        }
        if let id = customer.resellerId {
            parts.append(id)
            if let reseller = profile.reseller(id) { parts.append(reseller.name) }
        }
        if let request = customer.request { parts.append(request.sentTo) }
        parts += customer.noteTexts
        return parts
    }

    /// The folded search text of `customer`.
    public static func folded(_ customer: Customer, profile: PartnerProfile) -> String {
        UntrustedText.searchKey(fields(of: customer, profile: profile).joined(separator: String(separator)))
    }

    /// The folded form of what someone typed (trimmed; inner spaces kept).
    public static func query(_ text: String) -> String {
        UntrustedText.searchKey(text.trimmingCharacters(in: .whitespaces))
    }

    /// Whether `folded` (from `folded(_:profile:)`) matches the folded `query`.
    public static func matches(_ folded: String, query: String) -> Bool {
        query.isEmpty || folded.contains(query)
    }
}
