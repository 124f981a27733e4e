import ConsentModel
import Foundation
import Testing

/// Event times are stored as text, hashed as text and printed from a `Date` read back from
/// that text: every printed time must be the stored one, to the millisecond.
@Suite("Times print as they were stored")
struct TimeTextTests {
    @Test func everyMillisecondReadsBackAsTheSameText() throws {
        for millisecond in 0..<1000 {
            let text = "2026-11-26T07:52:25." + String(repeating: "0", count: 3 - String(millisecond).count) + "\(millisecond)Z"
            let date = try #require(ISO8601.date(text))
            #expect(ISO8601.string(date) == text)
        }
    }

    @Test func aTimeIsWrittenToTheNearestMillisecondInUTC() {
        #expect(ISO8601.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ISO8601.string(Date(timeIntervalSince1970: 1.9996)) == "1970-01-01T00:00:02.000Z")
        #expect(ISO8601.string(Date(timeIntervalSince1970: 59.3081)) == "1970-01-01T00:00:59.308Z")
    }
}
