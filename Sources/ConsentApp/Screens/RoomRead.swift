import ConsentModel
import ConsentStore

/// A read a screen room asks for (gitui's one async job type): what to read, as a function
/// of the store's seam. The runner runs it on its reader, off the key path, and hands the
/// answer back to the room showing (`ScreenRoom.received`), which keeps it only when it
/// answers its newest request. A new data screen states its reads here and needs no new
/// effect, event, `update` case or runner code.
public struct RoomRead: Sendable, Equatable {
    /// The request number (`AppState.lastRequest`) the room keeps to know its newest read.
    public let request: Int
    /// What is read, in a few words (for tests and traces; two reads are equal when their
    /// number and words are).
    public let label: String
    let run: @Sendable (any DeskStore) throws(StoreError) -> any Sendable

    /// A read numbered `request`, described by `label`, that gives what `run` reads from the store.
    public init<Answer: Sendable>(request: Int, _ label: String,
                                  _ run: @escaping @Sendable (any DeskStore) throws(StoreError) -> Answer) {
        self.request = request
        self.label = label
        self.run = { store throws(StoreError) in try run(store) }
    }

    public static func == (lhs: RoomRead, rhs: RoomRead) -> Bool { lhs.request == rhs.request && lhs.label == rhs.label }
}

/// The answer to a `RoomRead`: what it read, or why it could not.
public struct RoomAnswer: Sendable {
    public let request: Int
    public let result: Result<any Sendable, StoreError>
}
