import Foundation
import Testing
@testable import ConsentModel

@Suite("Interchange formats")
struct InterchangeTests {
    static let postBody = """
    {"primaryContact":{"firstName":"Anna","lastName":"Smith","email":"anna@contoso.com","phoneNumber":"+1 555 0100"},\
    "templateId":"998b88de-aa99-4388-a42c-1b3517d49490","dateAgreed":"2018-07-28T00:00:00Z",\
    "type":"MicrosoftCloudAgreement","agreementLink":"https://docs.microsoft.com/partner-center/agreements","userId":"u-1"}
    """

    @Test func postBodyDecodesEveryField() throws {
        let agreement = try JSONDecoder().decode(PartnerCenterAgreement.self, from: Data(Self.postBody.utf8))
        #expect(agreement.primaryContact.phoneNumber == "+1 555 0100")
        #expect(agreement.type == .microsoftCloudAgreement)
        #expect(agreement.day == Day(year: 2018, month: 7, day: 28))
        #expect(agreement.userId == "u-1")
    }

    @Test func encodedPostBodyUsesPartnerCentersNamesAndOmitsAbsentPhone() throws {
        let confirmation = Confirmation(contact: Contact(firstName: "王", lastName: "芳", email: "wf@contoso.cn"),
                                        dateAgreed: Day(year: 2018, month: 7, day: 28)!, templateId: AgreementTemplate.microsoftCloudAgreement2018.templateId,
                                        agreementType: .microsoftCloudAgreement, partnerUserId: "u-1", employee: "amy", recordedAt: Date(timeIntervalSince1970: 0))
        let json = String(decoding: try InterchangeJSON.encoder().encode(PartnerCenterAgreement(confirmation, agreementLink: "https://docs.microsoft.com/partner-center/agreements")), as: UTF8.self)
        #expect(json.contains("\"dateAgreed\":\"2018-07-28T00:00:00Z\""))
        #expect(json.contains("\"primaryContact\":{\"email\":\"wf@contoso.cn\",\"firstName\":\"王\",\"lastName\":\"芳\"}"))
        #expect(!json.contains("phoneNumber"))
        #expect(json.contains("\"type\":\"MicrosoftCloudAgreement\""))
        #expect(json.contains("\"userId\":\"u-1\""))
        #expect(!json.contains("employee"))
    }

    @Test func getCollectionWithoutZDecodes() throws {
        let body = """
        {"totalCount":1,"items":[{"primaryContact":{"firstName":"A","lastName":"B","email":"a@b.com"},\
        "templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","dateAgreed":"2021-03-04T00:00:00",\
        "type":"MicrosoftCustomerAgreement","agreementLink":"https://aka.ms/customeragreement","userId":"u"}]}
        """
        let items = try InterchangeJSON.agreements(from: Data(body.utf8))
        #expect(items.count == 1)
        #expect(items[0].day == Day(year: 2021, month: 3, day: 4))
        #expect(items[0].draft.dateAgreed == "2021-03-04")
        #expect(items[0].primaryContact.phoneNumber == nil)
    }

    @Test func anUnknownAgreementTypeSurvivesARoundTrip() throws {
        let body = Self.postBody.replacingOccurrences(of: "MicrosoftCloudAgreement", with: "MicrosoftPartnerAgreementV9")
        let agreement = try JSONDecoder().decode(PartnerCenterAgreement.self, from: Data(body.utf8))
        #expect(agreement.type.rawValue == "MicrosoftPartnerAgreementV9")
        #expect(!agreement.type.isKnown)
        let again = try JSONDecoder().decode(PartnerCenterAgreement.self, from: try JSONEncoder().encode(agreement))
        #expect(again.type.rawValue == "MicrosoftPartnerAgreementV9")
        #expect(again.type.displayName == "MicrosoftPartnerAgreementV9")
    }

    @Test func agreementMetadataMatchesPartnerCenter() throws {
        let body = """
        {"totalCount":1,"items":[{"templateId":"998b88de-aa99-4388-a42c-1b3517d49490","agreementType":"MicrosoftCloudAgreement",\
        "agreementLink":"https://docs.microsoft.com/partner-center/agreements","versionRank":0}]}
        """
        let metadata = try JSONDecoder().decode(PartnerCenterCollection<AgreementMetadata>.self, from: Data(body.utf8))
        #expect(metadata.items[0].template == .microsoftCloudAgreement2018)
        let encoded = String(decoding: try InterchangeJSON.encoder().encode(PartnerCenterCollection(items: [AgreementMetadata(.microsoftCustomerAgreement)])), as: UTF8.self)
        #expect(encoded == #"{"items":[{"agreementLink":"https://aka.ms/customeragreement","agreementType":"MicrosoftCustomerAgreement","templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","versionRank":0}],"totalCount":1}"#)
    }

    @Test func attestationRowHasMicrosoftsColumnsInOrder() {
        #expect(AttestationRow.header == ["CustomerTenantId", "CustomerDomainName", "DateAgreed", "FirstName", "LastName",
                                          "PhoneNumber", "Email", "AgreementType"])
    }

    @Test func attestationRowRoundTripsWithAnEmptyPhone() throws {
        let customer = try Fixture.confirmed()
        let row = AttestationRow(customer: customer, confirmation: customer.confirmation!)
        #expect(row.fields == [Fixture.tenant, "contoso.com", "2026-11-20", "Anna", "Smith", "", "anna@contoso.com", "MicrosoftCustomerAgreement"])
        let read = AttestationRow(fields: Dictionary(uniqueKeysWithValues: zip(AttestationRow.header, row.fields)))
        #expect(read == row)
    }

    @Test func attestationRowAcceptsMicrosoftsUSDates() {
        let row = AttestationRow(fields: ["DateAgreed": "7/28/2018", "FirstName": "A"])
        #expect(row.draft.dateAgreed == "2018-07-28")
        // No type named: the store's required type decides, not a guess here.
        #expect(row.draft.agreementType == "")
    }

    @Test func attestationRowKeepsAnUnknownAgreementType() {
        let row = AttestationRow(fields: ["AgreementType": "SomeFutureAgreement"])
        #expect(row.fields.last == "SomeFutureAgreement")
        #expect(row.draft.agreementType == "SomeFutureAgreement")
        #expect(row.draft.templateId == "")
    }

    @Test func attestationRowReadsAKnownTypeInAnyCaseAndKeepsATypoAsWritten() {
        #expect(AttestationRow(fields: ["agreementtype": " microsoftcloudagreement "]).agreementType == .microsoftCloudAgreement)
        let typo = AttestationRow(fields: ["AgreementType": "MicrosoftCloudAgrement"])
        #expect(typo.agreementType.rawValue == "MicrosoftCloudAgrement")
        #expect(!typo.agreementType.isKnown)
    }

    @Test func customerRowRoundTripsTheConsentRecord() throws {
        var customer = try Fixture.confirmed()
        customer.request = nil
        let fields = CustomersCSVRow.fields(customer, status: .confirmed)
        let parsed = CustomersCSVRow.parse(Dictionary(uniqueKeysWithValues: zip(CustomersCSVRow.header, fields)))
        #expect(parsed.customer.tenantId == Fixture.tenant)
        #expect(parsed.confirmationDraft(over: nil)?.email == "anna@contoso.com")
        #expect(parsed.confirmationDraft(over: nil)?.dateAgreed == "2026-11-20")
        #expect(parsed.withdrawalDraft(over: nil) == nil)
    }

    @Test func customerRowLeavesColumnsTheFileLacksAsStored() throws {
        var customer = try Fixture.confirmed()
        customer.country = "US"
        customer.cloud = .usGovernment
        let parsed = CustomersCSVRow.parse(["tenantId": Fixture.tenant, "companyName": "Contoso Renamed"])
        let draft = parsed.customerDraft(over: customer)
        #expect(draft.companyName == "Contoso Renamed")
        #expect(draft.domains == "contoso.com")
        #expect(draft.country == "US")
        #expect(draft.cloud == CloudInstance.usGovernment.rawValue)
        #expect(parsed.confirmationDraft(over: customer.confirmation) == nil)
        // Only the email given: the rest of the acceptance is the stored one.
        let email = CustomersCSVRow.parse(["tenantId": Fixture.tenant, "email": "new@contoso.com"])
        let confirmation = email.confirmationDraft(over: customer.confirmation)
        #expect(confirmation?.email == "new@contoso.com")
        #expect(confirmation?.firstName == "Anna")
        #expect(confirmation?.dateAgreed == "2026-11-20")
        #expect(confirmation?.templateId == customer.confirmation?.templateId)
    }
}

@Suite("Customers, templates, profile")
struct OtherInputTests {
    @Test func customerNeedsAGUIDTenantAndAName() {
        #expect(throws: ValidationError([.invalidTenantId(.tenantId, "contoso"), .missing(.companyName)])) {
            try ConsentRules.customer(CustomerDraft(tenantId: "contoso", companyName: ""), existing: nil, in: Fixture.context())
        }
    }

    @Test func customerDomainsAndCountryAreChecked() throws {
        #expect(throws: ValidationError([.invalidDomain(.domains, "not a domain".split(separator: " ").first.map(String.init)!)])) {
            try ConsentRules.customer(CustomerDraft(tenantId: Fixture.tenant, companyName: "C", domains: "not"), existing: nil, in: Fixture.context())
        }
        // The message quotes what was typed (issue 14: not a capitalised copy of it).
        #expect(throws: ValidationError([.invalidCountry("usa")])) {
            try ConsentRules.customer(CustomerDraft(tenantId: Fixture.tenant, companyName: "C", country: "usa"), existing: nil, in: Fixture.context())
        }
    }

    @Test func cjkCompanyNameAndLooseCloudNamesAreAccepted() throws {
        let c = try ConsentRules.customer(CustomerDraft(tenantId: Fixture.tenant.uppercased(), companyName: "北京云端科技有限公司",
                                                        domains: "bj.example, BJ2.example", country: "cn", cloud: "China"),
                                          existing: nil, in: Fixture.context())
        #expect(c.cloud == .china21Vianet)
        #expect(c.domains == ["bj.example", "bj2.example"])
        #expect(c.tenantId == Fixture.tenant)
        #expect(c.country == "CN")
    }

    @Test func editingKeepsTheConsentRecord() throws {
        let confirmed = try Fixture.confirmed()
        let edited = try ConsentRules.customer(CustomerDraft(tenantId: Fixture.tenant, companyName: "Contoso Group"), existing: confirmed, in: Fixture.context())
        #expect(edited.confirmation == confirmed.confirmation)
        #expect(confirmed.applying(.customerEdited(edited)).companyName == "Contoso Group")
    }

    @Test func templateNeedsAGUIDAndAWebLink() {
        #expect(throws: ValidationError([.invalidTenantId(.templateId, "abc"), .invalidLink("ftp://x"), .invalidNumber(.versionRank, "two")])) {
            try ConsentRules.template(TemplateDraft(templateId: "abc", agreementLink: "ftp://x", versionRank: "two"), in: Fixture.context())
        }
    }

    @Test func templateIdMustBeNew() {
        let draft = TemplateDraft(templateId: AgreementTemplate.microsoftCustomerAgreement.templateId, agreementLink: "https://x.example")
        #expect(throws: ValidationError([.templateExists(AgreementTemplate.microsoftCustomerAgreement.templateId)])) {
            try ConsentRules.template(draft, in: Fixture.context())
        }
    }

    @Test func defaultCatalogShipsBothKnownTemplates() {
        #expect(TemplateCatalog.default.template(id: "998B88DE-AA99-4388-A42C-1B3517D49490")?.agreementType == .microsoftCloudAgreement)
        #expect(TemplateCatalog.default.template(id: "117a77b0-9360-443b-8795-c6dedc750cf9")?.agreementLink == "https://aka.ms/customeragreement")
        #expect(TemplateCatalog.default.current(of: .microsoftCloudAgreement, on: Fixture.today)?.versionRank == 0)
    }

    @Test func profileRoleMustBeKnown() {
        #expect(throws: ValidationError.self) {
            try ConsentRules.profile(ProfileDraft(name: "N", tenantId: Fixture.tenant, role: "distributor"), existing: .unnamed)
        }
    }

    @Test func resellerNeedsADomain() {
        #expect(throws: ValidationError([.missing(.resellerDomains)])) {
            try ConsentRules.reseller(id: "R-9", name: "Nine", domains: "")
        }
    }

    @Test func replayRefusesAConfirmationOfAnUnknownCustomer() throws {
        var state = ConsentState()
        let c = try Fixture.confirmed()
        #expect(throws: ReplayError.unknownCustomer(Fixture.tenant)) {
            try state.apply(.confirmed(tenantId: Fixture.tenant, c.confirmation!))
        }
    }

    @Test func languageFollowsTheEnvironment() {
        #expect(Language.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .simplifiedChinese)
        #expect(Language.fromEnvironment(["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"]) == .english)
        #expect(Language.fromEnvironment(["LC_MESSAGES": "zh_SG"]) == .simplifiedChinese)
        #expect(Language.fromEnvironment(["LANG": "fr_FR.UTF-8"]) == .english)
        #expect(Language(localeName: "zh-Hans") == .simplifiedChinese)
    }

    @Test func demoDataIsDeterministicAndCoversEveryStatus() throws {
        let a = DemoGenerator(customers: 400, seed: 7, today: Fixture.today).events()
        let b = DemoGenerator(customers: 400, seed: 7, today: Fixture.today).events()
        #expect(a == b)
        var state = ConsentState()
        for event in a { try state.apply(event) }
        #expect(state.customers.count == 400)
        let evaluator = ConsentEvaluator(profile: state.profile, catalog: state.catalog, day: Fixture.today)
        let statuses = Set(state.customers.values.map { evaluator.status(of: $0, today: Fixture.today).status })
        #expect(statuses == Set(ConsentStatus.allCases))
        #expect(state.customers.values.contains { $0.companyName.unicodeScalars.contains { $0.value >= 0x4E00 } })
    }
}

/// Issue 25: one cloud had three names — "Public" in the forms and the list, "Global" in the
/// customers CSV, 全球 in Chinese. Class: one thing named differently by two outputs.
@Suite("One name for each cloud")
struct CloudNameTests {
    @Test func theScreensCallEachCloudWhatTheSpreadsheetCallsIt() {
        Strings.$override.withValue(.english) {
            for cloud in CloudInstance.allCases {
                #expect(cloud.displayName == cloud.spreadsheetName, "\(cloud)")
                #expect(CloudInstance(loose: cloud.displayName) == cloud)
            }
        }
    }
}
