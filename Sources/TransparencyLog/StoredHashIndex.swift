/// Where each hash of a growing Merkle tree is kept, as Go's `sumdb/tlog` numbers them:
/// every complete subtree's hash gets one index, in the order the tree grows, so a log
/// appends `1 + (trailing ones of n)` hashes for leaf `n` and never rewrites one.
public enum StoredHashIndex {
    /// The index of the hash of the subtree at `level` (0 = a leaf) that is the `n`-th of
    /// its level.
    public static func index(level: Int, _ n: Int64) -> Int64 {
        var n = n
        for _ in 0..<level { n = 2 * n + 1 }
        var i: Int64 = 0
        while n > 0 {
            i += n
            n >>= 1
        }
        return i + Int64(level)
    }

    /// How many hashes a tree of `n` leaves keeps.
    public static func count(_ n: Int64) -> Int64 {
        if n == 0 { return 0 }
        var count = index(level: 0, n - 1) + 1
        var i = UInt64(n - 1)
        while i & 1 != 0 {
            count += 1
            i >>= 1
        }
        return count
    }

    /// The hashes to append for leaf `n` (zero-based) whose leaf hash is `leaf`: the leaf,
    /// then each subtree it completes. `read` gives stored hashes by index.
    public static func hashesToAppend(leaf n: Int64, _ leaf: TreeHash,
                                      read: ([Int64]) throws -> [TreeHash]) throws -> [TreeHash] {
        var hashes = [leaf]
        let m = (n + 1).trailingZeroBitCount
        var indexes = [Int64](repeating: 0, count: m)
        for i in 0..<m { indexes[m - 1 - i] = index(level: i, (n >> Int64(i)) - 1) }
        let old = try read(indexes)
        guard old.count == m else { throw TransparencyLogError.missingHashes }
        var h = leaf
        for i in 0..<m {
            h = .node(old[m - 1 - i], h)
            hashes.append(h)
        }
        return hashes
    }
}
