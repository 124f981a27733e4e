/// One line of the anchor journal: a store's head as this desk saw it right after a commit.
public struct Anchor: Codable, Hashable, Sendable {
    /// The store's identity (`StoreIdentity`).
    public let store: String
    /// The head's sequence number.
    public let seq: Int64
    /// The head's hash.
    public let hash: String
    /// When the commit was recorded (the event time, UTC).
    public let at: String
    /// The store file's path, so a file whose store identity changed is noticed.
    public let file: String?
    /// The signed checkpoint the commit issued, if it issued one (its signed note's text):
    /// kept outside the store, so a store whose history and checkpoints were both rewritten
    /// is still held to it.
    public var checkpoint: String?

    /// An anchor for the head `seq`/`hash` of store `store` (file `file`), recorded `at`.
    public init(store: String, seq: Int64, hash: String, at: String, file: String? = nil, checkpoint: String? = nil) {
        self.store = store
        self.seq = seq
        self.hash = hash
        self.at = at
        self.file = file
        self.checkpoint = checkpoint
    }
}
