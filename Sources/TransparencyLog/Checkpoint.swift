import Foundation

/// A transparency log checkpoint (C2SP tlog-checkpoint): the note text
/// `origin\nsize\nbase64(root)\n`, with no extension lines in ours.
public struct Checkpoint: Hashable, Sendable {
    public let origin: String
    public let size: Int64
    public let root: TreeHash

    public init(origin: String, size: Int64, root: TreeHash) {
        self.origin = origin
        self.size = size
        self.root = root
    }

    /// The note text.
    public var text: String { "\(origin)\n\(size)\n\(root.base64)\n" }

    /// Reads a checkpoint's note text: a non-empty origin, a decimal size without leading
    /// zeros, a base64 root of 32 bytes, and optional non-empty extension lines.
    public init(text: String) throws(TransparencyLogError) {
        guard text.hasSuffix("\n") else { throw .malformed(.checkpointNoFinalNewline) }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3 else { throw .malformed(.checkpointTooFewLines) }
        guard !lines[0].isEmpty else { throw .malformed(.checkpointEmptyOrigin) }
        let sizeText = lines[1]
        guard !sizeText.isEmpty, sizeText.allSatisfy({ $0.isASCII && $0.isNumber }),
              sizeText == "0" || !sizeText.hasPrefix("0"), let size = Int64(sizeText) else {
            throw .malformed(.checkpointBadSize)
        }
        guard let root = TreeHash(base64: String(lines[2])) else { throw .malformed(.checkpointBadRoot) }
        guard lines.dropFirst(3).allSatisfy({ !$0.isEmpty }) else { throw .malformed(.checkpointEmptyExtension) }
        self.init(origin: String(lines[0]), size: size, root: root)
    }
}
