import ConsentModel
import ConsentStore

extension AppState {
    /// Rows of the list area (between the header and the two bottom lines).
    var listHeight: Int { max(1, height - 5) }

    /// Replaces everything with a fresh snapshot.
    mutating func apply(_ snapshot: StoreSnapshot) {
        let evaluator = ConsentEvaluator(profile: snapshot.profile, catalog: snapshot.catalog, day: today)
        let today = self.today
        install(snapshot.customers.map { CustomerListRow(customer: $0, lastSeq: snapshot.lastSeqs[$0.tenantId] ?? 0, evaluator: evaluator, today: today) },
                header: snapshot)
    }

    /// Replaces everything with `rows` (in the store's company order) and the profile,
    /// catalogue and counts of `header`.
    /// Rows built by a caller with this state's evaluator are re-evaluated if the header
    /// brings another profile or catalogue.
    mutating func install(_ rows: [CustomerListRow], header snapshot: StoreSnapshot) {
        let stale = loaded && (snapshot.profile != profile || snapshot.catalog != catalog)
        profile = snapshot.profile
        catalog = snapshot.catalog
        evaluator = ConsentEvaluator(profile: profile, catalog: catalog, day: today)
        headSeq = snapshot.headSeq
        list.replaceRows(rows)
        if stale { list.reevaluate(evaluator, today: today) }
        loaded = true
        loadingTotal = rows.count < snapshot.totalCustomers ? snapshot.totalCustomers : nil
    }

    /// A new day (UTC) has begun while the app is open: days waiting grow, and a template
    /// whose effective date has come is now current, so every status is worked out again.
    mutating func newDay() {
        evaluator = ConsentEvaluator(profile: profile, catalog: catalog, day: today)
        list.reevaluate(evaluator, today: today)
    }

    /// Merges what another desk (or this one) changed.
    mutating func apply(_ changes: StoreChanges) {
        let policyChanged = changes.profile != profile || changes.catalog != catalog
        profile = changes.profile
        catalog = changes.catalog
        headSeq = changes.headSeq
        if policyChanged {
            evaluator = ConsentEvaluator(profile: profile, catalog: catalog, day: today)
            list.reevaluate(evaluator, today: today, resorting: false)
        }
        for customer in changes.customers {
            list.merge(CustomerListRow(customer: customer, lastSeq: changes.lastSeqs[customer.tenantId] ?? 0,
                                   evaluator: evaluator, today: today))
        }
        if case .detail(var detail) = screen, let row = list.row(detail.tenantId),
           changes.customers.contains(where: { $0.tenantId == detail.tenantId }) {
            detail.customer?.confirmation = row.customer.confirmation
            screen = .detail(detail)
        }
        if !changes.customers.isEmpty || policyChanged { list.resort() }
    }
}
