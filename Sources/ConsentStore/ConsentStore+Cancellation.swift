import Foundation
import GRDB

/// Stops a write that waits for another desk's write lock. Safe to use from any thread.
public final class WriteCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    /// Asks the write to stop waiting; a write already under way finishes.
    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}

extension ConsentStore {
    /// Runs `body` (this store's writes) so that a wait for another desk's write lock can be
    /// watched and stopped. `onWait` is called once, from the waiting thread, when the wait
    /// has lasted a moment; after `cancellation.cancel()` the wait ends at once and the write
    /// fails with `StoreError.busy`, nothing written. Cancelled before it starts, nothing runs.
    /// One such write at a time per store (the app runs its writes one after another).
    public func cancellable<T>(_ cancellation: WriteCancellation, onWait: @escaping @Sendable () -> Void,
                               _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        if cancellation.isCancelled { throw StoreError.busy }
        waits.watch(cancellation, onWait: onWait)
        defer { waits.watch(nil, onWait: nil) }
        return try body()
    }
}

/// The store's busy handler: like a busy timeout, but it can say that a write is waiting
/// and stop the wait when the write is cancelled.
final class StoreWaits: @unchecked Sendable {
    private let lock = NSLock()
    private var cancellation: WriteCancellation?
    private var onWait: (@Sendable () -> Void)?
    /// When the current wait began (SQLite's first retry).
    private var waitingSince: Date?

    /// How long a write waits before `onWait` is told.
    static let noticeAfter: TimeInterval = 0.2
    /// How long to sleep between tries.
    static let pause: useconds_t = 10_000

    func watch(_ cancellation: WriteCancellation?, onWait: (@Sendable () -> Void)?) {
        lock.lock()
        self.cancellation = cancellation
        self.onWait = onWait
        waitingSince = nil
        lock.unlock()
    }

    /// The callback for `Configuration.busyMode`: keeps retrying for up to `timeout`
    /// seconds unless the watched write is cancelled.
    func handler(timeout: TimeInterval) -> Database.BusyCallback {
        { [self] tries in
            let now = Date()
            lock.lock()
            if tries == 0 { waitingSince = now }
            let since = waitingSince ?? now
            let cancelled = cancellation?.isCancelled ?? false
            var notify: (@Sendable () -> Void)?
            if !cancelled, now.timeIntervalSince(since) >= Self.noticeAfter, let onWait {
                notify = onWait
                self.onWait = nil
            }
            lock.unlock()
            if cancelled || now.timeIntervalSince(since) >= timeout { return false }
            notify?()
            usleep(Self.pause)
            return true
        }
    }
}
