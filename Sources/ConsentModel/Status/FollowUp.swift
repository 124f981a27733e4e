/// Whom the desk should chase next: a list of customers in the order that hurts first.
public enum FollowUp: Hashable, Sendable {
    /// Requested customers whose request is more than `days` days old, longest waiting first.
    case waitingOver(days: Int)
    /// Blocked customers (outdated included) with a subscription that renews within `days`
    /// days (today to today + `days`), soonest renewal first.
    case renewingWithin(days: Int)

    /// Whether `customer`, with `status` on `today`, belongs in the list (the customer's
    /// subscriptions must be loaded for `renewingWithin`).
    public func matches(_ customer: Customer, status: ConsentStatus, today: Day) -> Bool {
        sortDay(customer, status: status, today: today) != nil
    }

    /// The day the list orders `customer` by (the request's day, or the next renewal in the
    /// window), or nil when the customer does not belong in the list.
    public func sortDay(_ customer: Customer, status: ConsentStatus, today: Day) -> Day? {
        switch self {
        case .waitingOver(let days):
            guard status == .requested, let request = customer.request, request.date.days(until: today) > days else { return nil }
            return request.date
        case .renewingWithin(let days):
            guard status.blocksNewPurchases else { return nil }
            let last = today.adding(days: days)
            return customer.subscriptions.compactMap(\.renewalDate).filter { $0 >= today && $0 <= last }.min()
        }
    }

    /// The latest request day that is waiting more than `days` days on `today`.
    public static func latestWaitingRequest(over days: Int, today: Day) -> Day { today.adding(days: -(days + 1)) }
}

/// How long the desk lets things wait before they show in its follow-up views.
public struct FollowUpThresholds: Hashable, Sendable, Codable {
    /// A request waiting more than this many days is chased (14 by default).
    public var waitingDays: Int
    /// Blocked customers whose subscription renews within this many days are chased (30 by default).
    public var renewingDays: Int

    public init(waitingDays: Int = FollowUpThresholds.standard.waitingDays, renewingDays: Int = FollowUpThresholds.standard.renewingDays) {
        self.waitingDays = waitingDays
        self.renewingDays = renewingDays
    }

    /// 14 days waiting, 30 days renewing.
    public static let standard = FollowUpThresholds(waitingDays: 14, renewingDays: 30, checked: ())

    private init(waitingDays: Int, renewingDays: Int, checked: Void) {
        self.waitingDays = waitingDays
        self.renewingDays = renewingDays
    }

    /// The largest threshold accepted (ten years).
    public static let maximumDays = 3660
}

extension PartnerProfile {
    /// The follow-up thresholds (the standard ones unless the partner set its own).
    public var thresholds: FollowUpThresholds { followUp ?? .standard }
}
