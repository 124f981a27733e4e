import Foundation
import Testing
@testable import ConsentModel

/// The quick JSON writer behind `list --json`, the history export and stored payloads must
/// write exactly what Foundation's encoder (`InterchangeJSON.encoder()`) writes.
@Suite("Compact JSON encoder")
struct CompactJSONEncoderTests {
    func foundation<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try InterchangeJSON.encoder().encode(value), as: UTF8.self)
    }

    func compact<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try CompactJSONEncoder().compact(value), as: UTF8.self)
    }

    @Test func everyDemoEventIsWrittenByteForByteAsFoundationWritesIt() throws {
        var events = DemoGenerator(customers: 300, seed: 11, today: Fixture.today).events()
        events += [.templateAdded(.microsoftCustomerAgreement), .templateRetired(templateId: "t-1"),
                   .imported(source: "file.csv", rows: 12), .voided(tenantId: Fixture.tenant, seq: 42, reason: "typo"),
                   .customerEdited(Fixture.customer())]
        #expect(Set(events.map(\.kind)).count == 10)
        for event in events {
            #expect(try compact(event) == foundation(event))
            // And it reads back as the same event.
            #expect(try InterchangeJSON.decoder().decode(ConsentEvent.self, from: Data(try CompactJSONEncoder().compact(event))) == event)
        }
    }

    @Test func customersAndSubscriptionsMatchFoundation() throws {
        for event in DemoGenerator(customers: 200, seed: 3, today: Fixture.today).events() {
            guard case .customerAdded(let customer) = event else { continue }
            #expect(try compact(customer) == foundation(customer))
            #expect(try compact(customer.subscriptions) == foundation(customer.subscriptions))
        }
    }

    @Test func stringsAreEscapedExactlyAsFoundationEscapesThem() throws {
        var every = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }.joined()
        every += "/ \u{7F} \u{85} \u{202E} \u{2028} é 北京 👩‍💻 \"quoted\" back\\slash"
        for text in [every, "", "plain", "line\nbreak\ttab\r\u{08}\u{0C}\u{1B}[31m"] {
            #expect(try compact(text) == foundation(text))
            #expect(try compact(["key \"\u{01}": text]) == foundation(["key \"\u{01}": text]))
        }
    }

    @Test func keysAreSortedAndOptionalsLeftOutAsFoundationDoes() throws {
        struct Sample: Encodable {
            let zeta = 1, alpha = "a", Beta = true, _0 = [1, 2], a1 = Optional<String>.none, a10: Int64 = -5, a2 = [String: Int]()
            let when = Date(timeIntervalSince1970: 1_700_000_000.75), day = Day(year: 2026, month: 1, day: 15)
        }
        #expect(try compact(Sample()) == foundation(Sample()))
        #expect(try compact([Sample(), Sample()]) == foundation([Sample(), Sample()]))
    }

    @Test func aKeySetTwiceKeepsItsLastValueAsInFoundation() throws {
        struct Twice: Encodable {
            enum Keys: String, CodingKey { case b, a }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode("first", forKey: .b)
                try container.encode(1, forKey: .a)
                try container.encode("second", forKey: .b)
            }
        }
        #expect(try compact(Twice()) == foundation(Twice()))
        #expect(try compact(Twice()) == #"{"a":1,"b":"second"}"#)
    }

    @Test func numbersWithoutARuleFallBackToFoundation() throws {
        struct Measured: Encodable { let share = 0.25 }
        #expect(throws: CompactJSONEncoder.Unsupported.self) { try CompactJSONEncoder().compact(Measured()) }
        #expect(String(decoding: try CompactJSONEncoder().encode(Measured()), as: UTF8.self) == (try foundation(Measured())))
    }
}
