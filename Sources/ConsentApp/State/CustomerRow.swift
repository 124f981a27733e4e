import ConsentModel

/// One customer as the list shows it: the record, its status, and what search looks in.
public struct CustomerRow: Sendable {
    public var customer: Customer
    /// The status, and days waiting when requested (the full report is evaluated on demand).
    public var status: ConsentStatus
    public var daysWaiting: Int?
    /// The customer's last event: what a save from this screen expects to still be true.
    public var lastSeq: Int64
    /// Folded company, domains, tenant id, contact name and email, as UTF-8.
    var searchKey: ContiguousArray<UInt8>

    init(customer: Customer, lastSeq: Int64, evaluator: ConsentEvaluator, today: Day) {
        self.customer = customer
        self.lastSeq = lastSeq
        (status, daysWaiting) = CustomerRow.evaluate(customer, evaluator, today)
        searchKey = ContiguousArray(CustomerSearch.folded(customer, profile: evaluator.profile).utf8)
    }
}

extension CustomerRow {
    static func evaluate(_ customer: Customer, _ evaluator: ConsentEvaluator, _ today: Day) -> (ConsentStatus, Int?) {
        let report = evaluator.status(of: customer, today: today)
        return (report.status, report.daysWaiting)
    }

    /// Re-evaluates after the profile or catalogue changed.
    mutating func reevaluate(_ evaluator: ConsentEvaluator, today: Day) {
        (status, daysWaiting) = CustomerRow.evaluate(customer, evaluator, today)
    }
}

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
