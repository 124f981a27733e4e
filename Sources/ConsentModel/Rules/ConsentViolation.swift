/// Why the model refuses an input. Each case names the field, what is wrong and the fix.
public enum ConsentViolation: Error, Hashable, Sendable, CustomStringConvertible {
    case missing(Field)
    case tooLong(Field, maximum: Int)
    case controlCharacter(Field)
    case bidiControl(Field)
    /// An invisible character (zero-width space, word joiner, BOM, soft hyphen).
    case invisibleCharacter(Field)
    /// A line or paragraph separator (U+2028, U+2029).
    case lineSeparator(Field)
    /// A zero-width joiner or non-joiner at the start or end, or several in a row.
    case misplacedJoiner(Field)
    /// A date before the earliest day it can be (a template's effective date, or the floor).
    case dateTooEarly(Field, Day, earliest: Day)
    /// Rule 10: a confirmation dated before the customer's latest withdrawal.
    case confirmationBeforeWithdrawal(Day, withdrawal: Day)
    /// Rule 10: a withdrawal dated before the acceptance it withdraws.
    case withdrawalBeforeConfirmation(Day, confirmation: Day)
    /// Rule 6: a new confirmation dated before the current one would put the story out of order.
    case confirmationBeforeCurrent(Day, current: Day)
    /// A request dated before the customer's current acceptance or latest withdrawal.
    case requestBeforeStory(Day, latest: Day)
    case invalidEmail(String)
    case invalidDate(Field, String)
    case dateInFuture(Field, Day, today: Day)
    case dateBeforeTemplate(Day, effective: Day)
    case emailAtPartnerDomain(domain: String)
    case emailAtResellerDomain(domain: String, reseller: String)
    case duplicateConfirmation
    case nationalCloud(CloudInstance)
    case unknownReseller(String)
    case resellerNotApplicable
    case nothingToWithdraw
    case alreadyWithdrawn
    /// Only a customer with a confirmation appears in an attestation or agreement export.
    case nothingToExport
    case unknownTemplate(String)
    case invalidTenantId(Field, String)
    case invalidDomain(Field, String)
    case invalidCountry(String)
    case invalidLink(String)
    case invalidNumber(Field, String)
    case invalidChoice(Field, String, choices: [String])
    case customerExists(String)
    case unknownCustomer(String)
    case templateExists(String)
    case invalidPhone(String)
    /// Rule 12: there is no event with this number.
    case unknownEvent(Int64)
    /// More than one customer matches what was typed: the first of them (name, domain,
    /// country, tenant id) and how many match in all.
    case ambiguousCustomer(String, matches: [CustomerChoice], total: Int)
    /// Voiding event N would leave the customer's withdrawal without the acceptance it withdrew.
    case voidLeavesWithdrawalAlone(Int64)
    /// Rule 12: only a confirmation, request or withdrawal can be voided.
    case notVoidable(Int64, kind: String)
    /// Rule 12: a void cannot be voided.
    case voidOfVoid(Int64)
    /// Rule 12: the event was already voided (by the second number).
    case alreadyVoided(Int64, by: Int64)
    /// Rule 12: a void needs an event chosen in the history first.
    case noEventSelected
    /// A reseller with this id is already in the profile (named second); adding never replaces.
    case resellerExists(String, name: String)
    /// A reseller's domain is (or is under) the partner's own domain (the second).
    case resellerDomainIsPartners(String, partnerDomain: String)
    /// A reseller's domain already belongs to another reseller (named second).
    case resellerDomainTaken(String, reseller: String)
    /// Another reseller (its id second) already has this name.
    case resellerNameTaken(String, id: String)
    /// A reseller still named by this many customers cannot be removed.
    case resellerHasCustomers(String, count: Int)
    /// The profile has no default partner user id, which confirmations and imports need.
    case missingPartnerUserId
    /// A partner user id that is not Partner Center's object id (a GUID), e.g. a sign-in name.
    case partnerUserIdNotObjectId(String, field: Field = .defaultUserId)
    /// A number of days outside what the field takes (0 to `maximum`).
    case daysOutOfRange(Field, String, maximum: Int)
    /// A request for a customer confirmed on the current template whose acceptance no
    /// coming template or cut-off will outdate: nothing is missing, so there is nothing to ask for.
    case requestNotNeeded

    /// The field the message belongs beside.
    public var field: Field? {
        switch self {
        case .missing(let f), .tooLong(let f, _), .controlCharacter(let f), .bidiControl(let f),
             .invisibleCharacter(let f), .lineSeparator(let f), .misplacedJoiner(let f), .dateTooEarly(let f, _, _),
             .invalidDate(let f, _), .dateInFuture(let f, _, _), .invalidTenantId(let f, _),
             .invalidDomain(let f, _), .invalidNumber(let f, _), .invalidChoice(let f, _, _):
            return f
        case .invalidEmail, .emailAtPartnerDomain, .emailAtResellerDomain: return .email
        case .dateBeforeTemplate, .confirmationBeforeWithdrawal, .confirmationBeforeCurrent: return .dateAgreed
        case .requestBeforeStory: return .requestDate
        case .withdrawalBeforeConfirmation: return .withdrawalDate
        case .duplicateConfirmation: return .email
        case .nationalCloud: return nil
        case .unknownReseller, .resellerNotApplicable: return .reseller
        case .nothingToWithdraw, .alreadyWithdrawn, .nothingToExport: return nil
        case .unknownTemplate: return .template
        case .invalidCountry: return .country
        case .invalidLink: return .agreementLink
        case .customerExists, .unknownCustomer: return .tenantId
        case .templateExists: return .templateId
        case .invalidPhone: return .phoneNumber
        case .unknownEvent, .notVoidable, .voidOfVoid, .alreadyVoided, .noEventSelected, .voidLeavesWithdrawalAlone: return nil
        case .ambiguousCustomer: return .companyName
        case .resellerExists: return .resellerId
        case .resellerDomainIsPartners, .resellerDomainTaken: return .resellerDomains
        case .resellerNameTaken: return .resellerName
        case .resellerHasCustomers: return nil
        case .missingPartnerUserId: return .defaultUserId
        case .partnerUserIdNotObjectId(_, let f): return f
        case .daysOutOfRange(let f, _, _): return f
        case .requestNotNeeded: return nil
        }
    }

    /// The numbered rule this violation enforces, where there is one.
    public var rule: ConsentRule? {
        switch self {
        case .missing(let f): return [.reason, .withdrawalDate].contains(f) ? .withdrawal : .requiredFields
        case .tooLong, .controlCharacter, .bidiControl, .invisibleCharacter, .lineSeparator, .misplacedJoiner, .invalidPhone:
            return .textFields
        case .invalidEmail: return .emailFormat
        case .invalidDate, .dateInFuture, .dateBeforeTemplate, .dateTooEarly: return .acceptanceDate
        case .confirmationBeforeWithdrawal, .withdrawalBeforeConfirmation, .requestBeforeStory: return .withdrawal
        case .confirmationBeforeCurrent: return .oneConfirmationPerCustomer
        case .emailAtPartnerDomain, .emailAtResellerDomain: return .resellerCannotConsent
        case .duplicateConfirmation: return .oneConfirmationPerCustomer
        case .nationalCloud: return .nationalCloudsExcluded
        case .unknownReseller: return .eachPartnerConfirmsForItself
        case .resellerNotApplicable: return .resellerCollectsOnly
        case .resellerDomainIsPartners, .resellerDomainTaken: return .resellerCannotConsent
        case .nothingToWithdraw, .alreadyWithdrawn: return .withdrawal
        case .requestNotNeeded: return .oneConfirmationPerCustomer
        case .unknownEvent, .notVoidable, .voidOfVoid, .alreadyVoided, .noEventSelected, .voidLeavesWithdrawalAlone: return .corrections
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .missing(let f): return tr("violation.missing", f.label)
        case .tooLong(let f, let max): return tr("violation.tooLong", f.label, max)
        case .controlCharacter(let f): return tr("violation.controlCharacter", f.label)
        case .bidiControl(let f): return tr("violation.bidiControl", f.label)
        case .invisibleCharacter(let f): return tr("violation.invisibleCharacter", f.label)
        case .lineSeparator(let f): return tr("violation.lineSeparator", f.label)
        case .misplacedJoiner(let f): return tr("violation.misplacedJoiner", f.label)
        case .dateTooEarly(let f, let day, let earliest): return tr("violation.dateTooEarly", f.label, day, earliest)
        case .confirmationBeforeWithdrawal(let day, let withdrawal):
            return tr("violation.confirmationBeforeWithdrawal", day, withdrawal)
        case .withdrawalBeforeConfirmation(let day, let confirmation):
            return tr("violation.withdrawalBeforeConfirmation", day, confirmation)
        case .confirmationBeforeCurrent(let day, let current):
            return tr("violation.confirmationBeforeCurrent", day, current)
        case .requestBeforeStory(let day, let latest):
            return tr("violation.requestBeforeStory", day, latest)
        case .invalidEmail(let e): return tr("violation.invalidEmail", UntrustedText.escaped(e))
        case .invalidDate(let f, let text): return tr("violation.invalidDate", f.label, UntrustedText.escaped(text))
        case .dateInFuture(let f, let day, let today): return tr("violation.dateInFuture", f.label, day, today)
        case .dateBeforeTemplate(let day, let effective): return tr("violation.dateBeforeTemplate", day, effective)
        case .emailAtPartnerDomain(let d): return tr("violation.emailAtPartnerDomain", d)
        case .emailAtResellerDomain(let d, let r): return tr("violation.emailAtResellerDomain", d, UntrustedText.escaped(r))
        case .duplicateConfirmation: return tr("violation.duplicate")
        case .nationalCloud(let c): return tr("violation.nationalCloud", c.displayName)
        case .unknownReseller(let r): return tr("violation.unknownReseller", UntrustedText.escaped(r))
        case .resellerNotApplicable: return tr("violation.resellerNotApplicable")
        case .nothingToWithdraw: return tr("violation.nothingToWithdraw")
        case .alreadyWithdrawn: return tr("violation.alreadyWithdrawn")
        case .nothingToExport: return tr("violation.nothingToExport")
        case .unknownTemplate(let t): return tr("violation.unknownTemplate", UntrustedText.escaped(t))
        case .invalidTenantId(let f, let t):
            // A template id is a GUID too, but it is not a tenant id: the words name what was asked for.
            return tr(f == .templateId ? "violation.invalidTemplateId" : "violation.invalidTenantId", f.label, UntrustedText.escaped(t))
        case .invalidDomain(let f, let d): return tr("violation.invalidDomain", f.label, UntrustedText.escaped(d))
        case .invalidCountry(let c): return tr("violation.invalidCountry", UntrustedText.escaped(c))
        case .invalidLink(let l): return tr("violation.invalidLink", UntrustedText.escaped(l))
        case .invalidNumber(let f, let t): return tr("violation.invalidNumber", f.label, UntrustedText.escaped(t))
        case .invalidChoice(let f, let t, let choices):
            return tr("violation.invalidChoice", f.label, UntrustedText.escaped(t), choices.joined(separator: ", "))
        case .customerExists(let id): return tr("violation.customerExists", id)
        case .unknownCustomer(let id): return tr("violation.unknownCustomer", UntrustedText.escaped(id))
        case .templateExists(let id): return tr("violation.templateExists", id)
        case .invalidPhone(let text): return tr("violation.invalidPhone", UntrustedText.escaped(text))
        case .unknownEvent(let seq): return tr("violation.unknownEvent", seq)
        case .voidLeavesWithdrawalAlone(let seq): return tr("violation.voidLeavesWithdrawalAlone", seq)
        case .ambiguousCustomer(let text, let matches, let total):
            var lines = [tr("violation.ambiguousCustomer", UntrustedText.escaped(text), total)] + matches.map(\.line)
            if total > matches.count { lines.append(tr("violation.ambiguousCustomer.more", total - matches.count)) }
            return lines.joined(separator: "\n")
        case .notVoidable(let seq, let kind): return tr("violation.notVoidable", seq, ConsentEvent.kindInWords(kind))
        case .voidOfVoid(let seq): return tr("violation.voidOfVoid", seq)
        case .alreadyVoided(let seq, let by): return tr("violation.alreadyVoided", seq, by)
        case .noEventSelected: return tr("violation.noEventSelected")
        case .resellerExists(let id, let name): return tr("violation.resellerExists", UntrustedText.escaped(id), UntrustedText.escaped(name))
        case .resellerDomainIsPartners(let domain, let own):
            return tr("violation.resellerDomainIsPartners", UntrustedText.escaped(domain), UntrustedText.escaped(own))
        case .resellerNameTaken(let name, let id):
            return tr("violation.resellerNameTaken", UntrustedText.escaped(name), UntrustedText.escaped(id))
        case .resellerDomainTaken(let domain, let other):
            return tr("violation.resellerDomainTaken", UntrustedText.escaped(domain), UntrustedText.escaped(other))
        case .resellerHasCustomers(let name, let count): return tr("violation.resellerHasCustomers", UntrustedText.escaped(name), count)
        case .missingPartnerUserId: return tr("violation.missingPartnerUserId")
        case .partnerUserIdNotObjectId(let text, _): return tr("violation.partnerUserIdNotObjectId", UntrustedText.escaped(text))
        case .daysOutOfRange(let f, let t, let maximum): return tr("violation.daysOutOfRange", f.label, UntrustedText.escaped(t), maximum)
        case .requestNotNeeded: return tr("violation.requestNotNeeded")
        }
    }
}

/// Something the model accepts but the user should see.
public enum ConsentWarning: Hashable, Sendable, CustomStringConvertible {
    /// Rule 5: the email is outside the customer's known domains.
    case emailOutsideCustomerDomains(domain: String)
    /// The template chosen is not the current one of the required type.
    case notCurrentTemplate
    /// An import added a customer the file gives no company name or country for (Microsoft's
    /// attestation CSV, Partner Center JSON): it is named `name` (its domain or tenant id).
    case addedWithoutDetails(name: String)

    public var description: String {
        switch self {
        case .addedWithoutDetails(let name): return tr("warning.addedWithoutDetails", UntrustedText.escaped(name))
        case .emailOutsideCustomerDomains(let d): return tr("warning.emailOutsideDomains", UntrustedText.escaped(d))
        case .notCurrentTemplate: return tr("warning.notCurrentTemplate")
        }
    }
}

/// A validated value with the warnings that go with it.
public struct Validated<Value: Sendable>: Sendable {
    public let value: Value
    public let warnings: [ConsentWarning]
}
