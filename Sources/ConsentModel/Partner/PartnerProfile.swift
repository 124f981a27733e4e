/// How the partner sells in CSP.
public enum PartnerRole: String, Hashable, Sendable, Codable, CaseIterable {
    case directBill
    case indirectProvider
    case indirectReseller

    public var displayName: String { tr("role.\(rawValue)") }

    /// The command line's spelling (`indirect-provider`).
    public var cliName: String {
        switch self {
        case .directBill: return "direct-bill"
        case .indirectProvider: return "indirect-provider"
        case .indirectReseller: return "indirect-reseller"
        }
    }
}

/// An indirect reseller working with an indirect provider.
public struct Reseller: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var domains: [String]

    public init(id: String, name: String, domains: [String]) {
        self.id = id
        self.name = name
        self.domains = domains.map(\.normalizedLowercase)
    }
}

/// What the store's policy asks of confirmations.
public struct ConsentPolicy: Hashable, Sendable, Codable {
    /// The agreement type new confirmations require.
    public var requiredAgreementType: AgreementType
    /// Confirmations dated before this day count as outdated (Microsoft used
    /// 2023-04-01 for one re-acceptance campaign).
    public var reacceptanceCutoff: Day?

    public init(requiredAgreementType: AgreementType = .microsoftCustomerAgreement, reacceptanceCutoff: Day? = nil) {
        self.requiredAgreementType = requiredAgreementType
        self.reacceptanceCutoff = reacceptanceCutoff
    }
}

/// The partner a store belongs to.
public struct PartnerProfile: Hashable, Sendable, Codable {
    public var name: String
    public var tenantId: String
    /// The partner's own email domains: an email there cannot accept for a customer.
    public var domains: [String]
    public var role: PartnerRole
    /// For an indirect provider: its indirect resellers.
    public var resellers: [Reseller]
    /// The Partner Center user id confirmations are made under by default.
    public var defaultUserId: String
    public var policy: ConsentPolicy
    /// The follow-up views' thresholds, when the partner set them (see `thresholds`).
    public var followUp: FollowUpThresholds? = nil

    public init(name: String, tenantId: String, domains: [String], role: PartnerRole,
                resellers: [Reseller] = [], defaultUserId: String = "", policy: ConsentPolicy = ConsentPolicy()) {
        self.name = name
        self.tenantId = tenantId
        self.domains = domains.map(\.normalizedLowercase)
        self.role = role
        self.resellers = resellers
        self.defaultUserId = defaultUserId
        self.policy = policy
    }

    /// A profile for a store nobody has set up yet.
    public static let unnamed = PartnerProfile(name: "", tenantId: "", domains: [], role: .directBill)

    /// The reseller with `id` (or with that name, folded as search folds it: case, accents, width).
    public func reseller(_ idOrName: String) -> Reseller? {
        if let byId = resellers.first(where: { $0.id == idOrName }) { return byId }
        let key = TextFold.key(idOrName)
        return resellers.first { TextFold.key($0.name) == key }
    }

    /// Whether a confirmation in this store is sent to Microsoft (false for an indirect
    /// reseller, which collects acceptance and hands it to its provider).
    public var confirmsToMicrosoft: Bool { role != .indirectReseller }
}
