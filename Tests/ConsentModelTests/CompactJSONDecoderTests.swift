import Foundation
import Testing
@testable import ConsentModel

/// The quick JSON reader behind `verify` and every stored payload must read exactly what
/// Foundation's decoder (`InterchangeJSON.decoder()`) reads, and refuse what it refuses.
@Suite("Compact JSON decoder")
struct CompactJSONDecoderTests {
    /// What each decoder gives for `data`: the value, or nil when it throws.
    func both<T: Decodable>(_ type: T.Type, _ data: Data) -> (foundation: T?, compact: T?) {
        (try? InterchangeJSON.decoder().decode(type, from: data), try? CompactJSONDecoder().decode(type, from: data))
    }

    func agree<T: Decodable & Equatable>(_ type: T.Type, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        agree(type, Data(text.utf8), sourceLocation: sourceLocation)
    }

    func agree<T: Decodable & Equatable>(_ type: T.Type, _ data: Data, sourceLocation: SourceLocation = #_sourceLocation) {
        let (foundation, compact) = both(type, data)
        #expect(foundation == compact, "\(T.self) from \(String(decoding: data.prefix(120), as: UTF8.self))",
                sourceLocation: sourceLocation)
        // The text overload reads the same.
        if let text = String(data: data, encoding: .utf8) {
            #expect((try? CompactJSONDecoder().decode(type, from: text)) == foundation, sourceLocation: sourceLocation)
        }
    }

    static let everyKind: [ConsentEvent] = {
        var events = DemoGenerator(customers: 300, seed: 11, today: Fixture.today).events()
        events += [.templateAdded(.microsoftCustomerAgreement), .templateRetired(templateId: "t-1"),
                   .imported(source: "file \"quoted\"\n.csv", rows: 12), .voided(tenantId: Fixture.tenant, seq: 42, reason: "typo ✓"),
                   .customerEdited(Fixture.customer()), .noted(tenantId: Fixture.tenant, text: "Rang back 👩‍💻 \u{1B}[31m 北京")]
        return events
    }()

    @Test func everyEventKindIsReadAsFoundationReadsItWithoutFoundation() throws {
        #expect(Set(Self.everyKind.map(\.kind)).count == 11)
        let unsorted = JSONEncoder()
        unsorted.dateEncodingStrategy = .iso8601
        for event in Self.everyKind {
            for data in [try InterchangeJSON.encoder().encode(event), try unsorted.encode(event),
                         try InterchangeJSON.encoder(pretty: true).encode(event)] {
                let decoded = try CompactJSONDecoder().decode(ConsentEvent.self, from: data)
                #expect(decoded == event)
                #expect(decoded == (try InterchangeJSON.decoder().decode(ConsentEvent.self, from: data)))
                // Read by the quick path itself, not handed back to Foundation.
                #expect(CompactJSONDecoder().withoutFoundation(ConsentEvent.self, from: data) == event)
            }
        }
    }

    @Test func stringsWithEscapesAndSurrogatesAgree() {
        for text in [#""plain""#, #""""#, #""a\"b\\c\/d\b\f\n\r\t""#, #""\u00e9\u00C9 \u5317\u4eac""#, #""\ud83d\ude00""#,
                     #""\uD83D\uDE00x""#, #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\ud800x""#, #""\u12""#, #""\uZZZZ""#,
                     #""\x""#, "\"tab\there\"", "\"nul\u{0}\"", #""unterminated"#, #""\u0000""#, #""é 北京 👩‍💻""#, #""\""#,
                     "\"\u{7F}\u{85}\u{202E}\u{2028}\""] {
            agree(String.self, text)
            agree([String].self, "[\(text)]")
            agree([String: String].self, "{\(text):\(text)}")
        }
        // Not UTF-8 at all.
        agree(String.self, Data([0x22, 0xC3, 0x28, 0x22]))
        agree(String.self, Data([0x22, 0xFF, 0x22]))
        agree(String.self, Data([0xEF, 0xBB, 0xBF] + Array(#""bom""#.utf8)))
    }

    @Test func numbersAgree() {
        let texts = ["0", "1", "-1", "42", "-0", "1.0", "1.5", "1e2", "1E+2", "1e-2", "01", "1.", ".5", "-", "+1", "0x10", "1_000",
                     "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615",
                     "18446744073709551616", "300", "255", "-300", "1e400", "-1e400", "NaN", "Infinity", "3.14159", "2.5e-308"]
        for text in texts {
            agree(Int.self, text)
            agree(Int64.self, text)
            agree(UInt8.self, text)
            agree(UInt64.self, text)
            agree(Int32.self, text)
            agree(Double.self, text)
            agree([Int].self, "[\(text)]")
            agree([String: Int].self, "{\"n\": \(text)}")
        }
    }

    @Test func nullsBoolsAndWrongTypesAgree() {
        struct Sample: Codable, Equatable {
            let name: String
            let count: Int
            let flag: Bool?
            let note: String?
        }
        for text in [#"{"name":"a","count":1}"#, #"{"name":"a","count":1,"flag":null,"note":null}"#, #"{"name":"a","count":1,"flag":true}"#,
                     #"{"name":null,"count":1}"#, #"{"name":"a"}"#, #"{"name":"a","count":"1"}"#, #"{"name":1,"count":1}"#,
                     #"{"name":"a","count":1,"flag":"true"}"#, #"{"name":"a","count":1,"flag":1}"#, #"{"name":"a","count":true}"#,
                     #"{"name":"a","count":1,"unknown":[1,{"x":null}],"other":{}}"#, #"[{"name":"a","count":1}]"#,
                     #"{"name":"a","count":1,"name":"b"}"#, #"{"count":1,"name":"a","count":2}"#, "null", "true", "[]", "{}",
                     #"{"name":"a","count":1}  "#, #" {"name":"a","count":1} x"#, #"{"name":"a","count":1,}"#, #"{"name":"a" "count":1}"#,
                     #"{"name":"a","count":1}{}"#, #"{'name':'a','count':1}"#, #"{name:"a","count":1}"#, "\u{0C}{\"name\":\"a\",\"count\":1}"] {
            agree(Sample.self, text)
            agree([Sample].self, text)
            agree(Sample?.self, text)
            agree([String: Int?].self, text)
        }
        for text in ["null", "true", "false", "tru", "nul", "\"null\"", "0", "[null]", "[true,false,null]", "[true false]", "[1,]", "[,1]"] {
            agree(Bool.self, text)
            agree(Bool?.self, text)
            agree([Bool?].self, text)
            agree(String?.self, text)
        }
    }

    @Test func datesAgreeWithTheISO8601Strategy() {
        let texts = ["2022-07-26T08:18:35Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z",
                     "2022-13-01T00:00:00Z", "2022-04-31T00:00:00Z", "2022-07-26T24:00:00Z", "2022-07-26T08:60:00Z",
                     "2022-07-26T08:18:60Z", "2022-07-26T08:18:35+02:00", "2022-07-26T08:18:35.250Z", "2022-07-26 08:18:35Z",
                     "2022-07-26", "1899-12-31T23:59:59Z", "3000-01-01T00:00:00Z", "2100-03-01T12:00:00Z", "0001-01-01T00:00:00Z",
                     "2022-07-26T08:18:35z", "20220726T081835Z", ""]
        for text in texts {
            agree(Date.self, "\"\(text)\"")
            agree([String: Date].self, "{\"at\":\"\(text)\"}")
        }
        agree(Date.self, "1658823515")
        agree(Day.self, #""2026-11-25""#)
        agree(Day.self, #""2026-02-30""#)
        agree(Data.self, #""aGVsbG8=""#)
        agree(URL.self, #""https://example.com/a b""#)
        agree(Decimal.self, "12.50")
        agree(Float.self, "1.5")
    }

    @Test func deepNestingIsRefusedWithoutACrash() {
        for depth in [10, 255, 256, 257, 600, 20_000] {
            let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
            for text in [arrays, objects, String(repeating: "[", count: depth)] {
                let (foundation, compact) = both(NestedAny.self, Data(text.utf8))
                #expect((foundation == nil) == (compact == nil), "depth \(depth)")
            }
        }
    }

    @Test func damagedEventsAreReadOrRefusedAsFoundationDoes() throws {
        // Every event's text with one byte changed, removed or cut short: same answer, never a crash.
        var generator = SeededBytes(seed: 13)
        let texts = try Self.everyKind.prefix(60).map { Array(try InterchangeJSON.encoder().encode($0)) }
        for bytes in texts {
            for _ in 0..<25 {
                var damaged = bytes
                let at = generator.next(below: damaged.count)
                switch generator.next(below: 3) {
                case 0: damaged[at] = UInt8(truncatingIfNeeded: generator.next(below: 256))
                case 1: damaged.remove(at: at)
                default: damaged = Array(damaged.prefix(at))
                }
                agree(ConsentEvent.self, Data(damaged))
            }
        }
        for garbage in ["", " ", "{", "}", "[", "\"", "{\"confirmed\":", "{\"confirmed\":{}}", "{\"nope\":{}}", "{\"profileSet\":{\"_0\":1}}",
                        "{\"confirmed\":{},\"requested\":{}}", "\u{0}", "💥"] {
            agree(ConsentEvent.self, garbage)
        }
    }
}

/// Any JSON, for nesting tests.
private enum NestedAny: Decodable, Equatable {
    case leaf
    case list([NestedAny])
    case map([String: NestedAny])

    init(from decoder: any Decoder) throws {
        if let list = try? [NestedAny](from: decoder) {
            self = .list(list)
        } else if let map = try? [String: NestedAny](from: decoder) {
            self = .map(map)
        } else {
            self = .leaf
        }
    }
}

/// A small deterministic generator (no timing, no system randomness).
private struct SeededBytes {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next(below bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(max(bound, 1)))
    }
}
