import Foundation

/// Reads JSON exactly as `InterchangeJSON.decoder()` does (dates as ISO 8601), without
/// Foundation's per-value overhead: `verify` decodes every event of the store with it.
/// Every type keeps its one `init(from:)`. Anything this decoder does not read itself, or
/// is not sure to read as Foundation would (malformed or duplicated JSON, a number that is
/// not a plain integer where an integer is asked for, a date in any other ISO 8601 form,
/// `Data`, `URL`, `Decimal`, a value of the wrong type, a missing key), is decoded again by
/// Foundation's decoder: what that gives or throws is the answer, so the two never disagree.
/// Nesting is capped (`maximumDepth`); no input crashes it.
public struct CompactJSONDecoder: Sendable {
    /// Deeper JSON is left to Foundation (which refuses it).
    public static let maximumDepth = 256

    public init() {}

    /// The `T` in `data`, as `InterchangeJSON.decoder()` decodes it.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if let value = withoutFoundation(type, from: data) { return value }
        return try InterchangeJSON.decoder().decode(type, from: data)
    }

    /// The `T` in `text` (JSON as stored), as `InterchangeJSON.decoder()` decodes it.
    public func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        var text = text
        if let value = text.withUTF8({ withoutFoundation(type, $0) }) { return value }
        return try InterchangeJSON.decoder().decode(type, from: Data(text.utf8))
    }

    /// The value read without Foundation, or nil to ask Foundation.
    func withoutFoundation<T: Decodable>(_ type: T.Type, from data: Data) -> T? {
        data.withUnsafeBytes { withoutFoundation(type, $0.bindMemory(to: UInt8.self)) }
    }

    private func withoutFoundation<T: Decodable>(_ type: T.Type, _ bytes: UnsafeBufferPointer<UInt8>) -> T? {
        var parser = CompactJSONParser(bytes: bytes)
        guard let value = parser.document() else { return nil }
        return try? CompactJSONValueDecoder(value, parent: nil, key: nil).decode(type)
    }
}

/// A parsed JSON value. Numbers keep their text; objects keep their members in order.
enum CompactJSONValue {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([CompactJSONValue])
    case object([(key: String, value: CompactJSONValue)])
}

/// Strict RFC 8259 JSON (UTF-8, no byte-order mark): nil for anything else, and for what
/// Foundation might read differently (duplicated keys, lone surrogates).
struct CompactJSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The one value of the whole text, with nothing after it but whitespace.
    mutating func document() -> CompactJSONValue? {
        guard let value = self.value() else { return nil }
        skipWhitespace()
        return index == bytes.count ? value : nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    private mutating func value() -> CompactJSONValue? {
        skipWhitespace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string().map(CompactJSONValue.string)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return number()
        }
    }

    private mutating func object() -> CompactJSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= CompactJSONDecoder.maximumDepth else { return nil }
        index += 1
        var members: [(key: String, value: CompactJSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
            // Which of two equal keys Foundation keeps is Foundation's business.
            if members.contains(where: { $0.key == key }) { return nil }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            guard let value = value() else { return nil }
            members.append((key, value))
            skipWhitespace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            } else {
                return nil
            }
        }
    }

    private mutating func array() -> CompactJSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= CompactJSONDecoder.maximumDepth else { return nil }
        index += 1
        var elements: [CompactJSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            guard let value = value() else { return nil }
            elements.append(value)
            skipWhitespace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            } else {
                return nil
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as text.
    private mutating func number() -> CompactJSONValue? {
        let start = index
        func digit() -> Bool { index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digit() else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if digit() { return nil }
        } else {
            while digit() { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digit() else { return nil }
            while digit() { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digit() else { return nil }
            while digit() { index += 1 }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    /// A string starting at the opening quote: valid UTF-8, no raw control characters,
    /// JSON's escapes (a `\u` surrogate only as half of a pair).
    private mutating func string() -> String? {
        index += 1
        let start = index
        // The common case: no escapes (and, commonest, ASCII: nothing to validate).
        var high: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                let text = high < 0x80 ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
                index += 1
                return text
            }
            high |= byte
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            index += 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\\") else { return nil }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(validating: out, as: UTF8.self)
            }
            if byte < 0x20 { return nil }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { return nil }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var code = hex4() else { return nil }
                if (0xDC00...0xDFFF).contains(code) { return nil }
                if (0xD800...0xDBFF).contains(code) {
                    guard literal("\\u"), let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { return nil }
                out.append(contentsOf: UTF8.encode(scalar) ?? [])
            default: return nil
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard bytes.count - index >= 4 else { return nil }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            code = code << 4 | UInt32(digit)
            index += 1
        }
        return code
    }
}

private extension UTF8 {
    /// The UTF-8 bytes of `scalar`.
    static func encode(_ scalar: Unicode.Scalar) -> [UInt8]? {
        var bytes: [UInt8] = []
        UTF8.encode(scalar) { bytes.append($0) }
        return bytes
    }
}

/// Something this decoder leaves to Foundation (the whole document is decoded again there).
struct CompactJSONUnsupported: Error {}

/// A `Decoder` over one `CompactJSONValue`; its coding path is worked out only when asked.
final class CompactJSONValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: CompactJSONValue
    let parent: CompactJSONValueDecoder?
    let key: (any CodingKey)?

    init(_ value: CompactJSONValue, parent: CompactJSONValueDecoder?, key: (any CodingKey)?) {
        self.value = value
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var decoder: CompactJSONValueDecoder? = self
        while let current = decoder, let key = current.key {
            path.append(key)
            decoder = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw CompactJSONUnsupported() }
        return KeyedDecodingContainer(Keyed<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw CompactJSONUnsupported() }
        return Unkeyed(decoder: self, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // MARK: Single values

    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let flag) = value else { throw CompactJSONUnsupported() }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = value else { throw CompactJSONUnsupported() }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double { try Self.double(value) }

    func decode(_ type: Float.Type) throws -> Float { throw CompactJSONUnsupported() }
    func decode(_ type: Int.Type) throws -> Int { try Self.integer(value) }
    func decode(_ type: Int8.Type) throws -> Int8 { try Self.integer(value) }
    func decode(_ type: Int16.Type) throws -> Int16 { try Self.integer(value) }
    func decode(_ type: Int32.Type) throws -> Int32 { try Self.integer(value) }
    func decode(_ type: Int64.Type) throws -> Int64 { try Self.integer(value) }
    func decode(_ type: UInt.Type) throws -> UInt { try Self.integer(value) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try Self.integer(value) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try Self.integer(value) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try Self.integer(value) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try Self.integer(value) }

    /// A finite number.
    static func double(_ value: CompactJSONValue) throws -> Double {
        guard case .number(let text) = value, let number = Double(text), number.isFinite else { throw CompactJSONUnsupported() }
        return number
    }

    /// A plain integer literal that fits; anything else (`1.0`, `1e3`, `-0`) is Foundation's.
    static func integer<T: FixedWidthInteger>(_ value: CompactJSONValue) throws -> T {
        guard case .number(let text) = value, text != "-0",
              !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
              let number = T(text) else { throw CompactJSONUnsupported() }
        return number
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self, case .string(let text) = value, let text = text as? T { return text }
        if T.self == Date.self {
            guard case .string(let text) = value, let date = Self.date(text) as? T else { throw CompactJSONUnsupported() }
            return date
        }
        // Foundation decodes these its own way (base64, URL and Decimal parsing).
        if T.self == Data.self || T.self == URL.self || T.self == Decimal.self || T.self == Float.self { throw CompactJSONUnsupported() }
        return try T(from: self)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, a real day and time of a year 1900…2999 (what the store
    /// writes); any other form is Foundation's to read.
    static func date(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1900...2999).contains(year), (1...12).contains(month), hour < 24, minute < 60, second < 60 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        // Days from 1970-01-01 (civil-from-days, proleptic Gregorian).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    // MARK: Containers

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: CompactJSONValueDecoder
        let members: [(key: String, value: CompactJSONValue)]

        var codingPath: [any CodingKey] { decoder.codingPath }
        var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

        private func value(_ key: Key) throws -> CompactJSONValue {
            let name = key.stringValue
            for member in members where member.key == name { return member.value }
            throw CompactJSONUnsupported()
        }

        private func child(_ key: Key) throws -> CompactJSONValueDecoder {
            CompactJSONValueDecoder(try value(key), parent: decoder, key: key)
        }

        func contains(_ key: Key) -> Bool {
            let name = key.stringValue
            return members.contains { $0.key == name }
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            if case .null = try value(key) { return true }
            return false
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            guard case .bool(let flag) = try value(key) else { throw CompactJSONUnsupported() }
            return flag
        }

        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            guard case .string(let text) = try value(key) else { throw CompactJSONUnsupported() }
            return text
        }

        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try CompactJSONValueDecoder.double(value(key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw CompactJSONUnsupported() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try CompactJSONValueDecoder.integer(value(key)) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try CompactJSONValueDecoder.integer(value(key)) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try CompactJSONValueDecoder.integer(value(key)) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try CompactJSONValueDecoder.integer(value(key)) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try CompactJSONValueDecoder.integer(value(key)) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try CompactJSONValueDecoder.integer(value(key)) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try CompactJSONValueDecoder.integer(value(key)) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try CompactJSONValueDecoder.integer(value(key)) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try CompactJSONValueDecoder.integer(value(key)) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try CompactJSONValueDecoder.integer(value(key)) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            if T.self == String.self, case .string(let text) = try value(key), let text = text as? T { return text }
            return try child(key).decode(type)
        }

        // Optional values in one look-up (the protocol's defaults take three): a missing key
        // or null is nil, anything else is read as `decode` reads it.
        private func present(_ key: Key) -> CompactJSONValue? {
            let name = key.stringValue
            for member in members where member.key == name {
                if case .null = member.value { return nil }
                return member.value
            }
            return nil
        }

        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
            guard let value = present(key) else { return nil }
            guard case .bool(let flag) = value else { throw CompactJSONUnsupported() }
            return flag
        }

        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            guard let value = present(key) else { return nil }
            guard case .string(let text) = value else { throw CompactJSONUnsupported() }
            return text
        }

        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
            try present(key).map(CompactJSONValueDecoder.double)
        }

        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { throw CompactJSONUnsupported() }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key).map { try CompactJSONValueDecoder.integer($0) } }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present(key).map { try CompactJSONValueDecoder.integer($0) } }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present(key).map { try CompactJSONValueDecoder.integer($0) } }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present(key).map { try CompactJSONValueDecoder.integer($0) } }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(key).map { try CompactJSONValueDecoder.integer($0) } }
        func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present(key).map { try CompactJSONValueDecoder.integer($0) } }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present(key).map { try CompactJSONValueDecoder.integer($0) } }
        func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present(key).map { try CompactJSONValueDecoder.integer($0) } }
        func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present(key).map { try CompactJSONValueDecoder.integer($0) } }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present(key).map { try CompactJSONValueDecoder.integer($0) } }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let value = present(key) else { return nil }
            if T.self == String.self, case .string(let text) = value, let text = text as? T { return text }
            return try CompactJSONValueDecoder(value, parent: decoder, key: key).decode(type)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey> {
            try child(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try child(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { try superDecoder(named: "super") }

        func superDecoder(forKey key: Key) throws -> any Decoder { try superDecoder(named: key.stringValue) }

        private func superDecoder(named name: String) throws -> any Decoder {
            // Foundation gives a null value for a missing key here; leave that to it.
            guard let member = members.first(where: { $0.key == name }) else { throw CompactJSONUnsupported() }
            return CompactJSONValueDecoder(member.value, parent: decoder, key: CompactJSONIndexKey(name))
        }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let decoder: CompactJSONValueDecoder
        let elements: [CompactJSONValue]
        var currentIndex = 0

        var codingPath: [any CodingKey] { decoder.codingPath }
        var count: Int? { elements.count }
        var isAtEnd: Bool { currentIndex >= elements.count }

        private mutating func next() throws -> CompactJSONValueDecoder {
            guard !isAtEnd else { throw CompactJSONUnsupported() }
            defer { currentIndex += 1 }
            return CompactJSONValueDecoder(elements[currentIndex], parent: decoder, key: CompactJSONIndexKey(index: currentIndex))
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else { throw CompactJSONUnsupported() }
            if case .null = elements[currentIndex] {
                currentIndex += 1
                return true
            }
            return false
        }

        /// The next element, without a decoder of its own (for strings and numbers).
        private mutating func nextValue() throws -> CompactJSONValue {
            guard !isAtEnd else { throw CompactJSONUnsupported() }
            defer { currentIndex += 1 }
            return elements[currentIndex]
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decode(type) }

        mutating func decode(_ type: String.Type) throws -> String {
            guard !isAtEnd, case .string(let text) = elements[currentIndex] else { throw CompactJSONUnsupported() }
            currentIndex += 1
            return text
        }
        mutating func decode(_ type: Double.Type) throws -> Double { try next().decode(type) }
        mutating func decode(_ type: Float.Type) throws -> Float { throw CompactJSONUnsupported() }
        mutating func decode(_ type: Int.Type) throws -> Int { try CompactJSONValueDecoder.integer(nextValue()) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try CompactJSONValueDecoder.integer(nextValue()) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try CompactJSONValueDecoder.integer(nextValue()) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try CompactJSONValueDecoder.integer(nextValue()) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try CompactJSONValueDecoder.integer(nextValue()) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try CompactJSONValueDecoder.integer(nextValue()) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try CompactJSONValueDecoder.integer(nextValue()) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try CompactJSONValueDecoder.integer(nextValue()) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try CompactJSONValueDecoder.integer(nextValue()) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try CompactJSONValueDecoder.integer(nextValue()) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if T.self == String.self, let text = try decode(String.self) as? T { return text }
            return try next().decode(type)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

        mutating func superDecoder() throws -> any Decoder { try next() }
    }
}

/// A coding-path key for an array element or a super decoder.
struct CompactJSONIndexKey: CodingKey {
    private let name: String?
    let intValue: Int?
    var stringValue: String { name ?? "Index \(intValue ?? 0)" }
    init(_ name: String) { self.name = name; intValue = nil }
    init(index: Int) { name = nil; intValue = index }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(index: intValue) }
}
