import ConsentModel
import ConsentStore
import Foundation
import Testing
import TestSupport
@testable import ConsentApp

/// One connection pool per store file per process (issue 22.2): the app used to open two
/// more pools on the file it was given (one for saves, one for reads), each with its own
/// writer connection and busy handler.
@Suite("The app opens no second pool on its store")
struct OnePoolTests {
    /// The open file descriptors of this process that point at `path`.
    static func descriptors(of path: String) throws -> Int {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").filter { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + fd)) == target
        }.count
    }

    @Test func theAppAddsNoConnectionsOfItsOwnToTheStoreFile() throws {
        let fixture = try AppFixture(customers: 3)
        let file = fixture.store.location.file.path
        let before = try Self.descriptors(of: file)
        #expect(before >= 1)
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        #expect(try Self.descriptors(of: file) == before)
        // Saves and reads still run beside each other on the one store.
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        let tenant = try #require(runner.state.listed(on: fixture.store).first).customer.tenantId
        for event in runner.perform(.save(.note(tenantId: tenant, text: "called"), expecting: nil, done: .noted(company: "x"),
                                          request: 1)) { runner.dispatch(event) }
        runner.waitForSaves()
        #expect(try fixture.store.history(of: tenant).last?.kind == "noted")
    }
}
