import ConsentModel
import ConsentStore

extension AppState {
    /// Rows of the list area (between the header and the two bottom lines).
    var listHeight: Int { max(1, height - 5) }

    /// Takes the profile, catalogue and head of `snapshot` (its customers, if any, are not
    /// kept: the list is read through its window), and reads the window and the counts.
    mutating func apply(_ snapshot: StoreSnapshot) -> [Effect] {
        profile = snapshot.profile
        catalog = snapshot.catalog
        evaluator = ConsentEvaluator(profile: profile, catalog: catalog, day: today)
        headSeq = snapshot.headSeq
        loaded = true
        return readingList(window.reload())
    }

    /// A new day (UTC) has begun while the app is open: days waiting grow, and a template
    /// whose effective date has come is now current, so the window is read again (the
    /// store brings its statuses up to the day).
    mutating func newDay() -> [Effect] {
        evaluator = ConsentEvaluator(profile: profile, catalog: catalog, day: today)
        return readingList(window.reload())
    }

    /// What another desk (or this one) changed: the policy and head are taken, the window
    /// and the counts read again (the cursor stays on its customer), and an open detail
    /// reads its customer again.
    mutating func apply(_ changes: ListChanges) -> [Effect] {
        if changes.profile != profile || changes.catalog != catalog {
            profile = changes.profile
            catalog = changes.catalog
            evaluator = ConsentEvaluator(profile: profile, catalog: catalog, day: today)
        }
        headSeq = changes.headSeq
        var effects = readingList(window.reload())
        if case .detail(let detail) = screen, changes.customersTouched > 0 { effects += reloadDetail(detail, keepingChanges: true) }
        if case .room(let room) = screen { effects += room.storeChanged(app: &self) }
        return effects
    }

    /// The customer `tenantId` as the app knows it now: the detail's own read when it shows
    /// that customer, else its row in the list window's held page.
    func row(_ tenantId: String?) -> CustomerListRow? {
        guard let tenantId else { return nil }
        if case .detail(let detail) = screen, detail.tenantId == tenantId, let customer = detail.customer {
            return CustomerListRow(customer: customer, lastSeq: detail.lastSeq ?? 0, evaluator: evaluator, today: today)
        }
        return window.page.first { $0.customer.tenantId == tenantId }.map(CustomerListRow.init)
    }
}
