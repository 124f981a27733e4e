/// Named groups of statuses, with one meaning everywhere: the app's views and header,
/// the command line's `--status` and the counts all use these.
public enum StatusGroup: String, CaseIterable, Sendable {
    /// Every status that blocks new purchases: no acceptance, or outdated.
    case blocked
    /// Blocked for lack of acceptance: withdrawn, missing or requested.
    case noAcceptance = "no-acceptance"

    /// Whether `status` belongs to the group.
    public func contains(_ status: ConsentStatus) -> Bool {
        switch self {
        case .blocked: return status.blocksNewPurchases
        case .noAcceptance: return status.lacksAcceptance
        }
    }

    /// The statuses in the group, in order of precedence.
    public var statuses: [ConsentStatus] { ConsentStatus.allCases.filter(contains) }

    /// The command-line spelling.
    public var cliName: String { rawValue }

    /// How many of `counts` fall in the group.
    public func count(in counts: [ConsentStatus: Int]) -> Int {
        statuses.reduce(0) { $0 + (counts[$1] ?? 0) }
    }
}

/// What `--status` selects: a single status or a group.
public enum StatusFilter: Hashable, Sendable {
    case status(ConsentStatus)
    case group(StatusGroup)

    /// Parses a `--status` value, ignoring case (`blocked`, `Blocked`, `no-acceptance`,
    /// `not-applicable`, `notApplicable`).
    public init?(cliName text: String) {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let group = StatusGroup.allCases.first(where: { $0.rawValue == key }) { self = .group(group); return }
        if let status = ConsentStatus.allCases.first(where: { $0.cliName == key || $0.rawValue.lowercased() == key }) {
            self = .status(status); return
        }
        return nil
    }

    /// Every accepted spelling, for messages.
    public static var cliNames: [String] { StatusGroup.allCases.map(\.cliName) + ConsentStatus.allCases.map(\.cliName) }

    public func contains(_ status: ConsentStatus) -> Bool {
        switch self {
        case .status(let only): return status == only
        case .group(let group): return group.contains(status)
        }
    }
}
