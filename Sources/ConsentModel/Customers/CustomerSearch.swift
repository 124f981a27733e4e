/// What a search looks in, built in one place for the app's filter, `list --search` and the
/// store's search index: company, tenant id, domains, the contact's name (either order) and
/// email, the country code, the evidence reference, the reseller's id and name, and whom a
/// request was sent to, and the customer's notes. Each field is folded (`TextFold.key`: case, accents, width, ligatures, ø/æ/ß…) and the fields are
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
        TextFold.key(fields(of: customer, profile: profile).joined(separator: String(separator)))
    }

    /// The folded form of what someone typed (`typed`, then `TextFold.key`).
    public static func query(_ text: String) -> String {
        TextFold.key(typed(text))
    }

    /// What someone typed, as a search looks for it: trimmed (inner spaces kept), a web
    /// address as its host ("https://www.contoso.com/about" → "contoso.com") and a
    /// "mailto:" address as the address, so a domain or email copied from a browser or a
    /// mail finds the customer.
    public static func typed(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespaces)
        guard !text.contains(where: \.isWhitespace) else { return text }
        let lowered = text.lowercased()
        if lowered.hasPrefix("mailto:") { return String(text.dropFirst(7)) }
        if let scheme = text.range(of: "://") {
            text = String(text[scheme.upperBound...])
            if let end = text.firstIndex(where: { "/?#".contains($0) }) { text = String(text[..<end]) }
            if let at = text.lastIndex(of: "@") { text = String(text[text.index(after: at)...]) }
            if let colon = text.lastIndex(of: ":"), text[text.index(after: colon)...].allSatisfy(\.isNumber) {
                text = String(text[..<colon])
            }
            if text.lowercased().hasPrefix("www.") { text = String(text.dropFirst(4)) }
        } else if text.hasSuffix("/"), text.contains(".") {
            // "contoso.com/": a host with the slash a browser adds.
            while text.hasSuffix("/") { text.removeLast() }
        }
        return text
    }

    /// Whether `customer` is exactly what was typed (`query` is `query(_:)` of it): its tenant
    /// id, its folded company name, one of its domains, its contact's email or the address
    /// a request went to. Among several customers a search finds, the one that is exactly
    /// what was typed is the one meant.
    public static func isExact(_ customer: Customer, query: String) -> Bool {
        guard !query.isEmpty else { return false }
        if TextFold.key(customer.tenantId) == query || TextFold.key(customer.companyName) == query { return true }
        if customer.domains.contains(where: { TextFold.key($0) == query }) { return true }
        if let email = customer.confirmation?.contact.email, TextFold.key(email) == query { return true }
        if let sentTo = customer.request?.sentTo, TextFold.key(sentTo) == query { return true }
        return false
    }

    /// Whether `folded` (from `folded(_:profile:)`) matches the folded `query`.
    public static func matches(_ folded: String, query: String) -> Bool {
        query.isEmpty || folded.contains(query)
    }
}
