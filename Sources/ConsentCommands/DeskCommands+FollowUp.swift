import ConsentModel
import ConsentStore
import Foundation

extension DeskCommands {
    /// Adds `--waiting-over`, `--renewing-within` and `--reseller` to `query`; a number of
    /// days that is none, both follow-ups at once, or a reseller the profile does not know
    /// is refused.
    func followUps(_ selection: Selection, into query: inout ListQuery) throws {
        func days(_ text: String, _ option: String) throws -> Int {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(trimmed),
                  value <= FollowUpThresholds.maximumDays else {
                throw CommandError.usage(tr("cli.followUp.badDays", option, UntrustedText.escaped(text), FollowUpThresholds.maximumDays))
            }
            return value
        }
        switch (selection.waitingOver, selection.renewingWithin) {
        case (let waiting?, nil): query.followUp = .waitingOver(days: try days(waiting, "--waiting-over"))
        case (nil, let renewing?): query.followUp = .renewingWithin(days: try days(renewing, "--renewing-within"))
        case (nil, nil): break
        case (_?, _?): throw CommandError.usage(tr("cli.followUp.both"))
        }
        if let text = selection.reseller {
            let profile = try store.profile()
            let key = text.trimmingCharacters(in: .whitespaces)
            guard let reseller = profile.reseller(key) ?? profile.resellers.first(where: { $0.id.lowercased() == key.lowercased() }) else {
                let known = profile.resellers.map { "\(UntrustedText.escaped($0.id)) (\(UntrustedText.escaped($0.name)))" }
                throw CommandError.input(tr("cli.followUp.noReseller", UntrustedText.escaped(text),
                                            known.isEmpty ? tr("cli.followUp.noResellers") : known.joined(separator: ", ")))
            }
            query.reseller = reseller.id
        }
    }

    /// The follow-up and reseller lists of a read-only store whose stored statuses are not
    /// today's: evaluated here one customer at a time, then put in the follow-up's order.
    func forEachFollowUp(_ query: ListQuery, _ each: (Customer, StatusReport, PartnerProfile, Day?) throws -> Void) throws -> SelectionRead {
        let today = self.today
        let current = try self.evaluator()
        let needle = CustomerSearch.query(query.search)
        var picked: [(customer: Customer, report: StatusReport, day: Day?)] = []
        let header = try store.readCustomers { listed, _ in
            let report = current.status(of: listed, today: today)
            if let filter = query.status, !filter.contains(report.status) { return }
            if let reseller = query.reseller, listed.resellerId != reseller { return }
            if !needle.isEmpty, !CustomerSearch.matches(CustomerSearch.folded(listed, profile: current.profile), query: needle) { return }
            guard let followUp = query.followUp else {
                picked.append((listed, report, nil))
                return
            }
            if case .renewingWithin = followUp {
                // Its subscriptions are read after this pass (the store reads one thing at a time).
                if report.status.blocksNewPurchases { picked.append((listed, report, nil)) }
                return
            }
            if let day = followUp.sortDay(listed, status: report.status, today: today) { picked.append((listed, report, day)) }
        }
        if let followUp = query.followUp, case .renewingWithin = followUp {
            picked = try picked.compactMap { entry in
                guard let full = try store.customer(entry.customer.tenantId)?.customer,
                      let day = followUp.sortDay(full, status: entry.report.status, today: today) else { return nil }
                return (entry.customer, entry.report, day)
            }
        }
        // The store's order: the follow-up's day, then the company's folded key, then tenant id.
        picked = picked.map { ($0, ListQuery.companyKey($0.customer.companyName)) }.sorted { a, b in
            (a.0.day ?? today, a.1, a.0.customer.tenantId) < (b.0.day ?? today, b.1, b.0.customer.tenantId)
        }.map(\.0)
        for entry in picked {
            let renewsOn: Day?
            if case .renewingWithin = query.followUp { renewsOn = entry.day } else { renewsOn = nil }
            try each(entry.customer, entry.report, current.profile, renewsOn)
        }
        return SelectionRead(profile: header.profile, catalog: header.catalog, headSeq: header.headSeq, headHash: header.headHash,
                             listed: picked.count, totalCustomers: header.totalCustomers)
    }
}
