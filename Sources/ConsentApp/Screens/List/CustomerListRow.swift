import ConsentModel

/// One customer as the list shows it: the record, its status, and what search looks in.
public struct CustomerListRow: Sendable {
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
        (status, daysWaiting) = CustomerListRow.evaluate(customer, evaluator, today)
        searchKey = ContiguousArray(CustomerSearch.folded(customer, profile: evaluator.profile).utf8)
    }
}

extension CustomerListRow {
    static func evaluate(_ customer: Customer, _ evaluator: ConsentEvaluator, _ today: Day) -> (ConsentStatus, Int?) {
        let report = evaluator.status(of: customer, today: today)
        return (report.status, report.daysWaiting)
    }

    /// Re-evaluates after the profile or catalogue changed.
    mutating func reevaluate(_ evaluator: ConsentEvaluator, today: Day) {
        (status, daysWaiting) = CustomerListRow.evaluate(customer, evaluator, today)
    }
}
