import ConsentModel
import ConsentStore

extension AppState {
    /// Rows of the list area (between the header and the two bottom lines).
    var listHeight: Int { max(1, height - 5) }

    /// Replaces everything with a fresh snapshot.
    mutating func apply(_ snapshot: StoreSnapshot) {
        let evaluator = ConsentEvaluator(profile: snapshot.profile, catalog: snapshot.catalog, day: today)
        let today = self.today
        install(snapshot.customers.map { CustomerRow(customer: $0, lastSeq: snapshot.lastSeqs[$0.tenantId] ?? 0, evaluator: evaluator, today: today) },
                header: snapshot)
    }

    /// Replaces everything with `rows` (in the store's company order) and the profile,
    /// catalogue and counts of `header`.
    /// Rows built by a caller with this state's evaluator are re-evaluated if the header
    /// brings another profile or catalogue.
    mutating func install(_ rows: [CustomerRow], header snapshot: StoreSnapshot) {
        let stale = loaded && (snapshot.profile != profile || snapshot.catalog != catalog)
        profile = snapshot.profile
        catalog = snapshot.catalog
        evaluator = ConsentEvaluator(profile: profile, catalog: catalog, day: today)
        headSeq = snapshot.headSeq
        self.rows = rows
        if stale {
            for index in self.rows.indices { self.rows[index].reevaluate(evaluator, today: today) }
        }
        indexByTenant = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.customer.tenantId, $0) })
        loaded = true
        loadingTotal = rows.count < snapshot.totalCustomers ? snapshot.totalCustomers : nil
        // The store returns rows in company order: the default sort needs no sorting.
        rowsInCompanyOrder = true
        resort()
    }

    /// A new day (UTC) has begun while the app is open: days waiting grow, and a template
    /// whose effective date has come is now current, so every status is worked out again.
    mutating func newDay() {
        evaluator = ConsentEvaluator(profile: profile, catalog: catalog, day: today)
        for index in rows.indices { rows[index].reevaluate(evaluator, today: today) }
        resort()
    }

    /// Merges what another desk (or this one) changed.
    mutating func apply(_ changes: StoreChanges) {
        let policyChanged = changes.profile != profile || changes.catalog != catalog
        profile = changes.profile
        catalog = changes.catalog
        headSeq = changes.headSeq
        if policyChanged {
            evaluator = ConsentEvaluator(profile: profile, catalog: catalog, day: today)
            for index in rows.indices {
                rows[index].reevaluate(evaluator, today: today)
            }
        }
        for customer in changes.customers {
            let row = CustomerRow(customer: customer, lastSeq: changes.lastSeqs[customer.tenantId] ?? 0,
                                  evaluator: evaluator, today: today)
            if let index = indexByTenant[customer.tenantId] {
                if rows[index].customer.companyName != customer.companyName { rowsInCompanyOrder = false }
                rows[index] = row
            } else {
                indexByTenant[customer.tenantId] = rows.count
                rows.append(row)
                rowsInCompanyOrder = false
            }
        }
        if case .detail(var detail) = screen, let index = indexByTenant[detail.tenantId],
           changes.customers.contains(where: { $0.tenantId == detail.tenantId }) {
            detail.customer?.confirmation = rows[index].customer.confirmation
            screen = .detail(detail)
        }
        if !changes.customers.isEmpty || policyChanged { resort() }
    }

    /// Sorts all rows by the current column, then filters.
    mutating func resort() {
        searchIndex = SearchIndex(rows)
        var counts: [ConsentStatus: Int] = [:]
        for row in rows { counts[row.status, default: 0] += 1 }
        self.counts = counts
        if sort == .company && ascending && rowsInCompanyOrder {
            sortedOrder = Array(rows.indices)
            refilter(force: true)
            return
        }
        let rows = self.rows
        let ascending = self.ascending
        func less(_ a: Int, _ b: Int) -> Bool {
            let x = rows[a], y = rows[b]
            let ordered: Bool?
            switch sort {
            case .status: ordered = x.status == y.status ? nil : x.status < y.status
            case .company: ordered = nil
            case .domain: ordered = x.customer.primaryDomain == y.customer.primaryDomain ? nil : x.customer.primaryDomain < y.customer.primaryDomain
            case .country: ordered = x.customer.country == y.customer.country ? nil : x.customer.country < y.customer.country
            case .cloud: ordered = x.customer.cloud == y.customer.cloud ? nil : x.customer.cloud.rawValue < y.customer.cloud.rawValue
            case .reseller:
                let r1 = x.customer.resellerId ?? "", r2 = y.customer.resellerId ?? ""
                ordered = r1 == r2 ? nil : r1 < r2
            case .agreement:
                let t1 = x.customer.confirmation?.agreementType.rawValue ?? "", t2 = y.customer.confirmation?.agreementType.rawValue ?? ""
                ordered = t1 == t2 ? nil : t1 < t2
            case .date:
                let d1 = x.customer.confirmation?.dateAgreed.daysSinceEpoch ?? Int.min
                let d2 = y.customer.confirmation?.dateAgreed.daysSinceEpoch ?? Int.min
                ordered = d1 == d2 ? nil : d1 < d2
            case .contact:
                let c1 = x.customer.confirmation?.contact.fullName ?? "", c2 = y.customer.confirmation?.contact.fullName ?? ""
                ordered = c1 == c2 ? nil : c1 < c2
            }
            if let ordered { return ascending ? ordered : !ordered }
            // Ties (and the company column): by company name in byte order, as the store
            // sorts, then tenant id.
            if x.customer.companyName != y.customer.companyName {
                return x.customer.companyName.utf8.lexicographicallyPrecedes(y.customer.companyName.utf8) == ascending
            }
            return x.customer.tenantId < y.customer.tenantId
        }
        sortedOrder = Array(rows.indices).sorted(by: less)
        refilter(force: true)
    }

    /// Recomputes the visible rows from the view and the filter, keeping the selected
    /// customer selected. A query that extends the last one only narrows the last result.
    mutating func refilter(force: Bool = false) {
        let selected = selectedRow?.customer.tenantId
        let needle = Array(CustomerSearch.query(filter.text).utf8)
        if force || view != visibleView { filterSteps = [] }
        if let step = filterSteps.lastIndex(where: { $0.query == needle }) {
            visible = filterSteps[step].visible
            filterSteps.removeSubrange((step + 1)...)
        } else {
            let narrowing = !force && view == visibleView && needle.starts(with: visibleQuery)
            visible = searchIndex.filter(narrowing ? visible : sortedOrder, view: view, needle: needle)
            filterSteps.removeAll { !needle.starts(with: $0.query) }
            filterSteps.append((needle, visible))
        }
        visibleQuery = needle
        visibleView = view
        if let selected, let index = indexByTenant[selected], let position = visible.firstIndex(of: index) {
            selection = position
        } else {
            selection = min(selection, max(0, visible.count - 1))
        }
        keepSelectionVisible()
    }

    mutating func moveSelection(by delta: Int) {
        guard !visible.isEmpty else { return }
        selection = max(0, min(visible.count - 1, selection + delta))
        keepSelectionVisible()
    }

    mutating func keepSelectionVisible() {
        let height = listHeight
        if selection < scroll { scroll = selection }
        if selection >= scroll + height { scroll = selection - height + 1 }
        scroll = max(0, min(scroll, max(0, visible.count - height)))
    }
}
