/// The newest event of a store's history: what an export or a backup was taken at, and
/// what an auditor can later hold the store to (`verify --expect SEQ:HASH`).
public struct StoreHead: Hashable, Sendable {
    /// The newest event's sequence number (0 for an empty history).
    public let seq: Int64
    /// The newest event's hash (the genesis hash, 64 zeros, for an empty history).
    public let hash: String

    /// The head at event `seq` with `hash`.
    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }
}
