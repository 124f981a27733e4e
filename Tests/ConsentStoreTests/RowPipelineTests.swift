import Foundation
import Testing
@testable import ConsentStore

/// The queue between a bulk load's producer thread and its writer: everything arrives in
/// order, a producer's failure reaches the writer (so the load's transaction rolls back),
/// and a writer that stops also stops the producer before the load returns.
@Suite("Bulk load pipeline")
struct RowPipelineTests {
    struct Broken: Error, Equatable {}

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }

    @Test func everyItemArrivesOnceAndInOrderThroughASmallQueue() throws {
        let pipeline = RowPipeline<Int>(capacity: 3) { pipeline in
            var n = 0
            while n < 5_000, pipeline.put(n) { n += 1 }
        }
        var taken: [Int] = []
        while let n = try pipeline.take() { taken.append(n) }
        #expect(taken == Array(0..<5_000))
    }

    @Test func aProducersFailureReachesTheWriterAfterWhatCameBefore() throws {
        let pipeline = RowPipeline<Int>(capacity: 8) { pipeline in
            for n in 0..<5 { _ = pipeline.put(n) }
            throw Broken()
        }
        var taken: [Int] = []
        // What the producer put before failing may arrive; then the failure, never a silent end.
        #expect(throws: Broken.self) {
            while let n = try pipeline.take() { taken.append(n) }
        }
        #expect(taken == Array(taken.indices))
        #expect(taken.count <= 5)
    }

    @Test func aWriterThatStopsStopsTheProducerBeforeGoingOn() throws {
        let stopped = Flag()
        let pipeline = RowPipeline<Int>(capacity: 2) { pipeline in
            for n in 0... {
                guard pipeline.put(n) else {
                    stopped.set()
                    return
                }
            }
        }
        #expect(try pipeline.take() == 0)
        #expect(try pipeline.take() == 1)
        pipeline.cancel()
        // `cancel()` returns only once the producer has returned.
        #expect(stopped.isSet)
    }
}
