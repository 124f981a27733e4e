import ConsentModel

/// The customer detail screen.
public struct DetailState: Sendable {
    public var tenantId: String
    /// The read asked for this screen; answers to older reads are dropped.
    public var request: Int
    /// Loaded with subscriptions; nil until the store answers.
    public var customer: Customer?
    /// The loaded customer's last event: what a save from the detail expects.
    public var lastSeq: Int64?
    public var history: [HistoryEntry] = []
    public var scroll = 0
    /// The history entry ↑/↓ selected (by event number, so it stays through a reload).
    public var selectedSeq: Int64?
}
