import Foundation

/// Two cores on one bulk load: a producer thread makes ready rows (events encoded and
/// hashed, customer rows with their list columns) while the writing thread stores them.
/// The queue between them is bounded, so memory follows a few batches, never the load.
/// Either side can stop the other: the producer's error reaches the writer at its next
/// `take()`, and a writer that fails calls `cancel()` so the producer stops at its next `put`.
final class RowPipeline<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item?] = []
    private var head = 0
    private let capacity: Int
    private var finished = false
    private var cancelled = false
    private var producerExited = false
    private var failure: (any Error)?

    /// Starts `produce` on its own thread; it hands each item to `put` and returns when done
    /// (or throws, which the writer sees). `capacity` items at most wait at once.
    init(capacity: Int, produce: @escaping @Sendable (RowPipeline<Item>) throws -> Void) {
        self.capacity = max(1, capacity)
        let thread = Thread { [self] in
            var error: (any Error)?
            do { try produce(self) } catch let thrown { error = thrown }
            condition.lock()
            finished = true
            if failure == nil { failure = error }
            producerExited = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "consentdesk.bulk-producer"
        // Deep enough for the JSON and evaluation code the producer runs.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Hands one item to the writer, waiting while the queue is full; false when the writer
    /// has stopped (the producer should return).
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item, waiting for one; nil once the producer is done and everything was
    /// taken. Throws the producer's error.
    func take() throws -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !finished { condition.wait() }
        if let failure { throw failure }
        guard head < items.count, let item = items[head] else { return nil }
        // Taken items are let go at once (a batch holds a few hundred customers' rows).
        items[head] = nil
        head += 1
        if head >= 64 && head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }

    /// Stops the producer (the writer failed) and waits until its thread has returned.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !producerExited { condition.wait() }
        condition.unlock()
    }
}
