import ConsentModel

/// The list's columns, in display order; also the sort keys.
public enum Column: String, CaseIterable, Sendable {
    case status, company, domain, country, cloud, reseller, agreement, date, contact

    var title: String { tr("col.\(rawValue)") }

    /// Narrowest useful width; the company column takes what is left.
    var width: Int {
        switch self {
        case .status: return 16
        case .company: return 18
        case .domain: return 22
        case .country: return 4
        case .cloud: return 10
        case .reseller: return 16
        case .agreement: return 18
        case .date: return 10
        case .contact: return 18
        }
    }

    /// Which columns are dropped first when the terminal is narrow (lowest first).
    var priority: Int {
        switch self {
        case .status: return 9
        case .company: return 8
        case .date: return 7
        case .agreement: return 6
        case .contact: return 5
        case .domain: return 4
        case .reseller: return 3
        case .country: return 2
        case .cloud: return 1
        }
    }
}
