import Foundation
import Testing
@testable import TransparencyLog

/// Tree hashes and proofs against independent implementations: the RFC 6962 test tree of
/// the Certificate Transparency project, Go's `sumdb/tlog` vectors, and a naive
/// recomputation of RFC 6962's definition for every size and index up to a few thousand.
@Suite("Merkle tree hashes and proofs")
struct MerkleVectorTests {
    /// The eight leaves of the CT project's RFC 6962 test tree.
    static let ctLeaves: [[UInt8]] = [[], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
                                      Array(0x50...0x57), Array(0x60...0x6f)]
    /// Its roots for sizes 1…8.
    static let ctRoots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    /// A stored tree grown leaf by leaf, as the store keeps it.
    struct Stored {
        var hashes: [TreeHash] = []
        var builder = TreeBuilder()
        var leaves: [TreeHash] = []

        mutating func append(_ leaf: TreeHash) throws {
            let viaIndex = try StoredHashIndex.hashesToAppend(leaf: Int64(leaves.count), leaf, read: read)
            let viaBuilder = builder.append(leaf)
            #expect(viaIndex == viaBuilder)
            hashes += viaIndex
            leaves.append(leaf)
            #expect(Int64(hashes.count) == StoredHashIndex.count(Int64(leaves.count)))
        }

        func read(_ indexes: [Int64]) throws -> [TreeHash] {
            for (a, b) in zip(indexes, indexes.dropFirst()) where a >= b { Issue.record("indexes asked out of order: \(a), \(b)") }
            return indexes.map { hashes[Int($0)] }
        }
    }

    /// RFC 6962's MTH, straight from its definition.
    static func naiveRoot(_ leaves: ArraySlice<TreeHash>) -> TreeHash {
        if leaves.isEmpty { return .empty }
        if leaves.count == 1, let only = leaves.first { return only }
        var k = 1
        while k * 2 < leaves.count { k *= 2 }
        let mid = leaves.startIndex + k
        return .node(naiveRoot(leaves[leaves.startIndex..<mid]), naiveRoot(leaves[mid...]))
    }

    @Test func rootsMatchTheRFC6962TestTree() throws {
        var stored = Stored()
        for (i, leaf) in Self.ctLeaves.enumerated() {
            try stored.append(.leaf(leaf))
            let root = try MerkleProofs.treeHash(size: Int64(i + 1), read: stored.read)
            #expect(root.hex == Self.ctRoots[i])
            #expect(stored.builder.root.hex == Self.ctRoots[i])
        }
        #expect(TreeHash.empty.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func leafHashMatchesGoTlog() {
        // sumdb/tlog note_test.go: RecordHash("hello world").
        #expect(TreeHash.leaf(Array("hello world".utf8)).base64 == "TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=")
    }

    @Test func storedHashIndexMatchesGoTlog() {
        // sumdb/tlog: the first stored indexes of levels 0 and 1.
        #expect((0..<8).map { StoredHashIndex.index(level: 0, Int64($0)) } == [0, 1, 3, 4, 7, 8, 10, 11])
        #expect((0..<4).map { StoredHashIndex.index(level: 1, Int64($0)) } == [2, 5, 9, 12])
        #expect(StoredHashIndex.index(level: 2, 0) == 6)
        #expect(StoredHashIndex.count(0) == 0 && StoredHashIndex.count(1) == 1 && StoredHashIndex.count(2) == 3 && StoredHashIndex.count(4) == 7)
    }

    @Test func everyProofAgreesWithTheNaiveTreeUpToAFewThousandLeaves() throws {
        var stored = Stored()
        var generator = SystemRandomNumberGenerator()
        let sizes: Set<Int> = Set((1...40).map { $0 } + (0..<5).map { _ in Int.random(in: 41...3_000, using: &generator) } + [1025, 2048])
        let largest = sizes.max() ?? 1
        var roots: [TreeHash] = []
        for i in 0..<largest {
            try stored.append(.leaf(Array("leaf \(i)".utf8)))
            roots.append(stored.builder.root)
        }
        for size in sizes.sorted() {
            let t = Int64(size)
            let root = Self.naiveRoot(stored.leaves[0..<size])
            #expect(try MerkleProofs.treeHash(size: t, read: stored.read) == root)
            #expect(roots[size - 1] == root)
            for n in 0..<size {
                let proof = try MerkleProofs.inclusionProof(leaf: Int64(n), size: t, read: stored.read)
                try MerkleProofs.checkInclusion(proof, leaf: Int64(n), stored.leaves[n], size: t, root: root)
                // The wrong leaf, index or root fails.
                #expect(throws: TransparencyLogError.self) {
                    try MerkleProofs.checkInclusion(proof, leaf: Int64(n), .leaf([0xFF]), size: t, root: root)
                }
                if size > 1 {
                    #expect(throws: TransparencyLogError.self) {
                        try MerkleProofs.checkInclusion(proof, leaf: Int64((n + 1) % size), stored.leaves[n], size: t, root: root)
                    }
                }
            }
            // Consistency from every earlier size (a sample for the large trees).
            let earlier = size <= 40 ? Array(1...size) : (0..<20).map { _ in Int.random(in: 1...size, using: &generator) }
            for m in earlier {
                let old = Self.naiveRoot(stored.leaves[0..<m])
                let proof = try MerkleProofs.consistencyProof(from: Int64(m), to: t, read: stored.read)
                try MerkleProofs.checkConsistency(proof, from: Int64(m), old, to: t, root)
                #expect(throws: TransparencyLogError.self) {
                    try MerkleProofs.checkConsistency(proof, from: Int64(m), .leaf([1]), to: t, root)
                }
            }
        }
    }

    @Test func aBuilderResumedFromStoredHashesGrowsTheSameTree() throws {
        var stored = Stored()
        for i in 0..<300 { try stored.append(.leaf(Array("x\(i)".utf8))) }
        for size in [1, 2, 3, 7, 8, 100, 255, 256, 299] {
            var resumed = try TreeBuilder(size: Int64(size), read: stored.read)
            #expect(resumed.root == Self.naiveRoot(stored.leaves[0..<size]))
            let next = resumed.append(stored.leaves[size])
            let start = Int(StoredHashIndex.count(Int64(size)))
            #expect(next == Array(stored.hashes[start..<start + next.count]))
        }
    }

    @Test func outOfRangeProofsAreRefusedNotCrashes() {
        let read: MerkleProofs.HashReader = { $0.map { _ in TreeHash.empty } }
        #expect(throws: TransparencyLogError.invalidRange) { try MerkleProofs.inclusionProof(leaf: 5, size: 5, read: read) }
        #expect(throws: TransparencyLogError.invalidRange) { try MerkleProofs.inclusionProof(leaf: -1, size: 5, read: read) }
        #expect(throws: TransparencyLogError.invalidRange) { try MerkleProofs.consistencyProof(from: 6, to: 5, read: read) }
        #expect(throws: TransparencyLogError.invalidRange) { try MerkleProofs.checkConsistency([], from: 0, .empty, to: 5, .empty) }
        #expect(throws: TransparencyLogError.missingHashes) { try MerkleProofs.treeHash(size: 5, read: { _ in [] }) }
    }
}
