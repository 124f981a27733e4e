import ConsentModel

/// `verify`: the chain recomputed from the first event, the projections replayed and
/// compared, the anchors and checkpoints held to. Each backend reads its own history for it.
public protocol StoreVerifying: AnyObject, Sendable {
    /// Checks the store (and, when given, that it still holds `expected`); `full` adds the
    /// slow checks (the search index's own check).
    func verify(expecting expected: ExpectedHead?, full: Bool,
                progress: ((Int, Int) -> Void)?) throws(StoreError) -> VerifyReport
}

extension StoreVerifying {
    /// Checks the store.
    public func verify() throws(StoreError) -> VerifyReport { try verify(expecting: nil, full: false, progress: nil) }
}
