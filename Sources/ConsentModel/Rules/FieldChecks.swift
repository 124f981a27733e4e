import Foundation

/// Checks of single fields, collecting violations instead of stopping at the first.
struct FieldChecks {
    private(set) var violations: [ConsentViolation] = []

    mutating func add(_ violation: ConsentViolation) { violations.append(violation) }

    /// Rule 4: trimmed text in Unicode NFC without control, bidi or invisible characters
    /// nor line separators (joiners only between visible characters), at most `maximum`
    /// Unicode scalars (so combining marks cannot slip past the limit); empty when not
    /// `required`. Returns the normalised text, or nil on failure.
    @discardableResult
    mutating func text(_ raw: String, _ field: Field, required: Bool, maximum: Int = 100) -> String? {
        // A cheap cap first: no valid value has more bytes than this, whatever it holds.
        if raw.utf8.count > maximum * 4 + 256 { add(.tooLong(field, maximum: maximum)); return nil }
        let value = FieldChecks.normalized(raw)
        if let problem = UntrustedText.problem(in: value) {
            switch problem {
            case .bidiControl: add(.bidiControl(field))
            case .control: add(.controlCharacter(field))
            case .invisible: add(.invisibleCharacter(field))
            case .lineSeparator: add(.lineSeparator(field))
            case .misplacedJoiner: add(.misplacedJoiner(field))
            }
            return nil
        }
        if required && value.isEmpty { add(.missing(field)); return nil }
        if value.unicodeScalars.count > maximum { add(.tooLong(field, maximum: maximum)); return nil }
        return value
    }

    /// Trimmed of spaces at both ends, in Unicode NFC: how the model stores and compares text.
    static func normalized(_ raw: String) -> String {
        let trimmed = raw.trimmedOfSpaces
        // ASCII is already NFC; skip the copy.
        return trimmed.utf8.allSatisfy { $0 < 0x80 } ? trimmed : trimmed.precomposedStringWithCanonicalMapping
    }

    /// The partner user id, however it enters (an argument, `CONSENTDESK_USER_ID`, an
    /// imported file, a form, the profile): rule 4's text, and Partner Center's `userId`,
    /// the partner user's object id, a GUID ("jdoe" is a sign-in name, markup is neither).
    /// Empty when not `required`. Returns the trimmed value, or nil on failure.
    @discardableResult
    mutating func partnerUserId(_ raw: String, _ field: Field, required: Bool) -> String? {
        guard let value = text(raw, field, required: required) else { return nil }
        guard value.isEmpty || FieldChecks.isGUID(value) else { add(.partnerUserIdNotObjectId(value, field: field)); return nil }
        return value
    }

    /// The employee who makes or made a change, however the name enters (`--employee`, the
    /// OS user, a form, an imported file): rule 4's text, required.
    mutating func employee(_ raw: String) -> String? {
        text(raw, .employee, required: true)
    }

    /// Rule 2: a plausible email address, trimmed.
    mutating func email(_ raw: String) -> String? {
        guard let value = text(raw, .email, required: true, maximum: 254) else { return nil }
        guard FieldChecks.isPlausibleEmail(value) else { add(.invalidEmail(value)); return nil }
        return value
    }

    static func isPlausibleEmail(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty,
              !value.contains(where: { $0.isWhitespace }) else { return false }
        return isPlausibleDomain(String(parts[1]))
    }

    /// A domain with at least one dot and no empty labels.
    static func isPlausibleDomain(_ value: String) -> Bool {
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return false }
        return value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
    }

    /// Rule 3: a date written exactly `YYYY-MM-DD`, not after `today` and not before
    /// `earliest` (by default the documented floor, `Day.earliestPlausible`).
    mutating func day(_ raw: String, _ field: Field, required: Bool, notAfter today: Day,
                      notBefore earliest: Day = Day.earliestPlausible) -> Day? {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value.isEmpty {
            if required { add(.missing(field)) }
            return nil
        }
        guard let day = Day(strict: value) else { add(.invalidDate(field, String(value.prefix(40)))); return nil }
        if day > today { add(.dateInFuture(field, day, today: today)); return nil }
        if day < earliest { add(.dateTooEarly(field, day, earliest: earliest)); return nil }
        return day
    }

    /// An optional phone number: only digits, spaces, `+ - ( ) . /` and an extension
    /// (`ext`, `x`), with at least one digit. Empty when not given.
    mutating func phone(_ raw: String) -> String? {
        guard let value = text(raw, .phoneNumber, required: false, maximum: 40) else { return nil }
        guard value.isEmpty || FieldChecks.isPhoneNumber(value) else { add(.invalidPhone(value)); return nil }
        return value
    }

    static func isPhoneNumber(_ value: String) -> Bool {
        var rest = value.lowercased().replacingOccurrences(of: "ext", with: " ")
        rest = rest.replacingOccurrences(of: "x", with: " ")
        return rest.contains(where: { $0.isASCII && $0.isNumber })
            && rest.unicodeScalars.allSatisfy { "0123456789 +-()./".unicodeScalars.contains($0) }
    }

    /// A tenant id (or a template id, also a GUID), lower-cased. A refusal quotes the
    /// value as it was typed (trimmed), not the lower-cased copy.
    mutating func tenantId(_ raw: String, _ field: Field) -> String? {
        let typed = raw.trimmingCharacters(in: .whitespaces)
        let value = typed.lowercased()
        if value.isEmpty { add(.missing(field)); return nil }
        guard FieldChecks.isGUID(value) else { add(.invalidTenantId(field, typed)); return nil }
        return value
    }

    static func isGUID(_ value: String) -> Bool {
        UUID(uuidString: value) != nil
    }

    /// A list of domains separated by commas or spaces, lower-cased.
    mutating func domains(_ raw: String, _ field: Field, required: Bool) -> [String]? {
        guard let text = text(raw, field, required: required, maximum: 2000) else { return nil }
        let typed = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
        // Only separators (",") is no domain at all: missing where one is required.
        if required && typed.isEmpty { add(.missing(field)); return nil }
        // A refusal quotes the domain as typed, not a lower-cased copy.
        for domain in typed where !FieldChecks.isPlausibleDomain(domain) {
            add(.invalidDomain(field, domain)); return nil
        }
        var seen = Set<String>()
        return typed.map { $0.lowercased() }.filter { seen.insert($0).inserted }
    }

    /// Rules 8, 9: a reseller named by id or name must be one of `profile`'s, and only an
    /// indirect provider names one. Returns its id, or nil when none is named (or on failure).
    mutating func reseller(_ raw: String, of profile: PartnerProfile) -> String? {
        let text = self.text(raw, .reseller, required: false) ?? ""
        guard !text.isEmpty else { return nil }
        guard profile.role == .indirectProvider else { add(.resellerNotApplicable); return nil }
        guard let reseller = profile.reseller(text) else { add(.unknownReseller(text)); return nil }
        return reseller.id
    }
}
