/// The text of an import file, decoded strictly: UTF-8 (a byte-order mark is skipped) or
/// UTF-16 with a byte-order mark. Bytes that are not text are refused with where they
/// are; nothing is ever replaced with U+FFFD.
public enum ImportText {
    /// Why the bytes of a file are not text ConsentDesk reads.
    public enum DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
        /// A byte that is not UTF-8, on `line` (from 1) at `byteOffset` in the file (from 0).
        case invalidUTF8(line: Int, byteOffset: Int)
        /// A broken surrogate pair in a UTF-16 file.
        case invalidUTF16(line: Int, byteOffset: Int)
        /// Zero bytes between letters: UTF-16 without a byte-order mark.
        case utf16WithoutMark
        /// A UTF-32 byte-order mark.
        case utf32

        public var description: String {
            switch self {
            case .invalidUTF8(let line, let offset): return tr("cli.import.invalidUTF8", line, offset)
            case .invalidUTF16(let line, let offset): return tr("cli.import.invalidUTF16", line, offset)
            case .utf16WithoutMark: return tr("cli.import.utf16NoMark")
            case .utf32: return tr("cli.import.utf32")
            }
        }
    }

    /// The encoding a file was read in.
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf16LittleEndian = "UTF-16LE"
        case utf16BigEndian = "UTF-16BE"
    }

    /// Decodes `bytes`: UTF-8 with or without a byte-order mark, or UTF-16 with one.
    public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> (text: String, encoding: Encoding) {
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw .utf32
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return (try utf16(bytes, littleEndian: true), .utf16LittleEndian) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (try utf16(bytes, littleEndian: false), .utf16BigEndian) }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        // "a\0b\0" or "\0a\0b": text saved as UTF-16 without a mark.
        if body.count >= 2, (body[0] == 0) != (body[1] == 0), body[0] < 0x80, body[1] < 0x80 { throw .utf16WithoutMark }
        if let offset = firstInvalidUTF8(body) {
            let skipped = bytes.count - body.count
            throw .invalidUTF8(line: line(of: offset, in: body), byteOffset: offset + skipped)
        }
        return (String(decoding: body, as: UTF8.self), .utf8)
    }

    /// The offset of the first byte that does not begin a well-formed UTF-8 sequence
    /// (no overlong forms, no surrogates, nothing above U+10FFFF), or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= low && second <= high else { return index }
            for next in (index + 2)..<(index + length) where bytes[next] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }

    /// Decodes UTF-16 after its byte-order mark, refusing unpaired surrogates and an odd byte.
    static func utf16(_ bytes: [UInt8], littleEndian: Bool) throws(DecodeError) -> String {
        var offset = 2
        var line = 1
        var scalars = String.UnicodeScalarView()
        while offset < bytes.count {
            guard offset + 1 < bytes.count else { throw .invalidUTF16(line: line, byteOffset: offset) }
            let unit = littleEndian ? UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
                                    : UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
            if (0xD800...0xDBFF).contains(unit) {
                guard offset + 3 < bytes.count else { throw .invalidUTF16(line: line, byteOffset: offset) }
                let next = littleEndian ? UInt16(bytes[offset + 2]) | UInt16(bytes[offset + 3]) << 8
                                        : UInt16(bytes[offset + 2]) << 8 | UInt16(bytes[offset + 3])
                guard (0xDC00...0xDFFF).contains(next) else { throw .invalidUTF16(line: line, byteOffset: offset) }
                let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(next) - 0xDC00)
                guard let scalar = Unicode.Scalar(value) else { throw .invalidUTF16(line: line, byteOffset: offset) }
                scalars.append(scalar)
                offset += 4
                continue
            }
            guard let scalar = Unicode.Scalar(unit) else { throw .invalidUTF16(line: line, byteOffset: offset) }
            if unit == 0x0A { line += 1 }
            scalars.append(scalar)
            offset += 2
        }
        return String(scalars)
    }

    /// The line (from 1) that byte `offset` is on.
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for byte in bytes[..<offset] where byte == 0x0A { line += 1 }
        return line
    }
}
