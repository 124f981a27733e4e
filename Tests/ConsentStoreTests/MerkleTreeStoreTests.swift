import ConsentModel
import Foundation
import Testing
@testable import ConsentStore
import TestSupport

/// Issue 21: the events are the leaves of the store's Merkle tree, kept with every write and
/// built for existing stores by their migration; `verify` holds the stored tree to the events.
@Suite("The store's Merkle tree")
struct MerkleTreeStoreTests {
    func eventHashes(_ file: String) throws -> [String] {
        try sqlite(file, "SELECT hash FROM events ORDER BY seq;").stdout.split(separator: "\n").map(String.init)
    }

    func storedHashes(_ file: String) throws -> [String] {
        try sqlite(file, "SELECT lower(hex(hash)) FROM merkle ORDER BY idx;").stdout.split(separator: "\n").map(String.init)
    }

    @Test func everyWriteKeepsTheTreeOfItsEventsAndVerifyChecksIt() throws {
        let dir = TemporaryDirectory("merkle")
        let store = try makeStore(dir)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        try store.execute(.note(tenantId: tenantB, text: "Called"))
        let file = store.location.file.path
        let hashes = try eventHashes(file)
        #expect(hashes.count == 6)
        #expect(try storedHashes(file) == MerkleRecipe.storedHashes(eventHashes: hashes))
        #expect(try sqlite(file, "SELECT value FROM meta WHERE key = 'treeSize';").stdout.hasPrefix("6"))
        #expect(try store.verify().isValid)
        // A stored hash changed by hand is found, naming the event it belongs to.
        let tamper = try sqlite(file, "DROP TRIGGER merkle_no_update; UPDATE merkle SET hash = zeroblob(32) WHERE idx = 4;")
        #expect(tamper.status == 0)
        let report = try store.verify()
        #expect(!report.isValid)
        #expect(report.firstBadSeq == 4)
        #expect(report.problem?.contains("Merkle tree") == true)
    }

    @Test func theMigrationBuildsTheTreeOfAnExistingHistory() throws {
        let dir = TemporaryDirectory("merkle-migration")
        let store = try makeStore(dir)
        for n in 0..<20 { try store.execute(.note(tenantId: tenantA, text: "Call \(n)")) }
        let file = store.location.file.path
        // The store as the release before the tree left it.
        let downgrade = try sqlite(file, """
            DROP TABLE merkle; DROP TABLE checkpoints; DELETE FROM meta WHERE key = 'treeSize';
            DELETE FROM grdb_migrations WHERE identifier = 'v11-merkle-tree-and-checkpoints';
            """)
        #expect(downgrade.status == 0, "\(downgrade.stderr)")
        let reopened = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, actor: StoreActor(userId: "", employee: "amy"))
        let hashes = try eventHashes(file)
        #expect(try storedHashes(file) == MerkleRecipe.storedHashes(eventHashes: hashes))
        #expect(try reopened.verify().isValid)
        // The tree is append-only like the history.
        #expect(try sqlite(file, "DELETE FROM merkle WHERE idx = 0;").status != 0)
    }
}
