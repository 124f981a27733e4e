import Foundation

/// How far a long piece of work has come (an import, an export, re-evaluating every
/// customer's status after a change of policy): items done of a total, and from the time it
/// has taken so far, its rate and the time left. The command line's progress bar and the
/// app's status line both say it with `line`; the time is given, never read here.
public struct WorkProgress: Sendable, Hashable {
    /// What is being done ("Re-evaluating statuses").
    public let label: String
    public let done: Int
    /// Nil while not known (then no time left is given).
    public let total: Int?
    /// Seconds since the work began.
    public let elapsed: TimeInterval

    public init(label: String, done: Int, total: Int?, elapsed: TimeInterval) {
        self.label = label
        self.done = max(0, done)
        self.total = total
        self.elapsed = max(0, elapsed)
    }

    /// Items a second so far.
    public var rate: Double { Double(done) / max(0.001, elapsed) }

    /// How much is done, 0…1, when the total is known.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, Double(done) / Double(total))
    }

    /// Seconds left at the rate so far, when the total is known.
    public var secondsLeft: Double? {
        guard let total, total > 0 else { return nil }
        return rate > 0 ? Double(max(0, total - done)) / rate : nil
    }

    /// "Re-evaluating statuses: 450,000 of 1,000,000 (95,000/s, 6s left)".
    public var line: String {
        tr("progress.line", label, Self.grouped(done), total.map(Self.grouped) ?? "?", Self.grouped(Int(rate)),
           secondsLeft.map(Self.duration) ?? "?")
    }

    /// 1234567 → "1,234,567" (the app's counts and every progress line).
    public static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return number < 0 ? "-" + out : out
    }

    /// A bar of `width` cells, filled as far as the work has come (empty while the total is unknown).
    public func bar(width: Int) -> String {
        let width = max(0, width)
        let filled = Int((fraction ?? 0) * Double(width))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    /// "45s", "2m05s" (rounded up).
    public static func duration(_ seconds: Double) -> String {
        let whole = Int(max(0, seconds).rounded(.up))
        return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
    }
}
