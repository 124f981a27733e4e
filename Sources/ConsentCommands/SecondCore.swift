import Dispatch
import Foundation

/// A streaming command's second core. The reading thread hands rows over in batches; another
/// thread formats each batch (`format`) and writes it (`write`), in the order the batches
/// were sent, while the next rows are read. When that thread is behind (every hand-over slot
/// is taken), the reader formats the batch itself before waiting, so both cores format and
/// neither idles. At most a few batches wait, so memory stays flat however many rows pass.
///
/// `format` may run on either thread (it must not share mutable state between calls);
/// `write` runs on the second thread only, one batch at a time, in order, and is the only code
/// touching what it captures until `finish()` returns (that is what makes the unchecked
/// `Sendable` sound). The first error either throws stops the work: `send` then throws that
/// error (so the reader stops early) and `finish` rethrows it.
final class SecondCore<Item: Sendable, Chunk: Sendable>: @unchecked Sendable {
    private enum Batch: Sendable {
        case raw([Item])
        case formatted(Chunk)
    }

    private let format: @Sendable ([Item]) throws -> Chunk
    private let write: (Chunk) throws -> Void
    private let batchSize: Int
    private let queue = DispatchQueue(label: "consentdesk.second-core")
    /// Batches handed over and not yet written, at most `inFlight`.
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var failure: (any Error)?
    private var batch: [Item] = []

    init(batchSize: Int = 256, inFlight: Int = 4, format: @escaping @Sendable ([Item]) throws -> Chunk,
         write: @escaping (Chunk) throws -> Void) {
        self.format = format
        self.write = write
        self.batchSize = max(1, batchSize)
        slots = DispatchSemaphore(value: max(1, inFlight))
        batch.reserveCapacity(self.batchSize)
    }

    /// The first error of either thread, if any.
    private var firstFailure: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    private func record(_ error: any Error) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }

    /// Hands `item` over (in a batch); throws the first error once there is one.
    func send(_ item: Item) throws {
        batch.append(item)
        if batch.count >= batchSize { try handOver() }
    }

    private func handOver() throws {
        if let failure = firstFailure { throw failure }
        guard !batch.isEmpty else { return }
        let items = batch
        batch.removeAll(keepingCapacity: true)
        let work: Batch
        if slots.wait(timeout: .now()) == .timedOut {
            // The second thread is behind: format here, then wait for a slot.
            do {
                work = .formatted(try format(items))
            } catch {
                record(error)
                throw error
            }
            slots.wait()
        } else {
            work = .raw(items)
        }
        queue.async { [self] in
            defer { slots.signal() }
            guard firstFailure == nil else { return }
            do {
                switch work {
                case .raw(let items): try write(try format(items))
                case .formatted(let chunk): try write(chunk)
                }
            } catch {
                record(error)
            }
        }
    }

    /// Hands over what is left, waits until everything sent is written, and rethrows the
    /// first error.
    func finish() throws {
        defer { queue.sync {} }
        try handOver()
        queue.sync {}
        if let failure = firstFailure { throw failure }
    }

    /// The reader failed: batches still queued are not written.
    private struct Abandoned: Error {}

    /// Waits for the second thread without handing over what is left (the reader failed);
    /// batches still queued are skipped.
    func abandon() {
        batch.removeAll()
        record(Abandoned())
        queue.sync {}
    }
}
