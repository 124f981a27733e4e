/// One of several customers that match what was typed, with what tells them apart: name,
/// domain, country and tenant id (shown escaped).
public struct CustomerChoice: Hashable, Sendable {
    public let companyName: String
    public let domain: String
    public let country: String
    public let tenantId: String

    public init(_ customer: Customer) {
        companyName = customer.companyName
        domain = customer.primaryDomain
        country = customer.country
        tenantId = customer.tenantId
    }

    /// The choice as a line of the "more than one customer matches" message.
    public var line: String {
        tr("violation.ambiguousCustomer.choice", UntrustedText.escaped(companyName),
           domain.isEmpty ? "-" : UntrustedText.escaped(domain), country.isEmpty ? "-" : UntrustedText.escaped(country),
           UntrustedText.escaped(tenantId))
    }
}
