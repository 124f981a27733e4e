import ConsentModel
import Foundation
import GRDB

extension ListQuery {
    /// The query with its follow-up counted from `today`.
    func counted(from today: Day) -> ListQuery {
        var query = self
        query.day = today
        return query
    }

    /// The expression rows are ordered by before the company key and tenant id; nil when the
    /// company alone orders them. A follow-up orders by its own day (the request's,
    /// the next renewal's) instead of `sort`.
    var sortKey: String? {
        switch followUp {
        case .waitingOver: return "rDate"
        case .renewingWithin: return ListProjection.nextRenewal(onOrAfter: day ?? Day.earliestPlausible)
        case nil: return sort == .company ? nil : sort.column
        }
    }

    /// Whether the order ascends: a follow-up always lists what hurts first (the longest
    /// waiting, the soonest renewal).
    var sortsAscending: Bool { followUp == nil ? ascending : true }

    /// The key a company name sorts by in the store (folded: "Göteborg" with G), for a
    /// caller that orders customers itself the way the store does.
    public static func companyKey(_ name: String) -> String { ListProjection.sortKey(name) }
}

extension ConsentStore {
    /// Adds the follow-up's and the reseller's conditions (all on indexed columns).
    static func followUpConditions(_ query: ListQuery, _ conditions: inout [String], _ arguments: inout StatementArguments) {
        if let reseller = query.reseller {
            conditions.append("resellerId = ?")
            arguments += [reseller]
        }
        let today = query.day ?? Day.earliestPlausible
        switch query.followUp {
        case .waitingOver(let days):
            conditions.append("status = \(ListProjection.rank(.requested))")
            conditions.append("rDate <= ?")
            arguments += [FollowUp.latestWaitingRequest(over: max(0, days), today: today).iso]
        case .renewingWithin(let days):
            let ranks = StatusGroup.blocked.statuses.map(ListProjection.rank).map(String.init).joined(separator: ",")
            conditions.append("status IN (\(ranks))")
            conditions.append("tenantId IN (SELECT tenantId FROM customer_renewals WHERE day BETWEEN ? AND ?)")
            arguments += [today.iso, today.adding(days: max(0, days)).iso]
        case nil:
            break
        }
    }
}

extension ListProjection {
    /// The next renewal of the row's customer on or after `day` (a correlated lookup on the
    /// renewals index). `day` is a `Day`, so its ISO text is safe in the statement.
    static func nextRenewal(onOrAfter day: Day) -> String {
        "(SELECT MIN(r.day) FROM customer_renewals r WHERE r.tenantId = customers.tenantId AND r.day >= '\(day.iso)')"
    }
}
