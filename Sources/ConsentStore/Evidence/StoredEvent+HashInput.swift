import ConsentModel
import Foundation

extension StoredEvent {
    /// The event whose hash input is `input` (chain format 2 or 1): what an auditor's check
    /// reads, so every readable field of a pack can be held to the hashed bytes. Nil when the
    /// bytes are not an event's hash input.
    public init?(hashInput input: Data) {
        let bytes = [UInt8](input)
        var fields: [String] = []
        var version = 0
        let tag = Array(EventChain.versionTwoTag.utf8)
        if bytes.count >= 8 + tag.count, Self.length(bytes, 0) == UInt64(tag.count), Array(bytes[8..<8 + tag.count]) == tag {
            version = 2
            var offset = 0
            while offset < bytes.count {
                guard offset + 8 <= bytes.count else { return nil }
                let length = Self.length(bytes, offset)
                guard length <= UInt64(bytes.count - offset - 8) else { return nil }
                let start = offset + 8
                let end = start + Int(length)
                guard let text = String(bytes: bytes[start..<end], encoding: .utf8) else { return nil }
                fields.append(text)
                offset = end
            }
            guard fields.count == 9 else { return nil }
            fields.removeFirst()
        } else {
            version = 1
            guard bytes.last == 0x1F else { return nil }
            let parts = bytes.dropLast().split(separator: 0x1F, omittingEmptySubsequences: false)
            guard parts.count == 8 else { return nil }
            for part in parts {
                guard let text = String(bytes: part, encoding: .utf8) else { return nil }
                fields.append(text)
            }
        }
        // previous, seq, at, userId, employee, kind, customer, payload
        guard let seq = Int64(fields[1]), String(seq) == fields[1], let at = ISO8601.date(fields[2]) else { return nil }
        self.init(seq: seq, at: at, userId: fields[3], employee: fields[4], kind: fields[5],
                  customer: fields[6].isEmpty ? nil : fields[6], payload: fields[7], previousHash: fields[0],
                  hash: EventChain.hash(input: input))
        chainVersion = version
        atText = fields[2]
    }

    private static func length(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        bytes[offset..<offset + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}
