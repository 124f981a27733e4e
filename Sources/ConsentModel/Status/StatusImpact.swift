/// How many customers a change of policy (a template added or retired, a cut-off or a
/// required agreement type set) moves from one status to another: today, and on every
/// later day on which the change makes statuses move (an upcoming template's effective
/// date, a cut-off still to come, before or after the change). Shown before such a change
/// is saved.
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

    /// What the change does on one later day.
    public struct LaterDay: Hashable, Sendable {
        /// The day.
        public let day: Day
        /// The moves customers make on that day with the change that they would not make
        /// without it, largest first (from their status the day before, with the change).
        public let moves: [Move]
        /// The moves customers would have made on that day without the change and no longer
        /// make, largest first.
        public let avoided: [Move]
    }

    /// The day the change would be saved.
    public let today: Day
    /// The moves today, largest first.
    public let moves: [Move]
    /// Every later day on which the change makes statuses move (or keeps them from moving),
    /// in order; days on which it changes nothing are left out.
    public let laterDays: [LaterDay]

    /// The first later day with its moves (compatibility with a single upcoming day).
    public var later: (day: Day, moves: [Move])? { laterDays.first.map { ($0.day, $0.moves) } }

    /// Counts the moves of `customers` between the policy `before` and `after` on `today`
    /// and on every later day on which either policy's statuses change.
    public init<Customers: Sequence>(customers: Customers, before: ConsentEvaluator, after: ConsentEvaluator,
                                     today: Day) where Customers.Element == Customer {
        self.init(before: before, after: after, today: today) { visit in customers.forEach(visit) }
    }

    /// Counts the moves of the customers `forEach` hands over one at a time (a store
    /// streams them without holding them all). Statuses change without an event only on
    /// the days `ConsentEvaluator.statusChangeDays` names, so each timeline is looked at
    /// today and on those days.
    public init<E: Error>(before: ConsentEvaluator, after: ConsentEvaluator, today: Day,
                          forEach: ((Customer) -> Void) throws(E) -> Void) throws(E) {
        let days = Array(Set(before.statusChangeDays(after: today) + after.statusChangeDays(after: today))).sorted()
        var now: [Pair: Int] = [:]
        var moved = Array(repeating: [Pair: Int](), count: days.count)
        var avoided = Array(repeating: [Pair: Int](), count: days.count)
        try forEach { customer in
            var old = before.status(of: customer, today: today).status
            var new = after.status(of: customer, today: today).status
            if old != new { now[Pair(from: old, to: new), default: 0] += 1 }
            for (index, day) in days.enumerated() {
                let oldThen = before.status(of: customer, today: day).status
                let newThen = after.status(of: customer, today: day).status
                // Only what the change does: a move both policies make on that day is not its effect.
                if (old, oldThen) != (new, newThen) {
                    if new != newThen {
                        moved[index][Pair(from: new, to: newThen), default: 0] += 1
                    } else {
                        avoided[index][Pair(from: old, to: oldThen), default: 0] += 1
                    }
                }
                (old, new) = (oldThen, newThen)
            }
        }
        self.today = today
        self.moves = Self.moves(now)
        self.laterDays = days.indices.compactMap { index in
            guard !moved[index].isEmpty || !avoided[index].isEmpty else { return nil }
            return LaterDay(day: days[index], moves: Self.moves(moved[index]), avoided: Self.moves(avoided[index]))
        }
    }

    /// Customers whose status changes today.
    public var changedToday: Int { moves.reduce(0) { $0 + $1.count } }
    /// Customers whose status changes (or no longer changes) on later days, counted once a day.
    public var changedLater: Int {
        laterDays.reduce(0) { $0 + ($1.moves + $1.avoided).reduce(0) { $0 + $1.count } }
    }
    /// Whether the change moves anyone, now or later: then it is confirmed first.
    public var movesAnyone: Bool { changedToday + changedLater > 0 }

    public var description: String {
        var lines: [String] = []
        if moves.isEmpty {
            lines.append(tr("impact.noneToday"))
        } else {
            lines.append(tr("impact.today", changedToday, Self.text(moves)))
        }
        for later in laterDays {
            if !later.moves.isEmpty {
                lines.append(tr("impact.later", later.day.iso, Self.count(later.moves), Self.text(later.moves)))
            }
            if !later.avoided.isEmpty {
                lines.append(tr("impact.laterAvoided", later.day.iso, Self.count(later.avoided), Self.text(later.avoided)))
            }
        }
        return lines.joined(separator: "\n")
    }

    private struct Pair: Hashable {
        let from: ConsentStatus
        let to: ConsentStatus
    }

    private static func count(_ moves: [Move]) -> Int { moves.reduce(0) { $0 + $1.count } }

    private static func moves(_ counts: [Pair: Int]) -> [Move] {
        counts.map { Move(from: $0.key.from, to: $0.key.to, count: $0.value) }.sorted()
    }

    private static func text(_ moves: [Move]) -> String {
        moves.map { tr("impact.move", $0.count, tr("status.\($0.from.rawValue)"), tr("status.\($0.to.rawValue)")) }
            .joined(separator: ", ")
    }
}
