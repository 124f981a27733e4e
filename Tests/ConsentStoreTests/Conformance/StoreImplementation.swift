import ConsentModel
import ConsentStore
import Foundation
import Testing
import TestSupport

/// One implementation of the store seam (`DeskStore`) that `StoreConformanceTests` runs:
/// how to open a fresh, empty store of it for one test. A second backend adds itself to
/// `all` (docs/architecture.md, "The store seam").
struct StoreImplementation: Sendable, CustomTestStringConvertible {
    let name: String
    /// A new empty store in `dir` (a temporary folder of the test's own), writing as `actor`.
    let open: @Sendable (_ dir: TemporaryDirectory, _ clock: any ConsentClock, _ actor: StoreActor) throws -> any DeskStore

    var testDescription: String { name }

    /// The SQLite file store in a temporary folder.
    static let sqlite = StoreImplementation(name: "SQLite file") { dir, clock, actor in
        try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, actor: actor)
    }

    /// Every implementation the suite runs against.
    static let all: [StoreImplementation] = [.sqlite]
}
