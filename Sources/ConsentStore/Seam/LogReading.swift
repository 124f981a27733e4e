import ConsentModel

/// The activity log and the whole history as `log` and `export --format history` read them.
public protocol LogReading: AnyObject, Sendable {
    /// The events `query` selects, newest first, each with its customer's name.
    func activity(_ query: ActivityQuery) throws(StoreError) -> [ActivityEntry]
    /// Customer `tenantId` as it was just before event `seq` (what an edit changed).
    func customerBefore(_ seq: Int64, of tenantId: String) throws(StoreError) -> Customer?
    /// Every event in order with its customer as it was before it; returns the head read.
    func forEachEventWithPrevious(_ body: (StoredEvent, Customer?) throws -> Void) throws(StoreError) -> StoreHead
}
