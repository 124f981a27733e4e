import Foundation

/// The body of Partner Center's `POST /v1/customers/{tenantId}/agreements`, and one item
/// of its `GET` collection.
public struct PartnerCenterAgreement: Hashable, Sendable, Codable {
    public struct PrimaryContact: Hashable, Sendable, Codable {
        public var firstName: String
        public var lastName: String
        public var email: String
        /// May be absent.
        public var phoneNumber: String?

        public init(firstName: String, lastName: String, email: String, phoneNumber: String?) {
            self.firstName = firstName
            self.lastName = lastName
            self.email = email
            self.phoneNumber = phoneNumber
        }
    }

    public var primaryContact: PrimaryContact
    public var templateId: String
    /// `2018-07-28T00:00:00Z` when sent; GET responses may omit the `Z`.
    public var dateAgreed: String
    /// Agreement type; unknown names are kept as they are.
    public var type: AgreementType
    public var agreementLink: String?
    public var userId: String?

    public init(primaryContact: PrimaryContact, templateId: String, dateAgreed: String, type: AgreementType,
                agreementLink: String?, userId: String?) {
        self.primaryContact = primaryContact
        self.templateId = templateId
        self.dateAgreed = dateAgreed
        self.type = type
        self.agreementLink = agreementLink
        self.userId = userId
    }

    /// The POST body confirming `confirmation`.
    public init(_ confirmation: Confirmation, agreementLink: String?) {
        let contact = confirmation.contact
        self.init(primaryContact: PrimaryContact(firstName: contact.firstName, lastName: contact.lastName,
                                                 email: contact.email, phoneNumber: contact.phoneNumber),
                  templateId: confirmation.templateId, dateAgreed: confirmation.dateAgreed.partnerCenterTimestamp,
                  type: confirmation.agreementType, agreementLink: agreementLink, userId: confirmation.partnerUserId)
    }

    /// The day of `dateAgreed`, with or without the `Z`.
    public var day: Day? { Day(iso: dateAgreed) }

    /// The same data as a form would hold, ready for the model's rules.
    public var draft: ConfirmationDraft {
        var draft = ConfirmationDraft(dateAgreed: day?.iso ?? dateAgreed, firstName: primaryContact.firstName,
                                      lastName: primaryContact.lastName, email: primaryContact.email,
                                      phoneNumber: primaryContact.phoneNumber ?? "", templateId: templateId,
                                      partnerUserId: userId ?? "", agreementType: type.rawValue)
        // Partner Center's GET may leave phoneNumber out: that is "as stored", not "no phone".
        draft.phoneNumberAbsent = primaryContact.phoneNumber == nil
        return draft
    }
}

/// Partner Center's collection wrapper: `{ "totalCount": n, "items": [ … ] }`.
public struct PartnerCenterCollection<Item: Codable & Sendable & Hashable>: Hashable, Sendable, Codable {
    public var totalCount: Int
    public var items: [Item]
    public init(items: [Item]) {
        self.totalCount = items.count
        self.items = items
    }
}

/// One item of Partner Center's agreement metadata (`GET /v1/agreements`).
public struct AgreementMetadata: Hashable, Sendable, Codable {
    public var templateId: String
    public var agreementType: AgreementType
    public var agreementLink: String
    public var versionRank: Int

    public init(_ template: AgreementTemplate) {
        templateId = template.templateId
        agreementType = template.agreementType
        agreementLink = template.agreementLink
        versionRank = template.versionRank
    }

    /// The template this metadata describes (nothing known locally yet).
    public var template: AgreementTemplate {
        AgreementTemplate(templateId: templateId, agreementType: agreementType, agreementLink: agreementLink,
                          versionRank: versionRank)
    }
}

/// The JSON coding used for every interchange format: stable key order, no escaped slashes.
public enum InterchangeJSON {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// Decodes Partner Center agreements from a GET collection, a JSON array, one
    /// object, or JSON Lines of objects, strictly (see `ImportText`, `AgreementJSONReader`);
    /// throws the first problem.
    public static func agreements(from data: Data) throws -> [PartnerCenterAgreement] {
        let text = try ImportText.decode([UInt8](data)).text
        return try AgreementJSONReader.read(text).map { try $0.result.get() }
    }
}
