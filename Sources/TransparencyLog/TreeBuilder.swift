/// Grows a Merkle tree one leaf at a time keeping only its right edge (the roots of its
/// complete subtrees, at most log n of them): what a log appends for each leaf, and the
/// root at any size, without reading stored hashes. Used to store the tree as events are
/// written and to check a stored tree against the events.
public struct TreeBuilder: Sendable {
    /// Leaves so far.
    public private(set) var size: Int64 = 0
    /// Complete subtrees on the right edge, largest (leftmost) first, with their levels.
    private var edge: [(level: Int, hash: TreeHash)] = []

    /// An empty tree.
    public init() {}

    /// The tree of `size` leaves whose stored hashes `read` gives (O(log n) reads).
    public init(size: Int64, read: MerkleProofs.HashReader) throws {
        guard size > 0 else { return }
        let indexes = MerkleProofs.subTreeIndex(0, size, [])
        let hashes = try read(indexes)
        guard hashes.count == indexes.count else { throw TransparencyLogError.missingHashes }
        var lo: Int64 = 0
        for hash in hashes {
            let (k, level) = MerkleProofs.maxPow2(size - lo + 1)
            edge.append((level, hash))
            lo += k
        }
        self.size = size
    }

    /// Appends a leaf with hash `leaf`; returns the hashes to store for it, in index order
    /// from `StoredHashIndex.index(level: 0, size)` on (the leaf, then each subtree it completes).
    @discardableResult
    public mutating func append(_ leaf: TreeHash) -> [TreeHash] {
        var stored = [leaf]
        var h = leaf
        var level = 0
        while let last = edge.last, last.level == level {
            edge.removeLast()
            h = .node(last.hash, h)
            level += 1
            stored.append(h)
        }
        edge.append((level, h))
        size += 1
        return stored
    }

    /// The root of the tree as it is now.
    public var root: TreeHash {
        guard var h = edge.last?.hash else { return .empty }
        for entry in edge.dropLast().reversed() { h = .node(entry.hash, h) }
        return h
    }
}
