import ConsentModel

/// Every row's folded search text in one contiguous buffer, with the statuses beside it,
/// so a filter keystroke scans bytes instead of walking rows (no reference counting).
struct SearchIndex: Sendable {
    private var bytes: [UInt8] = []
    /// Row i's text is bytes[offsets[i]..<offsets[i + 1]].
    private var offsets: [Int] = [0]
    private var statuses: [ConsentStatus] = []

    init(_ rows: [CustomerListRow]) {
        bytes.reserveCapacity(rows.count * 64)
        offsets.reserveCapacity(rows.count + 1)
        statuses.reserveCapacity(rows.count)
        for row in rows {
            bytes.append(contentsOf: row.searchKey)
            offsets.append(bytes.count)
            statuses.append(row.status)
        }
    }

    /// The indices of `candidates` whose status `view` shows and whose text contains `needle`.
    func filter(_ candidates: [Int], view: QuickView, needle: [UInt8]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(candidates.count)
        let n = needle.count
        bytes.withUnsafeBufferPointer { hay in
            offsets.withUnsafeBufferPointer { offsets in
                needle.withUnsafeBufferPointer { needle in
                    for index in candidates {
                        guard view.includes(statuses[index]) else { continue }
                        if n == 0 { result.append(index); continue }
                        let start = offsets[index], end = offsets[index + 1]
                        var i = start
                        let last = end - n
                        let first = needle[0]
                        while i <= last {
                            if hay[i] == first {
                                var j = 1
                                while j < n && hay[i + j] == needle[j] { j += 1 }
                                if j == n { result.append(index); break }
                            }
                            i += 1
                        }
                    }
                }
            }
        }
        return result
    }
}
