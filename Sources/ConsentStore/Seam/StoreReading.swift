import ConsentModel

/// What every screen and command reads of a store: who it is, how far its history goes,
/// the partner's profile and catalogue, and one customer with its history. A backend
/// answers from what it holds; it applies no rule of its own (the rules are the model's).
public protocol StoreReading: AnyObject, Sendable {
    /// The store's identity (a UUID given when it was made), nil for a store from before identities.
    func identity() throws(StoreError) -> String?
    /// The newest event's number and hash (0 and the genesis hash for an empty history).
    func head() throws(StoreError) -> StoreHead
    /// The newest event's number (0 for an empty history): a cheap "did anything change?".
    func headSeq() throws(StoreError) -> Int64
    /// The partner's profile as the history leaves it.
    func profile() throws(StoreError) -> PartnerProfile
    /// The agreement templates as the history leaves them.
    func catalog() throws(StoreError) -> TemplateCatalog
    /// Customer `tenantId` (any case) and the number of the last event about it, or nil.
    func customer(_ tenantId: String) throws(StoreError) -> (customer: Customer, lastSeq: Int64)?
    /// Every event about customer `tenantId`, oldest first.
    func history(of tenantId: String) throws(StoreError) -> [StoredEvent]
    /// The customer a desk worker typed: tenant id, domain or name, as `ConsentStore.resolve` matches.
    func resolve(_ text: String) throws(StoreError) -> Customer
    /// The profile, catalogue, head and up to `limit` customers (nil: all), read at one moment.
    func snapshot(limit: Int?) throws(StoreError) -> StoreSnapshot
    /// Like `snapshot`, handing each customer (in list order) to `each` instead of keeping them.
    func readCustomers(limit: Int?, _ each: (Customer, Int64) -> Void) throws(StoreError) -> StoreSnapshot
    /// The customers changed after event `seq`, with the new head.
    func changes(since seq: Int64) throws(StoreError) -> StoreChanges
    /// Every event in order, oldest first.
    func forEachEvent(_ body: (StoredEvent) throws -> Void) throws(StoreError)
    /// How many customers each reseller serves or collected for.
    func resellerCustomerCounts() throws(StoreError) -> [String: Int]
}

extension StoreReading {
    /// The profile, catalogue, head and every customer.
    public func snapshot() throws(StoreError) -> StoreSnapshot { try snapshot(limit: nil) }

    /// Every customer, in list order, handed to `each`.
    public func readCustomers(_ each: (Customer, Int64) -> Void) throws(StoreError) -> StoreSnapshot {
        try readCustomers(limit: nil, each)
    }
}
