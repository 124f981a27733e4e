extension ConsentRules {
    /// Rule 12: validates a void of event `seq` (`target`, nil when the store has no such
    /// event) with `reason`; `alreadyVoidedBy` is the void that already voided it, if any.
    /// Only a confirmation, request or withdrawal can be voided, once; a void cannot be
    /// voided. Returns the reason, normalised (required, at most 500 characters).
    public static func void(seq: Int64, target: ConsentEvent?, reason: String,
                            alreadyVoidedBy: Int64?) throws(ValidationError) -> String {
        guard let target else { throw ValidationError([.unknownEvent(seq)]) }
        if case .voided = target { throw ValidationError([.voidOfVoid(seq)]) }
        guard ConsentHistory.isVoidable(target) else { throw ValidationError([.notVoidable(seq, kind: target.kind)]) }
        if let by = alreadyVoidedBy { throw ValidationError([.alreadyVoided(seq, by: by)]) }
        return try voidReason(reason)
    }

    /// The reason of a void (rule 4: required text, at most 500 characters), normalised.
    public static func voidReason(_ reason: String) throws(ValidationError) -> String {
        var checks = FieldChecks()
        let reason = checks.text(reason, .reason, required: true, maximum: 500)
        guard checks.violations.isEmpty, let reason else { throw ValidationError(checks.violations) }
        return reason
    }

    /// Whether the history entry `entry` can be voided now, and why not.
    public static func voidAvailability(of entry: HistoryEntry?) -> Availability {
        guard let entry else { return .unavailable(.noEventSelected) }
        if let by = entry.voidedBy { return .unavailable(.alreadyVoided(entry.seq, by: by)) }
        if entry.kind == EventKind.voided.rawValue { return .unavailable(.voidOfVoid(entry.seq)) }
        if !entry.isVoidable { return .unavailable(.notVoidable(entry.seq, kind: entry.kind)) }
        return .available
    }
}
