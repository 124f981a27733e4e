extension Customer {
    /// The customer's consent record as it stood on `day`, from its history (`events`, in
    /// the order recorded): acceptances, requests and withdrawals count from the day they
    /// are dated, so `check --as-of` answers with what was true then, not with today's
    /// record. Company details are today's.
    public func asOf(_ day: Day, history events: [ConsentEvent]) -> Customer {
        var then = self
        then.confirmation = nil
        then.request = nil
        then.withdrawal = nil
        then.lastWithdrawalDate = nil
        for event in events {
            switch event {
            case .confirmed(_, let confirmation):
                if confirmation.dateAgreed <= day { then = then.applying(event) }
            case .requested(_, let request):
                if request.date <= day { then = then.applying(event) }
            case .withdrawn(_, let withdrawal):
                if withdrawal.date <= day { then = then.applying(event) }
            case .profileSet, .templateAdded, .templateRetired, .customerAdded, .customerEdited, .imported, .voided,
                 .noted, .keyAdded, .keyRetired:
                // Company details are today's; the rest hold no consent record of a day.
                break
            }
        }
        return then
    }
}
