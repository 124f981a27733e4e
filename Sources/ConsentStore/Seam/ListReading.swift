import ConsentModel

/// The customer list as the app and `list` read it: pages, a window around a place,
/// counts per status, search, and what changed since a head. Status, sort keys and search
/// text are the model's (`ConsentEvaluator`, `CustomerSearch`); a backend keeps them
/// materialised so a page at a million customers is a query.
public protocol ListReading: AnyObject, Sendable {
    /// Brings the stored statuses up to today if a day has passed; false when that was
    /// stopped. `progress` is told (done, total) while it runs.
    @discardableResult
    func listIsCurrent(progress: ((Int, Int) -> Void)?) throws(StoreError) -> Bool
    /// Up to `limit` rows of `query` from `start`, with the total.
    func listPage(_ query: ListQuery, from start: ListPageStart, limit: Int) throws(StoreError) -> ListPage
    /// The rows around `place` (the app's window), with the total and, when `counting`, the counts per status.
    func listWindow(_ query: ListQuery, at place: ListPlace, limit: Int, counting: Bool,
                    knownTotal: Int?, progress: ((Int, Int) -> Void)?) throws(StoreError) -> ListWindowPage
    /// How many customers `query` lists.
    func listCount(_ query: ListQuery) throws(StoreError) -> Int
    /// How many customers of each status match `search`.
    func statusCounts(search: String) throws(StoreError) -> [ConsentStatus: Int]
    /// Where customer `tenantId` stands in `query` (0-based), nil when it is not listed.
    func position(of tenantId: String, in query: ListQuery) throws(StoreError) -> Int?
    /// What changed after event `seq`: the new head and how many customers it touched.
    func listChanges(since seq: Int64) throws(StoreError) -> ListChanges
    /// Every row of `query` in order, with the evaluator that judged it; nil when stopped.
    func forEachListed(_ query: ListQuery, progress: ((Int, Int) -> Void)?,
                       _ body: (ListRow, ConsentEvaluator) throws -> Void) throws -> ListedHead?
    /// The tenant ids `query` lists, at most `limit`.
    func listTenantIds(_ query: ListQuery, limit: Int) throws(StoreError) -> [String]
}

extension ListReading {
    /// Up to `limit` rows of `query` from the top.
    public func listPage(_ query: ListQuery, limit: Int) throws(StoreError) -> ListPage {
        try listPage(query, from: .offset(0), limit: limit)
    }

    /// How many customers of each status there are.
    public func statusCounts() throws(StoreError) -> [ConsentStatus: Int] { try statusCounts(search: "") }

    /// Every row of `query` in order.
    public func forEachListed(_ query: ListQuery, _ body: (ListRow, ConsentEvaluator) throws -> Void) throws -> ListedHead? {
        try forEachListed(query, progress: nil, body)
    }
}
