extension ConsentRules {
    /// The profile's follow-up thresholds from `draft`: a field left empty keeps `existing`
    /// (or the standard 14 and 30 days); a value must be a whole number of days from 0 to
    /// `FollowUpThresholds.maximumDays`. Nil when none was ever set.
    static func thresholds(_ draft: ProfileDraft, existing: FollowUpThresholds?, _ checks: inout FieldChecks) -> FollowUpThresholds? {
        let waiting = draft.waitingDays.trimmingCharacters(in: .whitespaces)
        let renewing = draft.renewingDays.trimmingCharacters(in: .whitespaces)
        if waiting.isEmpty && renewing.isEmpty { return existing }
        let base = existing ?? .standard
        func days(_ text: String, _ field: Field, _ kept: Int) -> Int {
            if text.isEmpty { return kept }
            guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text) else {
                if text.hasPrefix("-"), Int(text) != nil {
                    checks.add(.daysOutOfRange(field, text, maximum: FollowUpThresholds.maximumDays))
                } else {
                    checks.add(.invalidNumber(field, text))
                }
                return kept
            }
            guard value <= FollowUpThresholds.maximumDays else {
                checks.add(.daysOutOfRange(field, text, maximum: FollowUpThresholds.maximumDays))
                return kept
            }
            return value
        }
        return FollowUpThresholds(waitingDays: days(waiting, .followUpWaitingDays, base.waitingDays),
                                  renewingDays: days(renewing, .followUpRenewingDays, base.renewingDays))
    }
}
