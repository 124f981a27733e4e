import ConsentModel
import Foundation
import GRDB
import TransparencyLog

/// Signs checkpoints after writes, when this desk holds an active signing key of the store:
/// at most one a minute (`interval`), inside the write transaction that appended events, so
/// a checkpoint never names a tree the store does not hold. A key that cannot be read is
/// reported and the write goes on: a checkpoint is never worth losing a change for.
public final class CheckpointSigning: @unchecked Sendable {
    public let folder: SigningKeyFolder
    /// Seconds between automatic checkpoints.
    public let interval: TimeInterval
    private let report: (@Sendable (String) -> Void)?
    private let lock = NSLock()
    private var loaded: [String: SignerKey] = [:]
    private var reported = false

    public init(folder: SigningKeyFolder, interval: TimeInterval = 60, report: (@Sendable (String) -> Void)? = nil) {
        self.folder = folder
        self.interval = interval
        self.report = report
    }

    /// This desk's active signing key of the store in `db`, if it holds one (nil otherwise).
    func signer(_ db: Database) throws -> SignerKey? {
        for key in try ConsentStore.signingKeys(db).reversed() where key.isActive {
            if let known = lock.withLock({ loaded[key.record.keyId] }) { return known }
            guard let id = UInt32(key.record.keyId, radix: 16) else { continue }
            do {
                if let found = try folder.key(id), found.verifier.description == key.record.verifierKey {
                    lock.withLock { loaded[key.record.keyId] = found }
                    return found
                }
            } catch {
                warnOnce(error.description)
            }
        }
        return nil
    }

    /// Signs a checkpoint in this transaction when the last one is older than `interval`;
    /// returns its signed note (for the anchor journal), nil when none was due.
    func afterAppend(_ db: Database, at: String, now: Date) throws -> String? {
        if let last = try String.fetchOne(db, sql: "SELECT at FROM checkpoints ORDER BY rowid DESC LIMIT 1"),
           let when = ISO8601.date(last), now.timeIntervalSince(when) < interval { return nil }
        guard let signer = try signer(db) else { return nil }
        return try ConsentStore.issueCheckpoint(db, signer: signer, at: at).formatted
    }

    private func warnOnce(_ text: String) {
        let first = lock.withLock { () -> Bool in
            defer { reported = true }
            return !reported
        }
        if first { report?(text) }
    }

    /// Where a store keeps its signing (none until `signCheckpoints(with:)`).
    final class Slot: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: CheckpointSigning?
        var signing: CheckpointSigning? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }
}
