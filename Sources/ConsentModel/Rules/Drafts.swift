/// A confirmation as typed into a form or given on the command line: text, unchecked.
public struct ConfirmationDraft: Hashable, Sendable {
    public var dateAgreed: String
    public var firstName: String
    public var lastName: String
    public var email: String
    public var phoneNumber: String
    /// Template id; empty means the current template of the required type.
    public var templateId: String
    public var partnerUserId: String
    public var employee: String
    public var evidence: String
    /// Reseller id or name that collected the information; empty for none.
    public var reseller: String
    /// The agreement type as a file writes it, when the file names a type rather than a
    /// template: an import takes the store's template of that type current on the
    /// acceptance date. Empty when the input names no type.
    public var agreementType: String
    /// The input has no phone column or field at all (not an empty one): a file that
    /// leaves the phone out means "as stored", so the stored contact's phone is used.
    public var phoneNumberAbsent = false

    public init(dateAgreed: String = "", firstName: String = "", lastName: String = "", email: String = "",
                phoneNumber: String = "", templateId: String = "", partnerUserId: String = "",
                employee: String = "", evidence: String = "", reseller: String = "", agreementType: String = "") {
        self.dateAgreed = dateAgreed
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phoneNumber = phoneNumber
        self.templateId = templateId
        self.partnerUserId = partnerUserId
        self.employee = employee
        self.evidence = evidence
        self.reseller = reseller
        self.agreementType = agreementType
    }
}

/// A customer as typed: text, unchecked.
public struct CustomerDraft: Hashable, Sendable {
    public var tenantId: String
    public var companyName: String
    public var domains: String
    public var country: String
    public var cloud: String
    public var reseller: String

    public init(tenantId: String = "", companyName: String = "", domains: String = "", country: String = "",
                cloud: String = "global", reseller: String = "") {
        self.tenantId = tenantId
        self.companyName = companyName
        self.domains = domains
        self.country = country
        self.cloud = cloud
        self.reseller = reseller
    }

    /// The draft that edits `customer`.
    public init(editing customer: Customer) {
        self.init(tenantId: customer.tenantId, companyName: customer.companyName,
                  domains: customer.domains.joined(separator: ", "), country: customer.country,
                  cloud: customer.cloud.rawValue, reseller: customer.resellerId ?? "")
    }
}

/// A withdrawal as typed.
public struct WithdrawalDraft: Hashable, Sendable {
    public var date: String
    public var reason: String
    public init(date: String = "", reason: String = "") {
        self.date = date
        self.reason = reason
    }
}

/// A request for acceptance as typed.
public struct RequestDraft: Hashable, Sendable {
    public var sentTo: String
    public var date: String
    public var note: String
    public init(sentTo: String = "", date: String = "", note: String = "") {
        self.sentTo = sentTo
        self.date = date
        self.note = note
    }
}

/// An agreement template as typed.
public struct TemplateDraft: Hashable, Sendable {
    public var templateId: String
    public var agreementType: String
    public var agreementLink: String
    public var versionRank: String
    public var effectiveDate: String
    public var regions: String
    public var languages: String

    public init(templateId: String = "", agreementType: String = AgreementType.microsoftCustomerAgreement.rawValue,
                agreementLink: String = "", versionRank: String = "0", effectiveDate: String = "",
                regions: String = "", languages: String = "") {
        self.templateId = templateId
        self.agreementType = agreementType
        self.agreementLink = agreementLink
        self.versionRank = versionRank
        self.effectiveDate = effectiveDate
        self.regions = regions
        self.languages = languages
    }
}

/// A partner profile as typed.
public struct ProfileDraft: Hashable, Sendable {
    public var name: String
    public var tenantId: String
    public var domains: String
    public var role: String
    public var defaultUserId: String
    public var requiredAgreementType: String
    public var reacceptanceCutoff: String
    /// The follow-up thresholds in days; empty keeps the profile's (see `FollowUpThresholds`).
    public var waitingDays = ""
    public var renewingDays = ""

    public init(name: String = "", tenantId: String = "", domains: String = "", role: String = "directBill",
                defaultUserId: String = "", requiredAgreementType: String = AgreementType.microsoftCustomerAgreement.rawValue,
                reacceptanceCutoff: String = "") {
        self.name = name
        self.tenantId = tenantId
        self.domains = domains
        self.role = role
        self.defaultUserId = defaultUserId
        self.requiredAgreementType = requiredAgreementType
        self.reacceptanceCutoff = reacceptanceCutoff
    }

    /// The draft that edits `profile`.
    public init(editing profile: PartnerProfile) {
        self.init(name: profile.name, tenantId: profile.tenantId, domains: profile.domains.joined(separator: ", "),
                  role: profile.role.rawValue, defaultUserId: profile.defaultUserId,
                  requiredAgreementType: profile.policy.requiredAgreementType.rawValue,
                  reacceptanceCutoff: profile.policy.reacceptanceCutoff?.iso ?? "")
        if let set = profile.followUp {
            waitingDays = String(set.waitingDays)
            renewingDays = String(set.renewingDays)
        }
    }
}
