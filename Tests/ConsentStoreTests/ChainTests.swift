import ConsentModel
import Foundation
import Testing
@testable import ConsentStore
import TestSupport

/// The version-1 recipe: each field followed by 0x1F.
func unitSeparated(_ fields: [String]) -> Data {
    var data = Data()
    for field in fields {
        data.append(contentsOf: field.utf8)
        data.append(0x1F)
    }
    return data
}

@Suite("The hash chain: versions, unambiguous input, the demo's front door, the clock")
struct ChainTests {
    @Test func eventsThatCollidedUnderVersionOneHashDifferentlyUnderVersionTwo() throws {
        // Same bytes under the 0x1F recipe: user "u" + employee "x\u{1F}y" against user "u\u{1F}x" + employee "y".
        func input(_ version: Int, user: String, employee: String) -> Data? {
            EventChain.hashInput(version: version, previous: EventChain.genesis, seq: 1, at: "2026-11-25T10:00:00.000Z",
                                 userId: user, employee: employee, kind: "customerAdded", customer: tenantA, payload: "{}")
        }
        let first = (user: "u", employee: "x\u{1F}y"), second = (user: "u\u{1F}x", employee: "y")
        #expect(input(1, user: first.user, employee: first.employee) == input(1, user: second.user, employee: second.employee))
        let a = try #require(input(2, user: first.user, employee: first.employee))
        let b = try #require(input(2, user: second.user, employee: second.employee))
        #expect(a != b)
        #expect(EventChain.hash(input: a) != EventChain.hash(input: b))
        #expect(input(3, user: "u", employee: "e") == nil)
    }

    @Test func everyNewEventIsHashedWithTheDocumentedVersionTwoRecipe() throws {
        let dir = TemporaryDirectory("chain")
        let store = try makeStore(dir)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        var events: [StoredEvent] = []
        try store.forEachEvent { events.append($0) }
        #expect(events.count == 5)
        for event in events {
            #expect(event.chainVersion == 2)
            let recipe = ChainRecipe.lengthPrefixed(["consentdesk-chain-v2", event.previousHash, String(event.seq), event.atText,
                                         event.userId, event.employee, event.kind, event.customer ?? "", event.payload])
            #expect(event.hashInput == recipe)
            #expect(try ChainRecipe.sha256Hex(recipe, in: dir) == event.hash)
        }
    }

    @Test func aStoreHashedWithVersionOneStillVerifiesAndGoesOnInVersionTwo() throws {
        let dir = TemporaryDirectory("chain")
        let original = try makeStore(dir)
        // Turn the history into what an older ConsentDesk wrote: the 0x1F recipe, chainVersion 1.
        let file = original.location.file.path
        var previous = EventChain.genesis
        var sql = "DROP TRIGGER events_no_update;"
        var events: [StoredEvent] = []
        try original.forEachEvent { events.append($0) }
        for event in events {
            let input = unitSeparated([previous, String(event.seq), event.atText, event.userId, event.employee, event.kind,
                                       event.customer ?? "", event.payload])
            let hash = try ChainRecipe.sha256Hex(input, in: dir)
            sql += "UPDATE events SET chainVersion = 1, prevHash = '\(previous)', hash = '\(hash)' WHERE seq = \(event.seq);"
            previous = hash
        }
        // And the schema an older ConsentDesk made: no chainVersion column, no identity.
        sql += "ALTER TABLE events DROP COLUMN chainVersion; DROP TABLE meta; DROP TABLE merkle; DROP TABLE checkpoints;"
        sql += "DELETE FROM grdb_migrations WHERE identifier IN ('v3-chain-format-and-identity', 'v11-merkle-tree-and-checkpoints');"
        let downgrade = try sqlite(file, sql)
        #expect(downgrade.status == 0, "\(downgrade.stderr)")
        // Opening it migrates it: old events are marked version 1 and the store gets its identity.
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, actor: StoreActor(userId: "", employee: "amy"))
        #expect(try store.identity() != nil)
        #expect(try store.verify().isValid)
        // New events carry on in version 2 after the old ones.
        try store.execute(.confirm(tenantId: tenantA, anna()))
        let report = try store.verify()
        #expect(report.isValid, "\(report)")
        #expect(report.eventsChecked == 5)
        var versions: [Int] = []
        try store.forEachEvent { versions.append($0.chainVersion) }
        #expect(versions == [1, 1, 1, 1, 2])
        // Going back to the ambiguous recipe after version 2 is not accepted, even with a recomputed hash.
        try store.execute(.request(tenantId: tenantB, RequestDraft(sentTo: "IT", date: "2026-11-24")))
        var all: [StoredEvent] = []
        try store.forEachEvent { all.append($0) }
        let newest = try #require(all.last)
        let downgraded = unitSeparated([newest.previousHash, String(newest.seq), newest.atText, newest.userId, newest.employee,
                                        newest.kind, newest.customer ?? "", newest.payload])
        let hash = try ChainRecipe.sha256Hex(downgraded, in: dir)
        #expect(try sqlite(file, "UPDATE events SET chainVersion = 1, hash = '\(hash)' WHERE seq = \(newest.seq);").status == 0)
        let after = try store.verify()
        #expect(!after.isValid)
        #expect(after.firstBadSeq == newest.seq)
        #expect(after.problem?.contains("never goes back") == true)
    }

    @Test func newStoresAndMigratedStoresHaveAnIdentity() throws {
        let dir = TemporaryDirectory("chain")
        let store = try makeStore(dir)
        let id = try #require(try store.identity())
        #expect(UUID(uuidString: id) != nil)
        // The folder lives as long as the store: a pool opens its readers when it needs them.
        let otherDir = TemporaryDirectory("chain")
        let other = try makeStore(otherDir)
        #expect(try other.identity() != id)
        // A copy (a backup) is the same history, so it keeps the identity.
        let copy = dir.file("copy.sqlite")
        try store.backup(to: copy)
        #expect(try ConsentStore(location: StoreLocation(path: copy), clock: clock).identity() == id)
    }

    @Test func demoRefusesAStoreWithARealProfileAndKeepsIt() throws {
        let dir = TemporaryDirectory("chain")
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, actor: StoreActor(userId: "", employee: "amy"))
        try store.execute(.setProfile(ProfileDraft(name: "Real Partner", tenantId: "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                                                   domains: "real.example", role: "directBill", defaultUserId: "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f")))
        let head = try store.headSeq()
        #expect(throws: StoreError.demoKeepsProfile(name: "Real Partner", path: store.location.file.path)) {
            try store.loadDemo(DemoGenerator(customers: 5, seed: 1, today: today))
        }
        #expect(try store.profile().name == "Real Partner")
        #expect(try store.headSeq() == head)
        #expect(try store.snapshot().customers.isEmpty)
    }

    @Test func demoLoadsOnceAndASecondLoadIsRefused() throws {
        let dir = TemporaryDirectory("chain")
        let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock, actor: StoreActor(userId: "", employee: "amy"))
        let written = try store.loadDemo(DemoGenerator(customers: 20, seed: 3, today: today))
        #expect(written > 20)
        #expect(throws: StoreError.demoNeedsEmptyStore(path: store.location.file.path)) {
            try store.loadDemo(DemoGenerator(customers: 20, seed: 4, today: today))
        }
        #expect(try store.snapshot().customers.count == 20)
        #expect(try store.verify().isValid)
    }

    @Test func aDeskWhoseClockIsBehindTheLastChangeSavesNothing() throws {
        let dir = TemporaryDirectory("chain")
        let store = try makeStore(dir)
        let head = try store.headSeq()
        let behind = try ConsentStore(location: StoreLocation(path: dir.path), clock: FixedClock(today, hour: 9),
                                      actor: StoreActor(userId: "", employee: "bob"))
        do {
            try behind.execute(.confirm(tenantId: tenantA, anna()))
            Issue.record("a desk with its clock behind saved a change")
        } catch {
            #expect(error.description.contains("clock is behind"))
            #expect(error.description.contains("nothing was saved"))
        }
        #expect(try store.headSeq() == head)
        #expect(try store.customer(tenantA)?.customer.confirmation == nil)
    }

    @Test func anUnreadableProjectionIsReportedNotThrown() throws {
        let dir = TemporaryDirectory("chain")
        let store = try makeStore(dir)
        #expect(try sqlite(store.location.file.path, "UPDATE state SET value = '{not json' WHERE key = 'profile';").status == 0)
        let report = try store.verify()
        #expect(!report.isValid)
        #expect(report.problem?.contains("cannot be read") == true)
    }

    @Test func eachCommitIsAnchoredAndVerifyFindsTheAnchoredHead() throws {
        let dir = TemporaryDirectory("chain")
        let store = try makeStore(dir)
        let journal = AnchorJournal(path: dir.file("state/consentdesk/anchors.jsonl"))
        store.keepAnchors(in: journal)
        try store.execute(.confirm(tenantId: tenantA, anna()))
        try store.execute(.request(tenantId: tenantB, RequestDraft(sentTo: "IT", date: "2026-11-24")))
        #expect(mode(dir.file("state/consentdesk")) == 0o700)
        #expect(mode(journal.path) == 0o600)
        let lines = try String(contentsOfFile: journal.path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let report = try store.verify()
        #expect(report.isValid)
        #expect(report.anchorsChecked == 2)
        #expect(report.headSeq == 6)
        #expect(journal.takeWarning() == nil)
    }

    @Test func aJournalThatCannotBeWrittenNeverUndoesTheCommit() throws {
        let dir = TemporaryDirectory("chain")
        let store = try makeStore(dir)
        try Data().write(to: URL(fileURLWithPath: dir.file("not-a-folder")))
        let journal = AnchorJournal(path: dir.file("not-a-folder/anchors.jsonl"))
        store.keepAnchors(in: journal)
        let outcome = try store.execute(.confirm(tenantId: tenantA, anna()))
        #expect(outcome.seq == 5)
        #expect(try store.customer(tenantA)?.customer.confirmation != nil)
        #expect(journal.takeWarning()?.contains("The change was saved") == true)
        #expect(try store.verify().isValid)
    }
}
