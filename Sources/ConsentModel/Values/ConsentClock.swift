import Foundation

/// Where the model and the store learn the time. Tests and demos inject a fixed one.
public protocol ConsentClock: Sendable {
    /// The current instant.
    func now() -> Date
}

extension ConsentClock {
    /// Today in UTC: the day Partner Center compares acceptance dates with.
    public func today() -> Day { Day(utcOf: now()) }
}

/// The system clock.
public struct SystemClock: ConsentClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that always answers the same instant.
public struct FixedClock: ConsentClock {
    public let instant: Date
    public init(_ instant: Date) { self.instant = instant }
    /// A clock at `hour`:`minute` UTC on `day`.
    public init(_ day: Day, hour: Int = 12, minute: Int = 0) {
        instant = day.utcMidnight.addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
    }
    public func now() -> Date { instant }
}
