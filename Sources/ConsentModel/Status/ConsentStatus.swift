/// The status of a customer in the partner's view, in order of precedence.
public enum ConsentStatus: String, CaseIterable, Sendable, Codable, Comparable {
    /// The customer is in a national cloud; not gated by this rule.
    case notApplicable
    /// The latest event is a withdrawal: blocked, subscriptions to cancel.
    case withdrawn
    /// No confirmation: blocked.
    case missing
    /// No confirmation, but acceptance was asked for: blocked, with days waiting.
    case requested
    /// Confirmed, but not on the current template of the required type.
    case outdated
    /// Confirmed on the current template: allowed.
    case confirmed

    /// Whether new purchases are blocked: what "blocked" means everywhere (the header,
    /// the `b` view, `list --status blocked`, the counts). See `StatusGroup`.
    public var blocksNewPurchases: Bool {
        switch self {
        case .withdrawn, .missing, .requested, .outdated: return true
        case .notApplicable, .confirmed: return false
        }
    }

    /// Blocked for lack of acceptance (withdrawn, missing, requested): the red kind of
    /// blocked. The other kind is outdated (yellow: auto-renewal still goes through).
    public var lacksAcceptance: Bool { self == .withdrawn || self == .missing || self == .requested }

    /// The command-line spelling (`not-applicable`).
    public var cliName: String { self == .notApplicable ? "not-applicable" : rawValue }

    /// Parses the command-line spelling.
    public init?(cliName: String) {
        if cliName == "not-applicable" { self = .notApplicable } else { self.init(rawValue: cliName) }
    }

    /// The word shown for this status. In an indirect reseller's store (rule 9) a
    /// confirmation is "collected", not "confirmed".
    public func label(for role: PartnerRole) -> String {
        if role == .indirectReseller {
            switch self {
            case .confirmed: return tr("status.collected")
            case .missing: return tr("status.notCollected")
            default: break
            }
        }
        return tr("status.\(rawValue)")
    }

    public static func < (lhs: ConsentStatus, rhs: ConsentStatus) -> Bool {
        let order = ConsentStatus.allCases
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// Why a confirmation counts as outdated.
public enum OutdatedReason: Hashable, Sendable, CustomStringConvertible {
    /// A newer template of the same type exists.
    case olderVersion(current: AgreementTemplate)
    /// The template accepted was retired.
    case retiredTemplate
    /// The accepted agreement is of another type than the policy requires.
    case otherAgreementType(required: AgreementType)
    /// Accepted before the re-acceptance cut-off.
    case beforeCutoff(Day)
    /// The template is not in this store's catalogue.
    case unknownTemplate(String)
    /// No template of the required type is current.
    case noCurrentTemplate(AgreementType)

    /// A stable code for scripts (`list --json`'s `outdatedReason`), never translated.
    public var code: String {
        switch self {
        case .olderVersion: return "older-version"
        case .retiredTemplate: return "retired-template"
        case .otherAgreementType: return "other-agreement-type"
        case .beforeCutoff: return "before-cutoff"
        case .unknownTemplate: return "unknown-template"
        case .noCurrentTemplate: return "no-current-template"
        }
    }

    public var description: String {
        switch self {
        case .olderVersion(let current): return tr("outdated.olderVersion", current.versionRank)
        case .retiredTemplate: return tr("outdated.retired")
        case .otherAgreementType(let required): return tr("outdated.otherType", required.displayName)
        case .beforeCutoff(let day): return tr("outdated.beforeCutoff", day)
        case .unknownTemplate(let id): return tr("outdated.unknownTemplate", id)
        case .noCurrentTemplate(let type): return tr("outdated.noCurrent", type.displayName)
        }
    }
}

/// The status of one customer with what explains it.
public struct StatusReport: Hashable, Sendable {
    public let status: ConsentStatus
    /// Set when the status is `outdated`.
    public let outdatedReason: OutdatedReason?
    /// Days since the request, when the status is `requested`.
    public let daysWaiting: Int?
    /// The template a new confirmation should accept.
    public let requiredTemplate: AgreementTemplate?
}
