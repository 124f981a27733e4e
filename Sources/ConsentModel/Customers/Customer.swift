import Foundation

/// A customer of the partner, with the partner's own consent record for it.
public struct Customer: Hashable, Sendable, Codable, Identifiable {
    /// The customer's Microsoft Entra tenant id.
    public var tenantId: String
    public var companyName: String
    /// The customer's email domains, lower case; the first is its primary domain.
    public var domains: [String]
    /// ISO 3166 country code ("US", "CN", "DE").
    public var country: String
    public var cloud: CloudInstance
    /// For an indirect provider: the reseller serving this customer.
    public var resellerId: String?
    public var subscriptions: [Subscription]

    /// The current confirmation (rule 6: one at a time; older ones live in history).
    public var confirmation: Confirmation?
    /// The latest request for acceptance, while none is confirmed.
    public var request: ConsentRequest?
    /// The withdrawal, when the customer no longer agrees (rule 10).
    public var withdrawal: Withdrawal?
    /// The date of the latest withdrawal ever recorded, kept after a confirmation lifts
    /// it: no later confirmation may be dated before it (rule 10).
    public var lastWithdrawalDate: Day?
    /// The texts of the customer's notes, oldest first (kept for search; the notes with who
    /// wrote them and when are in the history). Not part of an event's payload.
    public var noteTexts: [String] = []

    public var id: String { tenantId }

    /// Every stored field but `noteTexts`, which events never carry.
    enum CodingKeys: String, CodingKey {
        case tenantId, companyName, domains, country, cloud, resellerId, subscriptions
        case confirmation, request, withdrawal, lastWithdrawalDate
    }

    public init(tenantId: String, companyName: String, domains: [String] = [], country: String = "",
                cloud: CloudInstance = .global, resellerId: String? = nil, subscriptions: [Subscription] = [],
                confirmation: Confirmation? = nil, request: ConsentRequest? = nil, withdrawal: Withdrawal? = nil) {
        self.tenantId = tenantId.normalizedLowercase
        self.companyName = companyName
        self.domains = domains.map(\.normalizedLowercase)
        self.country = country.utf8.contains { $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x80 } ? country.uppercased() : country
        self.cloud = cloud
        self.resellerId = resellerId
        self.subscriptions = subscriptions
        self.confirmation = confirmation
        self.request = request
        self.withdrawal = withdrawal
        self.lastWithdrawalDate = withdrawal?.date
    }

    /// The primary domain, or empty.
    public var primaryDomain: String { domains.first ?? "" }
}

/// The person at the customer who accepted the agreement.
public struct Contact: Hashable, Sendable, Codable {
    public var firstName: String
    public var lastName: String
    public var email: String
    public var phoneNumber: String?

    public init(firstName: String, lastName: String, email: String, phoneNumber: String? = nil) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phoneNumber = phoneNumber
    }

    /// "First Last".
    public var fullName: String { "\(firstName) \(lastName)" }

    /// Whether Partner Center would see the same contact (error 600061): same names,
    /// email (ignoring case) and phone, compared as the model stores text (trimmed, NFC;
    /// spaces inside a phone number ignored), so a stored value from an older version
    /// that differs only in its Unicode form is still the same contact.
    public func isSameContact(as other: Contact) -> Bool {
        // Text that is the same as stored (Swift compares canonically) needs no normalizing:
        // the usual case when a file is imported again.
        func same(_ a: String, _ b: String) -> Bool { a == b || FieldChecks.normalized(a) == FieldChecks.normalized(b) }
        func phone(_ text: String?) -> String { FieldChecks.normalized(text ?? "").filter { !$0.isWhitespace } }
        return same(firstName, other.firstName) && same(lastName, other.lastName)
            && (email == other.email || FieldChecks.normalized(email).lowercased() == FieldChecks.normalized(other.email).lowercased())
            && ((phoneNumber ?? "") == (other.phoneNumber ?? "") || phone(phoneNumber) == phone(other.phoneNumber))
    }
}

/// What the partner records when a customer has accepted.
public struct Confirmation: Hashable, Sendable, Codable {
    public var contact: Contact
    /// The day the agreement was accepted (UTC midnight when sent).
    public var dateAgreed: Day
    public var templateId: String
    public var agreementType: AgreementType
    /// Partner Center `userId` the confirmation is made under.
    public var partnerUserId: String
    /// The employee who actually did it.
    public var employee: String
    /// Where the partner keeps its proof: a document path, ticket or URL.
    public var evidence: String?
    /// For an indirect provider: the reseller that collected the information.
    public var collectedByResellerId: String?
    /// When it was recorded (system clock); never editable.
    public var recordedAt: Date

    public init(contact: Contact, dateAgreed: Day, templateId: String, agreementType: AgreementType,
                partnerUserId: String, employee: String, evidence: String? = nil,
                collectedByResellerId: String? = nil, recordedAt: Date) {
        self.contact = contact
        self.dateAgreed = dateAgreed
        self.templateId = templateId.normalizedLowercase
        self.agreementType = agreementType
        self.partnerUserId = partnerUserId
        self.employee = employee
        self.evidence = evidence
        self.collectedByResellerId = collectedByResellerId
        self.recordedAt = recordedAt
    }
}

/// A request for acceptance sent to a reseller or the customer.
public struct ConsentRequest: Hashable, Sendable, Codable {
    /// Whom it was sent to (a reseller, a person, an address).
    public var sentTo: String
    public var date: Day
    public var note: String?

    public init(sentTo: String, date: Day, note: String? = nil) {
        self.sentTo = sentTo
        self.date = date
        self.note = note
    }
}

/// The customer no longer agrees.
public struct Withdrawal: Hashable, Sendable, Codable {
    public var date: Day
    public var reason: String

    public init(date: Day, reason: String) {
        self.date = date
        self.reason = reason
    }
}
