@testable import ConsentCommands
import Foundation
import Testing

/// The hand-over behind `list --json` and `export`: rows read on one thread are formatted on
/// either and written on the other. What a user would see break: rows out of order or lost,
/// or a failure swallowed (a half-written export reported as done).
@Suite("Second core: rows written in order, failures not swallowed")
struct SecondCoreTests {
    @Test func everyRowIsWrittenOnceInTheOrderItWasRead() throws {
        var written: [Int] = []
        // A slow writer, so the reader formats some batches itself while it waits.
        let lane = SecondCore<Int, [Int]>(batchSize: 7, inFlight: 2, format: { $0.map { $0 * 2 } }, write: { chunk in
            if chunk.first.map({ $0 % 3 == 0 }) == true { usleep(200) }
            written += chunk
        })
        for value in 0..<5_000 { try lane.send(value) }
        try lane.finish()
        #expect(written == (0..<5_000).map { $0 * 2 })
    }

    struct Refused: Error, Equatable { let at: Int }

    @Test func aFailureStopsTheReaderAndIsThrownByFinish() throws {
        var written = 0
        let lane = SecondCore<Int, [Int]>(batchSize: 10, inFlight: 1, format: { batch in
            if batch.contains(1_234) { throw Refused(at: 1_234) }
            return batch
        }, write: { written += $0.count })
        var sent = 0
        var stoppedBy: (any Error)?
        do {
            for value in 0..<100_000 {
                try lane.send(value)
                sent += 1
            }
        } catch {
            stoppedBy = error
        }
        // The reader was told before it read everything.
        #expect(stoppedBy as? Refused == Refused(at: 1_234))
        #expect(sent < 100_000)
        #expect(throws: Refused(at: 1_234)) { try lane.finish() }
        // Nothing from the failed batch or after it was written.
        #expect(written <= 1_230)
    }

    @Test func aWriteFailureIsThrownByFinish() throws {
        let lane = SecondCore<Int, [Int]>(batchSize: 4, format: { $0 }, write: { chunk in
            if chunk.contains(9) { throw Refused(at: 9) }
        })
        var failure: (any Error)?
        do {
            for value in 0..<12 { try lane.send(value) }
            try lane.finish()
        } catch {
            failure = error
        }
        #expect(failure as? Refused == Refused(at: 9))
    }
}
