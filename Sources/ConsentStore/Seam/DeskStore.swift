import ConsentModel

/// Everything the app and the CLI hold a store for: the reading, appending, verifying
/// and checkpoint protocols, and where and as whom it was opened. `ConsentStore` (SQLite)
/// is today's one implementation; `StoreConformanceTests` runs every implementation
/// through the same behaviour (docs/architecture.md, "The store seam").
public protocol DeskStore: StoreReading, ListReading, LogReading, StoreAppending, StoreVerifying, CheckpointKeeping {
    /// Where the store is (outputs are refused over it).
    var location: StoreLocation { get }
    /// Who is making the changes this process records.
    var actor: StoreActor { get }
    /// Whether it was opened to write.
    var mode: ConsentStore.OpenMode { get }
    /// The journal this desk anchors its commits in, if any.
    var anchorJournal: AnchorJournal? { get }
    /// Anchors every commit of this desk in `journal`.
    func keepAnchors(in journal: AnchorJournal)
    /// Signs a checkpoint after each write when `signing` holds an active key of the store.
    func signCheckpoints(with signing: CheckpointSigning)
    /// Writes the rows of customers `tenantIds` to a CSV file at `path` through the one writer.
    func exportCustomers(_ tenantIds: [String], toCSV path: String, force: Bool) throws(StoreError) -> Int
}

extension ConsentStore: DeskStore {}

extension DeskStore {
    /// Writes the rows of customers `tenantIds` to a new CSV file at `path`.
    public func exportCustomers(_ tenantIds: [String], toCSV path: String) throws(StoreError) -> Int {
        try exportCustomers(tenantIds, toCSV: path, force: false)
    }
}
