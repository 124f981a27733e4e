import Dispatch
import Foundation

/// Work on every core for `verify`'s batches: each core takes every n-th item, with its own
/// decoder, and writes only its own results; the results come back in the items' order.
enum EveryCore {
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], empty: Result,
                                                      _ transform: @Sendable (Item, StoreDecoder) -> Result) -> [Result] {
        var results = [Result](repeating: empty, count: items.count)
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        results.withUnsafeMutableBufferPointer { buffer in
            // Each part writes only its own indices.
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let decoder = StoreCoding.decoder
                var index = part
                while index < items.count {
                    out[index] = transform(items[index], decoder)
                    index += parts
                }
            }
        }
        return results
    }
}
