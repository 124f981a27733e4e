import Foundation

/// Writes JSON exactly as `InterchangeJSON.encoder()` does (one line, sorted keys, no
/// escaped slashes, dates as ISO 8601 in UTC, the same string escapes), without Foundation's
/// per-value overhead: it runs once per row of a large list and once per event written.
/// Values it has no rule for (floating-point numbers, `Data`, `URL`, `Decimal`) throw
/// `CompactJSONEncoder.Unsupported`; `encode(_:)` then falls back to Foundation's encoder,
/// so the output is always the same.
public struct CompactJSONEncoder: Sendable {
    /// A value this encoder leaves to Foundation's.
    public struct Unsupported: Error {}

    public init() {}

    /// The JSON text of `value`, as `InterchangeJSON.encoder()` writes it.
    public func encode<T: Encodable>(_ value: T) throws -> Data {
        if let bytes = try? compact(value) { return Data(bytes) }
        return try InterchangeJSON.encoder().encode(value)
    }

    /// The JSON text of `value`; throws `Unsupported` for a value it has no rule for.
    public func compact<T: Encodable>(_ value: T) throws -> [UInt8] {
        let node = try JSONNodeEncoder.node(of: value)
        var out: [UInt8] = []
        out.reserveCapacity(512)
        node.write(to: &out)
        return out
    }

    /// Appends `text` as a JSON string: `"` and `\` escaped, the C0 controls as `\b \f \n
    /// \r \t` or `\u00xx`, everything else (slashes, DEL, any other character) as it is,
    /// as Foundation's encoder writes it. What a terminal could act on is escaped later,
    /// on the whole line (`Output.json`).
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    out.append(contentsOf: Array("u00".utf8))
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// One encoded value: an object (keys sorted when written), an array, or finished bytes.
final class JSONNode {
    enum Content {
        case empty
        case object([(key: String, node: JSONNode)])
        case array([JSONNode])
        case bytes([UInt8])
    }
    var content: Content = .empty

    init() {}
    init(bytes: [UInt8]) { content = .bytes(bytes) }

    func addField(_ key: String, _ node: JSONNode) {
        if case .object(var fields) = content {
            content = .empty
            fields.append((key, node))
            content = .object(fields)
        } else {
            content = .object([(key, node)])
        }
    }

    func addElement(_ node: JSONNode) {
        if case .array(var elements) = content {
            content = .empty
            elements.append(node)
            content = .array(elements)
        } else {
            content = .array([node])
        }
    }

    func write(to out: inout [UInt8]) {
        switch content {
        case .empty:
            out.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
        case .bytes(let bytes):
            out.append(contentsOf: bytes)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                element.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            // Sorted by key, then by when it was set: a key set twice keeps its last value,
            // as Foundation's encoder does.
            let order = fields.indices.sorted { a, b in
                fields[a].key == fields[b].key ? a < b : fields[a].key.utf8.lexicographicallyPrecedes(fields[b].key.utf8)
            }
            var first = true
            for (place, index) in order.enumerated() {
                let field = fields[index]
                if place + 1 < order.count, fields[order[place + 1]].key == field.key { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                CompactJSONEncoder.appendString(field.key, to: &out)
                out.append(UInt8(ascii: ":"))
                field.node.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

/// The `Encoder` that builds `JSONNode`s.
struct JSONNodeEncoder: Encoder {
    let node: JSONNode
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func node<T: Encodable>(of value: T) throws -> JSONNode {
        if let scalar = try scalarBytes(value) { return JSONNode(bytes: scalar) }
        let node = JSONNode()
        try value.encode(to: JSONNodeEncoder(node: node))
        return node
    }

    /// The bytes of a value written without its own `encode(to:)`: strings, integers,
    /// booleans and dates (ISO 8601, whole seconds, as Foundation's `.iso8601`).
    static func scalarBytes<T: Encodable>(_ value: T) throws -> [UInt8]? {
        if T.self == String.self, let text = value as? String {
            var out: [UInt8] = []
            CompactJSONEncoder.appendString(text, to: &out)
            return out
        }
        if T.self == Int.self, let number = value as? Int { return Array(String(number).utf8) }
        if T.self == Bool.self, let flag = value as? Bool { return Array((flag ? "true" : "false").utf8) }
        if T.self == Date.self, let date = value as? Date {
            var out: [UInt8] = []
            CompactJSONEncoder.appendString(date.formatted(.iso8601), to: &out)
            return out
        }
        if T.self == Int64.self || T.self == Int32.self || T.self == Int16.self || T.self == Int8.self || T.self == UInt.self
            || T.self == UInt64.self || T.self == UInt32.self || T.self == UInt16.self || T.self == UInt8.self,
           let number = value as? any BinaryInteger {
            return Array(String(describing: number).utf8)
        }
        if T.self == Double.self || T.self == Float.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            throw CompactJSONEncoder.Unsupported()
        }
        return nil
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .empty = node.content { node.content = .object([]) }
        return KeyedEncodingContainer(Keyed<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .empty = node.content { node.content = .array([]) }
        return Unkeyed(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: JSONNode
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { node.addField(key.stringValue, JSONNode(bytes: Array("null".utf8))) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: String, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { try encodeValue(value, forKey: key) }
        private func encodeValue<T: Encodable>(_ value: T, forKey key: Key) throws {
            node.addField(key.stringValue, try JSONNodeEncoder.node(of: value))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = JSONNode()
            child.content = .object([])
            node.addField(key.stringValue, child)
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = JSONNode()
            child.content = .array([])
            node.addField(key.stringValue, child)
            return Unkeyed(node: child)
        }
        mutating func superEncoder() -> any Encoder { fieldEncoder("super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { fieldEncoder(key.stringValue) }
        private func fieldEncoder(_ key: String) -> any Encoder {
            let child = JSONNode()
            node.addField(key, child)
            return JSONNodeEncoder(node: child)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: JSONNode
        var codingPath: [any CodingKey] { [] }
        var count: Int {
            if case .array(let elements) = node.content { return elements.count }
            return 0
        }

        mutating func encodeNil() throws { node.addElement(JSONNode(bytes: Array("null".utf8))) }
        mutating func encode<T: Encodable>(_ value: T) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: Bool) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: String) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: Double) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: Float) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: Int) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: Int8) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: Int16) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: Int32) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: Int64) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: UInt) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: UInt8) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: UInt16) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: UInt32) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func encode(_ value: UInt64) throws { node.addElement(try JSONNodeEncoder.node(of: value)) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = JSONNode()
            child.content = .object([])
            node.addElement(child)
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let child = JSONNode()
            child.content = .array([])
            node.addElement(child)
            return Unkeyed(node: child)
        }
        mutating func superEncoder() -> any Encoder {
            let child = JSONNode()
            node.addElement(child)
            return JSONNodeEncoder(node: child)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let node: JSONNode
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil() throws { node.content = .bytes(Array("null".utf8)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            node.content = try JSONNodeEncoder.node(of: value).content
        }
        mutating func encode(_ value: Bool) throws { node.content = try JSONNodeEncoder.node(of: value).content }
        mutating func encode(_ value: String) throws { node.content = try JSONNodeEncoder.node(of: value).content }
        mutating func encode(_ value: Double) throws { node.content = try JSONNodeEncoder.node(of: value).content }
        mutating func encode(_ value: Float) throws { node.content = try JSONNodeEncoder.node(of: value).content }
        mutating func encode(_ value: Int) throws { node.content = try JSONNodeEncoder.node(of: value).content }
        mutating func encode(_ value: Int8) throws { node.content = try JSONNodeEncoder.node(of: value).content }
        mutating func encode(_ value: Int16) throws { node.content = try JSONNodeEncoder.node(of: value).content }
        mutating func encode(_ value: Int32) throws { node.content = try JSONNodeEncoder.node(of: value).content }
        mutating func encode(_ value: Int64) throws { node.content = try JSONNodeEncoder.node(of: value).content }
        mutating func encode(_ value: UInt) throws { node.content = try JSONNodeEncoder.node(of: value).content }
        mutating func encode(_ value: UInt8) throws { node.content = try JSONNodeEncoder.node(of: value).content }
        mutating func encode(_ value: UInt16) throws { node.content = try JSONNodeEncoder.node(of: value).content }
        mutating func encode(_ value: UInt32) throws { node.content = try JSONNodeEncoder.node(of: value).content }
        mutating func encode(_ value: UInt64) throws { node.content = try JSONNodeEncoder.node(of: value).content }
    }
}
