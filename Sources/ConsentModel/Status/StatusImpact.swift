/// How many customers a change of policy (a template added or retired, a cut-off or a
/// required agreement type set) moves from one status to another: today, and on the
/// day an upcoming template takes effect. Shown before such a change is saved.
public struct StatusImpact: Hashable, Sendable, CustomStringConvertible {
    /// Customers moving from one status to another.
    public struct Move: Hashable, Sendable, Comparable {
        public let from: ConsentStatus
        public let to: ConsentStatus
        public let count: Int

        public static func < (lhs: Move, rhs: Move) -> Bool {
            (lhs.count, rhs.from, rhs.to) > (rhs.count, lhs.from, lhs.to)
        }
    }

    /// The day the change would be saved.
    public let today: Day
    /// The moves today, largest first.
    public let moves: [Move]
    /// The day a template added by the change takes effect, with the moves then
    /// (compared with that day without the change).
    public let later: (day: Day, moves: [Move])?

    /// Counts the moves of `customers` between the policy `before` and `after` on
    /// `today`, and on `laterDay` when given.
    public init<Customers: Sequence>(customers: Customers, before: ConsentEvaluator, after: ConsentEvaluator,
                                     today: Day, laterDay: Day? = nil) where Customers.Element == Customer {
        self.init(before: before, after: after, today: today, laterDay: laterDay) { visit in customers.forEach(visit) }
    }

    /// Counts the moves of the customers `forEach` hands over one at a time (a store
    /// streams them without holding them all).
    public init<E: Error>(before: ConsentEvaluator, after: ConsentEvaluator, today: Day, laterDay: Day? = nil,
                          forEach: ((Customer) -> Void) throws(E) -> Void) throws(E) {
        var now: [Pair: Int] = [:]
        var then: [Pair: Int] = [:]
        try forEach { customer in
            let old = before.status(of: customer, today: today).status
            let new = after.status(of: customer, today: today).status
            if old != new { now[Pair(from: old, to: new), default: 0] += 1 }
            if let laterDay {
                let oldLater = before.status(of: customer, today: laterDay).status
                let newLater = after.status(of: customer, today: laterDay).status
                if oldLater != newLater { then[Pair(from: oldLater, to: newLater), default: 0] += 1 }
            }
        }
        self.today = today
        self.moves = Self.moves(now)
        self.later = laterDay.map { ($0, Self.moves(then)) }
    }

    /// Customers whose status changes today.
    public var changedToday: Int { moves.reduce(0) { $0 + $1.count } }
    /// Customers whose status changes on the later day.
    public var changedLater: Int { later?.moves.reduce(0) { $0 + $1.count } ?? 0 }
    /// Whether the change moves anyone, now or later: then it is confirmed first.
    public var movesAnyone: Bool { changedToday + changedLater > 0 }

    public var description: String {
        var lines: [String] = []
        if moves.isEmpty {
            lines.append(tr("impact.noneToday"))
        } else {
            lines.append(tr("impact.today", changedToday, Self.text(moves)))
        }
        if let later, !later.moves.isEmpty {
            lines.append(tr("impact.later", later.day.iso, changedLater, Self.text(later.moves)))
        }
        return lines.joined(separator: "\n")
    }

    public static func == (lhs: StatusImpact, rhs: StatusImpact) -> Bool {
        lhs.today == rhs.today && lhs.moves == rhs.moves && lhs.later?.day == rhs.later?.day && lhs.later?.moves == rhs.later?.moves
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(today)
        hasher.combine(moves)
        hasher.combine(later?.day)
        hasher.combine(later?.moves)
    }

    private struct Pair: Hashable {
        let from: ConsentStatus
        let to: ConsentStatus
    }

    private static func moves(_ counts: [Pair: Int]) -> [Move] {
        counts.map { Move(from: $0.key.from, to: $0.key.to, count: $0.value) }.sorted()
    }

    private static func text(_ moves: [Move]) -> String {
        moves.map { tr("impact.move", $0.count, tr("status.\($0.from.rawValue)"), tr("status.\($0.to.rawValue)")) }
            .joined(separator: ", ")
    }
}
