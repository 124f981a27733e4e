import ConsentModel
import ConsentStore

/// One customer as the app's keys and forms use it: the record, its status, and the last
/// event a save from this screen expects to still be true. Made from a row of the list
/// window's held page, or from the detail's one-customer read.
public struct CustomerListRow: Sendable {
    public var customer: Customer
    /// The status, and days waiting when requested (the full report is evaluated on demand).
    public var status: ConsentStatus
    public var daysWaiting: Int?
    /// The customer's last event: what a save from this screen expects to still be true.
    public var lastSeq: Int64

    /// A row of the list window's page (status materialised by the store).
    init(_ row: ListRow) {
        customer = row.customer
        status = row.status
        daysWaiting = row.daysWaiting
        lastSeq = row.lastSeq
    }

    /// A customer read on its own, evaluated by the model.
    init(customer: Customer, lastSeq: Int64, evaluator: ConsentEvaluator, today: Day) {
        self.customer = customer
        self.lastSeq = lastSeq
        let report = evaluator.status(of: customer, today: today)
        status = report.status
        daysWaiting = report.daysWaiting
    }
}
