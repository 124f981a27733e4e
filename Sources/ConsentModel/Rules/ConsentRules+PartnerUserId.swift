/// The partner user id a store confirms under by default: Partner Center's `userId`, the
/// object id (a GUID) of the partner user who confirms (Partner Center → Account settings →
/// User management → the user → Object ID).
extension ConsentRules {
    /// Checks the profile's default partner user id for `role`: required where
    /// confirmations go to Microsoft (imports and confirmations need it), and a GUID when
    /// given ("jdoe" is a sign-in name, not the object id). The partner user id violations
    /// found (none when it is right).
    public static func defaultUserIdViolations(_ text: String, role: String) -> [ConsentViolation] {
        let value = text.trimmingCharacters(in: .whitespaces)
        let confirms = PartnerRole(rawValue: role.trimmingCharacters(in: .whitespaces)).map { $0 != .indirectReseller } ?? true
        if value.isEmpty { return confirms ? [.missingPartnerUserId] : [] }
        var checks = FieldChecks()
        checks.partnerUserId(value, .defaultUserId, required: false)
        return checks.violations
    }
}
