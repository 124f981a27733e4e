import Foundation

/// A calendar date with no time of day, as Partner Center's `dateAgreed` means it.
///
/// Stored and sent as UTC midnight (`2018-07-28T00:00:00Z`); written as ISO 8601
/// (`2018-07-28`) in every language.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a day, or `nil` when the date does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; also accepts a timestamp whose date part is that
    /// (`2018-07-28T00:00:00Z`, `2018-07-28T00:00:00`), as Partner Center sends.
    public init?(iso text: String) {
        // Fast path: exactly `YYYY-MM-DD`, as the store keeps it.
        let bytes = text.utf8
        if bytes.count == 10 {
            var values = [0, 0, 0], part = 0, ok = true
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 7 {
                    if byte != UInt8(ascii: "-") { ok = false; break }
                    part += 1
                } else if byte >= 0x30 && byte <= 0x39 {
                    values[part] = values[part] * 10 + Int(byte - 0x30)
                } else {
                    ok = false
                    break
                }
            }
            if ok {
                self.init(year: values[0], month: values[1], day: values[2])
                return
            }
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let datePart = trimmed.split(separator: "T", maxSplits: 1).first.map(String.init) ?? trimmed
        let pieces = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].count == 4, pieces[1].count == 2, pieces[2].count == 2,
              pieces.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(pieces[0]), let m = Int(pieces[1]), let d = Int(pieces[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The UTC calendar day that contains `date`.
    public init(utcOf date: Date) {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        self = Day(daysSinceEpoch: days)
    }

    /// The day `daysSinceEpoch` days after 1970-01-01.
    public init(daysSinceEpoch: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.year = y
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// UTC midnight of this day.
    public var utcMidnight: Date { Date(timeIntervalSince1970: TimeInterval(daysSinceEpoch) * 86_400) }

    /// `YYYY-MM-DD`.
    public var iso: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `YYYY-MM-DDT00:00:00Z`, Partner Center's `dateAgreed`.
    public var partnerCenterTimestamp: String { iso + "T00:00:00Z" }

    public var description: String { iso }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + count) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// The earliest plausible acceptance, request or withdrawal date: neither the
    /// Microsoft Cloud Agreement nor the Microsoft Customer Agreement existed before the
    /// 2010s, so an earlier date is a typo (`0001-01-01`, `1918-07-28`).
    public static let earliestPlausible = Day(year: 2010, month: 1, day: 1)!

    /// Parses exactly `YYYY-MM-DD` (what people and the command line type), nothing else.
    public init?(strict text: String) {
        guard text.utf8.count == 10, let day = Day(iso: text) else { return nil }
        self = day
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a date (YYYY-MM-DD): \(text)")
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
