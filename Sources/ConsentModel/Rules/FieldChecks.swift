import Foundation

/// Checks of single fields, collecting violations instead of stopping at the first.
struct FieldChecks {
    private(set) var violations: [ConsentViolation] = []

    mutating func add(_ violation: ConsentViolation) { violations.append(violation) }

    /// Rule 4: trimmed text without control or bidi characters, at most `maximum`
    /// characters; empty when not `required`. Returns the trimmed text, or nil on failure.
    @discardableResult
    mutating func text(_ raw: String, _ field: Field, required: Bool, maximum: Int = 100) -> String? {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value.unicodeScalars.contains(where: UntrustedText.isBidiControl) {
            add(.bidiControl(field)); return nil
        }
        if value.unicodeScalars.contains(where: UntrustedText.isControl) {
            add(.controlCharacter(field)); return nil
        }
        if required && value.isEmpty { add(.missing(field)); return nil }
        if value.count > maximum { add(.tooLong(field, maximum: maximum)); return nil }
        return value
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

    /// Rule 3: a date `YYYY-MM-DD`, not after `today`.
    mutating func day(_ raw: String, _ field: Field, required: Bool, notAfter today: Day) -> Day? {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value.isEmpty {
            if required { add(.missing(field)) }
            return nil
        }
        guard let day = Day(iso: value) else { add(.invalidDate(field, value)); return nil }
        if day > today { add(.dateInFuture(field, day, today: today)); return nil }
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

    /// A tenant id: a GUID.
    mutating func tenantId(_ raw: String, _ field: Field) -> String? {
        let value = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if value.isEmpty { add(.missing(field)); return nil }
        guard FieldChecks.isGUID(value) else { add(.invalidTenantId(field, value)); return nil }
        return value
    }

    static func isGUID(_ value: String) -> Bool {
        UUID(uuidString: value) != nil
    }

    /// A list of domains separated by commas or spaces, lower-cased.
    mutating func domains(_ raw: String, _ field: Field, required: Bool) -> [String]? {
        guard let text = text(raw, field, required: required, maximum: 2000) else { return nil }
        let list = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map { $0.lowercased() }
        for domain in list where !FieldChecks.isPlausibleDomain(domain) {
            add(.invalidDomain(field, domain)); return nil
        }
        var seen = Set<String>()
        return list.filter { seen.insert($0).inserted }
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
