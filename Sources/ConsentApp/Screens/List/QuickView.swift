import ConsentModel

/// Which customers the list shows.
public enum QuickView: String, CaseIterable, Sendable {
    case all, blocked, outdated

    func includes(_ status: ConsentStatus) -> Bool {
        switch self {
        case .all: return true
        case .blocked: return StatusGroup.blocked.contains(status)
        case .outdated: return status == .outdated
        }
    }

    var label: String { tr("view.\(rawValue)") }
}
