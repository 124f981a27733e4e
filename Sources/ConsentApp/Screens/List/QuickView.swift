import ConsentModel

/// Which customers the list shows.
public enum QuickView: String, CaseIterable, Sendable {
    case all, blocked, outdated
    /// Follow-ups: requests waiting too long; blocked customers renewing soon.
    case waiting, renewing

    func includes(_ status: ConsentStatus) -> Bool {
        switch self {
        case .all: return true
        case .blocked: return StatusGroup.blocked.contains(status)
        case .outdated: return status == .outdated
        case .waiting: return status == .requested
        case .renewing: return StatusGroup.blocked.contains(status)
        }
    }

    var label: String { tr("view.\(rawValue)") }
}
