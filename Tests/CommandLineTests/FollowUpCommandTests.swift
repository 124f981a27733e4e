import Foundation
import Testing
import TestSupport

/// `list --waiting-over`, `--renewing-within` and `--reseller` through the real binary, on
/// a demo store at the CLI's fixed day (2026-11-25).
@Suite("Follow-up lists on the command line")
struct FollowUpCommandTests {
    static let today = "2026-11-25"

    func demo() throws -> CLI {
        let cli = CLI()
        #expect(try cli("demo", "--customers", "400", "--seed", "5").status == 0)
        return cli
    }

    /// Whole days from `day` (YYYY-MM-DD) to the CLI's day.
    func daysBefore(_ day: String) throws -> Int {
        let format = DateFormatter()
        format.dateFormat = "yyyy-MM-dd"
        format.timeZone = TimeZone(identifier: "UTC")
        let from = try #require(format.date(from: day))
        let to = try #require(format.date(from: Self.today))
        return Int((to.timeIntervalSince(from) / 86_400).rounded())
    }

    @Test func waitingOverListsRequestsOlderThanNDaysLongestFirst() throws {
        let cli = try demo()
        let all = try CLI.jsonLines(try cli("list", "--json", "--status", "requested").stdout)
        let rows = try CLI.jsonLines(try cli("list", "--json", "--waiting-over", "14").stdout)
        let ages = try rows.map { row -> Int in
            let request = try #require(row["request"] as? [String: Any])
            return try daysBefore(try #require(request["date"] as? String))
        }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0["status"] as? String == "requested" })
        #expect(ages.allSatisfy { $0 > 14 })
        #expect(ages == ages.sorted(by: >))
        // Every requested customer waiting more than 14 days is there, none less.
        let expectedCount = try all.filter { row in
            let request = try #require(row["request"] as? [String: Any])
            return try daysBefore(try #require(request["date"] as? String)) > 14
        }.count
        #expect(rows.count == expectedCount)
        // The table says how many of the store's customers it lists.
        let table = try cli("list", "--waiting-over", "14")
        #expect(table.status == 0)
        #expect(table.stderr.contains("\(expectedCount) of 400 customers"))
        // …and how long each has waited, longest first, beside the status.
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Status     Waiting") == true)
        let firstAge = try daysBefore(try #require((rows.first?["request"] as? [String: Any])?["date"] as? String))
        #expect(lines.count > 2 && lines[2].contains("  \(firstAge) days  "))
        // Combined with a search: a subset, same order.
        let name = try #require(rows.first?["companyName"] as? String)
        let searched = try CLI.jsonLines(try cli("list", "--json", "--waiting-over", "14", "--search", name).stdout)
        #expect(searched.contains { $0["companyName"] as? String == name })
        #expect(searched.count <= rows.count)
    }

    @Test func renewingWithinListsBlockedCustomersSoonestRenewalFirst() throws {
        let cli = try demo()
        let rows = try CLI.jsonLines(try cli("list", "--json", "--renewing-within", "30").stdout)
        #expect(!rows.isEmpty)
        let blocked = ["missing", "requested", "withdrawn", "outdated"]
        #expect(rows.allSatisfy { blocked.contains($0["status"] as? String ?? "") })
        var nextRenewals: [String] = []
        for row in rows {
            let id = try #require(row["tenantId"] as? String)
            let shown = try #require(try JSONSerialization.jsonObject(with: Data(try cli("show", id, "--json").stdout.utf8)) as? [String: Any])
            let days = (shown["subscriptions"] as? [[String: Any]] ?? []).compactMap { $0["renewalDate"] as? String }
                .filter { $0 >= Self.today && $0 <= "2026-12-25" }
            nextRenewals.append(try #require(days.min(), "\(id) renews within 30 days"))
        }
        #expect(nextRenewals == nextRenewals.sorted())
        // The table shows each customer's next renewal beside its status, in that order.
        let table = try cli("list", "--renewing-within", "30").stdout.split(separator: "\n").map(String.init)
        #expect(table.first?.contains("Renews") == true)
        let shownDays = table.dropFirst(2).compactMap { line in line.split(separator: " ").first { $0.count == 10 && $0.hasPrefix("20") }.map(String.init) }
        #expect(shownDays == nextRenewals)
        // Only outdated ones: --status narrows the same list.
        let outdated = try CLI.jsonLines(try cli("list", "--json", "--renewing-within", "30", "--status", "outdated").stdout)
        #expect(outdated.map { $0["tenantId"] as? String } == rows.filter { $0["status"] as? String == "outdated" }.map { $0["tenantId"] as? String })
        // A longer window lists at least as many.
        #expect(try CLI.jsonLines(try cli("list", "--json", "--renewing-within", "90").stdout).count >= rows.count)
    }

    @Test func resellerFilterTakesAnIdOrANameAndRefusesAnUnknownOne() throws {
        let cli = try demo()
        let all = try CLI.jsonLines(try cli("list", "--json").stdout)
        let reseller = try #require(all.compactMap { $0["resellerId"] as? String }.first)
        let byId = try CLI.jsonLines(try cli("list", "--json", "--reseller", reseller).stdout)
        #expect(!byId.isEmpty)
        #expect(byId.count == all.filter { $0["resellerId"] as? String == reseller }.count)
        #expect(byId.allSatisfy { $0["resellerId"] as? String == reseller })
        let blocked = try CLI.jsonLines(try cli("list", "--json", "--reseller", reseller, "--status", "blocked").stdout)
        #expect(blocked.count < byId.count)
        let unknown = try cli("list", "--reseller", "nobody-here")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("No reseller \"nobody-here\""))
        #expect(unknown.stdout.isEmpty)
    }

    @Test func badDaysAndBothFollowUpsAreRefusedWithWhatToDo() throws {
        let cli = try CLI.withCustomer()
        let words = try cli("list", "--waiting-over", "two weeks")
        #expect(words.status == 64)
        #expect(words.stderr.contains("--waiting-over needs a whole number of days"))
        let negative = try cli("list", "--renewing-within", "-3")
        #expect(negative.status != 0)
        let both = try cli("list", "--waiting-over", "14", "--renewing-within", "30")
        #expect(both.status == 64)
        #expect(both.stderr.contains("not both"))
        // The store is unchanged by any of it.
        #expect(try cli("verify").status == 0)
    }

    @Test func theProfileKeepsTheFollowUpThresholdsAndRefusesBadOnes() throws {
        let cli = try CLI.withCustomer()
        let standard = try cli("profile", "show").stdout
        #expect(standard.contains("Waiting over (days)") && standard.contains("14"))
        #expect(try cli("profile", "set", "--waiting-days", "7", "--renewing-days", "45").status == 0)
        // The same again is no change: no event.
        let events = try cli("log", "--json").stdout
        #expect(try cli("profile", "set", "--waiting-days", "7").status == 0)
        #expect(try cli("log", "--json").stdout == events)
        var shown = try cli("profile", "show").stdout
        #expect(shown.contains("7") && shown.contains("45"))
        // Setting something else keeps them.
        #expect(try cli("profile", "set", "--name", "Northwind Traders").status == 0)
        shown = try cli("profile", "show").stdout
        #expect(shown.split(separator: "\n").contains { $0.contains("Waiting over (days)") && $0.hasSuffix("7") })
        #expect(shown.split(separator: "\n").contains { $0.contains("Renewing within (days)") && $0.hasSuffix("45") })
        for bad in ["two", "99999", "1.5"] {
            let refused = try cli("profile", "set", "--waiting-days", bad)
            #expect(refused.status == 2, "\(bad)")
            #expect(refused.stderr.contains("Waiting over (days)"), "\(refused.stderr)")
        }
        #expect(try cli("profile", "show").stdout.split(separator: "\n").contains { $0.contains("Waiting over (days)") && $0.hasSuffix("7") })
        #expect(try cli("verify").status == 0)
    }

    @Test func anOlderStoreReadOnlyListsTheSameFollowUpsAsTheStore() throws {
        let cli = try demo()
        let reseller = try #require(try CLI.jsonLines(try cli("list", "--json").stdout).compactMap { $0["resellerId"] as? String }.first)
        let asks: [[String]] = [["--waiting-over", "14"], ["--renewing-within", "30"], ["--reseller", reseller, "--status", "blocked"],
                                ["--renewing-within", "60", "--reseller", reseller]]
        let current = try asks.map { try cli.call(["list", "--json"] + $0).stdout }
        #expect(current.allSatisfy { !$0.isEmpty })
        // Back to schema v4 (no list columns): read-only commands evaluate each customer themselves.
        let columns = ["kCompany", "status", "kDomain", "kReseller", "kAgreement", "kDate", "kContact", "sText"]
            .map { "ALTER TABLE customers DROP COLUMN \($0);" }.joined()
        let back = try cli.sqlite("""
            DROP TRIGGER customers_renewals_insert; DROP TRIGGER customers_renewals_update; DROP TRIGGER customers_renewals_delete;
            DROP TABLE customer_renewals; DROP INDEX customers_waiting; DROP INDEX customers_reseller_id;
            DROP TRIGGER customers_search_insert; DROP TRIGGER customers_search_delete; DROP TRIGGER customers_search_update;
            DROP TABLE customer_search; DROP INDEX customers_sort_company; DROP INDEX customers_status_count; DROP INDEX customers_status; DROP INDEX customers_domain;
            DROP INDEX customers_country; DROP INDEX customers_cloud; DROP INDEX customers_reseller; DROP INDEX customers_agreement;
            DROP INDEX customers_date; DROP INDEX customers_contact; \(columns)
            DELETE FROM meta WHERE key = 'statusDay';
            DELETE FROM grdb_migrations WHERE identifier IN ('v5-list-in-the-store', 'v6-folded-sort-keys', 'v8-follow-ups', 'v9-status-count-index');
            """)
        #expect(back.status == 0, "\(back.stderr)")
        for (ask, expected) in zip(asks, current) {
            let old = try cli.call(["list", "--json"] + ask)
            #expect(old.status == 0, "\(old.stderr)")
            #expect(old.stdout == expected, "\(ask)")
        }
    }
}
