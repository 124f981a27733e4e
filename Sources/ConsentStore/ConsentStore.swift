import ConsentModel
import Foundation
import GRDB

/// A partner's consent records in one SQLite file (WAL mode): an append-only,
/// hash-chained history of events, and the current state projected from it in the
/// same transaction. The only thing that touches the file.
public final class ConsentStore: Sendable {
    /// Where the file is.
    public let location: StoreLocation
    /// Who is making the changes this process records.
    public let actor: StoreActor
    /// A `DatabasePool` (WAL: reads run beside the write) for a store opened to write; a
    /// `DatabaseQueue` for a read-only or immutable open.
    let queue: any DatabaseWriter
    let clock: any ConsentClock
    /// Watches and stops waits for another desk's lock (see `cancellable`).
    let waits = StoreWaits()
    /// Where this desk anchors each commit (none until `keepAnchors(in:)`).
    let anchors = AnchorJournal.Slot()
    /// Signs checkpoints after writes when this desk holds a key (none until `signCheckpoints(with:)`).
    let signing = CheckpointSigning.Slot()

    /// The `application_id` that marks a ConsentDesk file ("CDSK").
    static let applicationId: Int32 = 0x4344_534B

    /// How a command opens the store.
    public enum OpenMode: Sendable {
        /// For changes: a missing store is created (directory 0700, file 0600).
        case readWrite
        /// For reads: the store must exist; nothing is created or changed. A store this
        /// process may not write (file or folder read-only, a read-only mount) is opened
        /// immutable, so no `-shm` is left behind to block later writers.
        case readOnly
    }

    /// How this store was opened.
    public let mode: OpenMode

    /// Opens the store at `location`; with `.readWrite` (the default) it is created
    /// (directory 0700, file 0600) if missing. A file that is not a ConsentDesk store, is
    /// damaged, is newer, or that others can write is refused and left as it is.
    public init(location: StoreLocation, clock: any ConsentClock = SystemClock(),
                actor: StoreActor = StoreActor(userId: "", employee: StoreActor.osUser),
                mode: OpenMode = .readWrite) throws(StoreError) {
        self.location = location
        self.clock = clock
        self.actor = actor
        self.mode = mode
        if mode == .readOnly {
            queue = try Self.openForReading(location)
            return
        }
        if !(try FileSecurity.prepare(location)) {
            try Self.create(location, today: clock.today())
        }
        TemporaryFiles.sweep(folder: location.directory.path)
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .callback(waits.handler(timeout: 15))
        config.label = "ConsentDesk"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Large transactions (imports, the demo, a recompute) keep their pages in memory.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        let path = location.file.path
        queue = try Self.openPool(path: path, configuration: config, today: clock.today())
        try FileSecurity.tighten(location)
    }

    /// Opens (and migrates) the writable store at `path`. A new store is made whole before
    /// it takes its name (`create`), so a file that is not a store is refused at once.
    static func openPool(path: String, configuration: Configuration, today: Day) throws(StoreError) -> DatabasePool {
        try openPoolOnce(path: path, configuration: configuration, today: today)
    }

    static func openPoolOnce(path: String, configuration: Configuration, today: Day) throws(StoreError) -> DatabasePool {
        // Look before touching: switching to WAL would write to a file that is not ours.
        try Self.inspect(path)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError.from(error, path: path)
        }
        do {
            try Self.migrator(today: today).migrate(pool)
        } catch {
            throw StoreError.from(error, path: path)
        }
        return pool
    }

    /// Opens an existing store without creating or changing anything, and checks it is ours
    /// and not newer.
    static func openForReading(_ location: StoreLocation) throws(StoreError) -> DatabaseQueue {
        let path = location.file.path
        let writable = try FileSecurity.prepareForReading(location)
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(15)
        config.label = "ConsentDesk"
        // A store we may not write: immutable, unless a crash left changes in the -wal that
        // only SQLite's read-only WAL support can see.
        var walInfo = stat()
        let pendingWAL = stat(path + "-wal", &walInfo) == 0 && walInfo.st_size > 0
        let name = writable || pendingWAL ? path : "file:" + uriEscaped(path) + "?immutable=1"
        do {
            let queue = try DatabaseQueue(path: name, configuration: config)
            try queue.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if id != applicationId { throw StoreError.notAStore(path: path) }
                if try migrator.hasBeenSuperseded(db) { throw StoreError.newerSchema(path: path) }
            }
            try queue.inDatabase { db in try Self.showNotesColumnWhenMissing(db) }
            return queue
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// A path as the file part of an SQLite URI.
    static func uriEscaped(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3f")
            .replacingOccurrences(of: "#", with: "%23")
    }

    /// Reads an existing file without writing to it: is it ours, and not newer?
    static func inspect(_ path: String) throws(StoreError) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(15)
        do {
            let probe = try DatabaseQueue(path: path, configuration: config)
            try probe.read { db in
                try checkIdentity(db, path: path)
                if try migrator.hasBeenSuperseded(db) { throw StoreError.newerSchema(path: path) }
            }
            try probe.close()
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Refuses a file not marked as ours: another program's database, or one with no tables
    /// yet (a store is made whole before it takes its name, so an existing file is never
    /// made into one).
    static func checkIdentity(_ db: Database, path: String) throws {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if id != applicationId { throw StoreError.notAStore(path: path) }
    }

    /// The schema, through GRDB migrations. A file migrated by a newer binary is refused.
    static var migrator: SchemaMigrator { migrator(today: SystemClock().today()) }

    /// The schema; statuses filled by a migration are evaluated for `today`.
    static func migrator(today: Day) -> SchemaMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events-and-projections") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationId)")
            try db.execute(sql: """
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    userId TEXT NOT NULL,
                    employee TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    customer TEXT,
                    payload TEXT NOT NULL,
                    prevHash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE INDEX events_customer ON events(customer, seq);
                CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                    BEGIN SELECT RAISE(ABORT, 'the history is append-only: events cannot be changed'); END;
                CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                    BEGIN SELECT RAISE(ABORT, 'the history is append-only: events cannot be deleted'); END;
                CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL, lastSeq INTEGER NOT NULL);
                CREATE TABLE customers (
                    tenantId TEXT PRIMARY KEY,
                    companyName TEXT NOT NULL,
                    domains TEXT NOT NULL,
                    country TEXT NOT NULL,
                    cloud TEXT NOT NULL,
                    resellerId TEXT,
                    subscriptions TEXT NOT NULL,
                    cFirst TEXT, cLast TEXT, cEmail TEXT, cPhone TEXT, cDate TEXT, cTemplate TEXT, cType TEXT,
                    cUserId TEXT, cEmployee TEXT, cEvidence TEXT, cReseller TEXT, cRecordedAt REAL,
                    rSentTo TEXT, rDate TEXT, rNote TEXT,
                    wDate TEXT, wReason TEXT,
                    lastSeq INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-customers-in-company-order") { db in
            // The list reads customers in this order; without the index SQLite sorts them all.
            try db.execute(sql: "CREATE INDEX customers_company ON customers(companyName, tenantId)")
        }
        migrator.registerMigration("v3-chain-format-and-identity") { db in
            // Events written before chain format 2 keep the 0x1F recipe they were hashed with.
            try db.execute(sql: """
                ALTER TABLE events ADD COLUMN chainVersion INTEGER NOT NULL DEFAULT 1;
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """)
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('storeId', ?)", arguments: [UUID().uuidString.lowercased()])
        }
        migrator.registerMigration("v4-last-withdrawal-date") { db in
            // Rule 10 needs the latest withdrawal after a confirmation has lifted it.
            try db.execute(sql: "ALTER TABLE customers ADD COLUMN wLastDate TEXT")
            let rows = try Row.fetchCursor(db, sql: "SELECT customer, payload FROM events WHERE kind = \(EventKind.withdrawn.sql) ORDER BY seq")
            var latest: [String: Day] = [:]
            while let row = try rows.next() {
                guard let id: String = row[0], let payload: String = row[1],
                      let event = try? StoreCoding.decoder.decode(ConsentEvent.self, from: Data(payload.utf8)),
                      case .withdrawn(_, let withdrawal) = event else { continue }
                latest[id] = max(withdrawal.date, latest[id] ?? withdrawal.date)
            }
            for (id, day) in latest {
                try db.execute(sql: "UPDATE customers SET wLastDate = ? WHERE tenantId = ?", arguments: [day.iso, id])
            }
        }
        migrator.registerMigration("v5-list-in-the-store") { db in
            // Status, sort keys and search text per customer, so the list is a query.
            try Self.addNotesColumn(db) // read with every customer row from here on (v7)
            try ListProjection.migrate(db, today: today)
        }
        migrator.registerMigration("v6-folded-sort-keys") { db in
            // Sorting on folded, locale-aware keys ("Göteborg" with G); status by urgency.
            try ListProjection.migrateSortKeys(db, today: today)
        }
        migrator.registerMigration("v7-notes-and-activity-log") { db in
            try Self.migrateNotesAndLog(db)
        }
        migrator.registerMigration("v8-follow-ups") { db in
            // Requests waiting and subscriptions renewing, as indexed queries.
            try ListProjection.migrateFollowUps(db)
        }
        migrator.registerMigration("v9-status-count-index") { db in
            // The list's total and its counts per status read an index of the status alone
            // (a few bytes a customer), not one of the sort indexes: a seventh of the pages
            // at a million customers, so the first screen and its counts come sooner.
            try db.execute(sql: "CREATE INDEX customers_status_count ON customers(status)")
        }
        migrator.registerMigration(ListProjection.foldMigration) { db in
            // Search text and sort keys with the one fold ("oresund" finds "Øresund").
            try ListProjection.migrateFold(db, today: today)
        }
        migrator.registerMigration("v11-merkle-tree-and-checkpoints") { db in
            // The events as the leaves of an RFC 6962 Merkle tree, and the checkpoints signed
            // of it, so an auditor can check one customer's pack without the store.
            try MerkleTable.migrate(db)
        }
        return SchemaMigrator(migrations: migrator)
    }
}

extension StoreError {
    /// Translates SQLite's and the file system's errors into words for a desk worker.
    static func from(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? ValidationError { return .invalid(error) }
        if let db = error as? DatabaseError {
            switch db.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
            case .SQLITE_FULL: return .diskFull
            case .SQLITE_CORRUPT: return .corrupted(path: path)
            case .SQLITE_NOTADB: return .notAStore(path: path)
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return .readOnly(path: path)
            case .SQLITE_IOERR:
                return .io(db.message ?? "I/O error")
            default: return .io(db.message ?? "\(db.resultCode)")
            }
        }
        return .io(String(describing: error))
    }
}
