/// RFC 6962 / RFC 9162 tree hashes, inclusion proofs and consistency proofs over a tree
/// whose complete subtrees are stored by `StoredHashIndex` — a port of Go's `sumdb/tlog`
/// (the same index math and proof order: the sibling nearest the leaf first).
///
/// `read` gives stored hashes for indexes, always asked in increasing order; a proof costs
/// O(log n) of them.
public enum MerkleProofs {
    public typealias HashReader = ([Int64]) throws -> [TreeHash]

    /// (2^l, l) for the largest power of two smaller than `n` (n > 1).
    static func maxPow2(_ n: Int64) -> (k: Int64, level: Int) {
        var l = 0
        while (Int64(1) << Int64(l + 1)) < n { l += 1 }
        return (Int64(1) << Int64(l), l)
    }

    /// The root of the tree of the first `n` leaves.
    public static func treeHash(size n: Int64, read: HashReader) throws -> TreeHash {
        if n == 0 { return .empty }
        let indexes = subTreeIndex(0, n, [])
        let hashes = try read(indexes)
        guard hashes.count == indexes.count else { throw TransparencyLogError.missingHashes }
        let (hash, rest) = try subTreeHash(0, n, hashes[...])
        guard rest.isEmpty else { throw TransparencyLogError.missingHashes }
        return hash
    }

    static func subTreeIndex(_ lo: Int64, _ hi: Int64, _ need: [Int64]) -> [Int64] {
        var lo = lo
        var need = need
        while lo < hi {
            let (k, level) = maxPow2(hi - lo + 1)
            need.append(StoredHashIndex.index(level: level, lo >> Int64(level)))
            lo += k
        }
        return need
    }

    static func subTreeHash(_ lo: Int64, _ hi: Int64, _ hashes: ArraySlice<TreeHash>) throws -> (TreeHash, ArraySlice<TreeHash>) {
        var numTree = 0
        var lo = lo
        while lo < hi {
            let (k, _) = maxPow2(hi - lo + 1)
            numTree += 1
            lo += k
        }
        guard numTree > 0, hashes.count >= numTree else { throw TransparencyLogError.missingHashes }
        let start = hashes.startIndex
        var h = hashes[start + numTree - 1]
        var i = numTree - 2
        while i >= 0 {
            h = .node(hashes[start + i], h)
            i -= 1
        }
        return (h, hashes.dropFirst(numTree))
    }

    // MARK: inclusion

    /// The proof that leaf `n` is in the tree of size `t`: the sibling hashes from the leaf
    /// up (RFC 9162 order).
    public static func inclusionProof(leaf n: Int64, size t: Int64, read: HashReader) throws -> [TreeHash] {
        guard t > 0, n >= 0, n < t else { throw TransparencyLogError.invalidRange }
        let indexes = leafProofIndex(0, t, n, [])
        if indexes.isEmpty { return [] }
        let hashes = try read(indexes)
        guard hashes.count == indexes.count else { throw TransparencyLogError.missingHashes }
        let (proof, rest) = try leafProof(0, t, n, hashes[...])
        guard rest.isEmpty else { throw TransparencyLogError.missingHashes }
        return proof
    }

    static func leafProofIndex(_ lo: Int64, _ hi: Int64, _ n: Int64, _ need: [Int64]) -> [Int64] {
        if lo + 1 == hi { return need }
        let (k, _) = maxPow2(hi - lo)
        if n < lo + k {
            return subTreeIndex(lo + k, hi, leafProofIndex(lo, lo + k, n, need))
        }
        return leafProofIndex(lo + k, hi, n, subTreeIndex(lo, lo + k, need))
    }

    static func leafProof(_ lo: Int64, _ hi: Int64, _ n: Int64, _ hashes: ArraySlice<TreeHash>) throws -> ([TreeHash], ArraySlice<TreeHash>) {
        if lo + 1 == hi { return ([], hashes) }
        let (k, _) = maxPow2(hi - lo)
        var proof: [TreeHash]
        var sibling: TreeHash
        var rest = hashes
        if n < lo + k {
            (proof, rest) = try leafProof(lo, lo + k, n, rest)
            (sibling, rest) = try subTreeHash(lo + k, hi, rest)
        } else {
            (sibling, rest) = try subTreeHash(lo, lo + k, rest)
            (proof, rest) = try leafProof(lo + k, hi, n, rest)
        }
        proof.append(sibling)
        return (proof, rest)
    }

    /// Whether `proof` shows leaf `n` with hash `leaf` in the tree of size `t` and root `root`.
    public static func checkInclusion(_ proof: [TreeHash], leaf n: Int64, _ leaf: TreeHash,
                                      size t: Int64, root: TreeHash) throws {
        guard t > 0, n >= 0, n < t else { throw TransparencyLogError.invalidRange }
        guard try runInclusion(proof[...], 0, t, n, leaf) == root else { throw TransparencyLogError.proofFailed }
    }

    static func runInclusion(_ p: ArraySlice<TreeHash>, _ lo: Int64, _ hi: Int64, _ n: Int64, _ leaf: TreeHash) throws -> TreeHash {
        if lo + 1 == hi {
            guard p.isEmpty else { throw TransparencyLogError.proofFailed }
            return leaf
        }
        guard let last = p.last else { throw TransparencyLogError.proofFailed }
        let (k, _) = maxPow2(hi - lo)
        if n < lo + k {
            return .node(try runInclusion(p.dropLast(), lo, lo + k, n, leaf), last)
        }
        return .node(last, try runInclusion(p.dropLast(), lo + k, hi, n, leaf))
    }

    // MARK: consistency

    /// The proof that the tree of size `n` is a prefix of the tree of size `t` (RFC 9162
    /// order).
    public static func consistencyProof(from n: Int64, to t: Int64, read: HashReader) throws -> [TreeHash] {
        guard t >= 1, n >= 1, n <= t else { throw TransparencyLogError.invalidRange }
        let indexes = treeProofIndex(0, t, n, [])
        if indexes.isEmpty { return [] }
        let hashes = try read(indexes)
        guard hashes.count == indexes.count else { throw TransparencyLogError.missingHashes }
        let (proof, rest) = try treeProof(0, t, n, hashes[...])
        guard rest.isEmpty else { throw TransparencyLogError.missingHashes }
        return proof
    }

    static func treeProofIndex(_ lo: Int64, _ hi: Int64, _ n: Int64, _ need: [Int64]) -> [Int64] {
        if n == hi { return lo == 0 ? need : subTreeIndex(lo, hi, need) }
        let (k, _) = maxPow2(hi - lo)
        if n <= lo + k {
            return subTreeIndex(lo + k, hi, treeProofIndex(lo, lo + k, n, need))
        }
        return treeProofIndex(lo + k, hi, n, subTreeIndex(lo, lo + k, need))
    }

    static func treeProof(_ lo: Int64, _ hi: Int64, _ n: Int64, _ hashes: ArraySlice<TreeHash>) throws -> ([TreeHash], ArraySlice<TreeHash>) {
        if n == hi {
            if lo == 0 { return ([], hashes) }
            let (h, rest) = try subTreeHash(lo, hi, hashes)
            return ([h], rest)
        }
        let (k, _) = maxPow2(hi - lo)
        var proof: [TreeHash]
        var sibling: TreeHash
        var rest = hashes
        if n <= lo + k {
            (proof, rest) = try treeProof(lo, lo + k, n, rest)
            (sibling, rest) = try subTreeHash(lo + k, hi, rest)
        } else {
            (sibling, rest) = try subTreeHash(lo, lo + k, rest)
            (proof, rest) = try treeProof(lo + k, hi, n, rest)
        }
        proof.append(sibling)
        return (proof, rest)
    }

    /// Whether `proof` shows that the tree of size `n` and root `old` is a prefix of the
    /// tree of size `t` and root `root`.
    public static func checkConsistency(_ proof: [TreeHash], from n: Int64, _ old: TreeHash,
                                        to t: Int64, _ root: TreeHash) throws {
        guard t >= 1, n >= 1, n <= t else { throw TransparencyLogError.invalidRange }
        let (oldAgain, rootAgain) = try runConsistency(proof[...], 0, t, n, old)
        guard oldAgain == old, rootAgain == root else { throw TransparencyLogError.proofFailed }
    }

    static func runConsistency(_ p: ArraySlice<TreeHash>, _ lo: Int64, _ hi: Int64, _ n: Int64,
                               _ old: TreeHash) throws -> (TreeHash, TreeHash) {
        if n == hi {
            if lo == 0 {
                guard p.isEmpty else { throw TransparencyLogError.proofFailed }
                return (old, old)
            }
            guard p.count == 1, let only = p.first else { throw TransparencyLogError.proofFailed }
            return (only, only)
        }
        guard let last = p.last else { throw TransparencyLogError.proofFailed }
        let (k, _) = maxPow2(hi - lo)
        if n <= lo + k {
            let (oh, th) = try runConsistency(p.dropLast(), lo, lo + k, n, old)
            return (oh, .node(th, last))
        }
        let (oh, th) = try runConsistency(p.dropLast(), lo + k, hi, n, old)
        return (.node(last, oh), .node(last, th))
    }
}
