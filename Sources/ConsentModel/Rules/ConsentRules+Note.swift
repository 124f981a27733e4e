extension ConsentRules {
    /// The most a note holds, in Unicode scalars.
    public static let noteLimit = 500

    /// A note on a customer (issue 15.1): free text checked like every other (rule 4:
    /// required, no control, bidi or invisible characters, NFC), at most `noteLimit`
    /// characters; returns it normalised. A note changes no status.
    public static func note(_ text: String) throws(ValidationError) -> String {
        var checks = FieldChecks()
        let note = checks.text(text, .note, required: true, maximum: noteLimit)
        guard checks.violations.isEmpty, let note else { throw ValidationError(checks.violations) }
        return note
    }
}
