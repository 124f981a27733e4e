import Foundation
import Testing
@testable import ConsentModel

@Suite("Rule 1 — required fields")
struct RequiredFieldTests {
    @Test func aCompleteDraftIsAccepted() throws {
        let result = try ConsentRules.confirmation(Fixture.draft(), for: Fixture.customer(), in: Fixture.context())
        #expect(result.value.contact.fullName == "Anna Smith")
        #expect(result.value.templateId == AgreementTemplate.microsoftCustomerAgreement.templateId)
        #expect(result.value.recordedAt == Fixture.clock.now())
    }

    @Test(arguments: [Field.dateAgreed, .firstName, .lastName, .email])
    func eachRequiredFieldIsRequired(field: Field) {
        var draft = Fixture.draft()
        switch field {
        case .dateAgreed: draft.dateAgreed = ""
        case .firstName: draft.firstName = "  "
        case .lastName: draft.lastName = ""
        default: draft.email = ""
        }
        let violations = Fixture.violations(draft)
        #expect(violations.contains(.missing(field)))
        #expect(violations.first?.rule == .requiredFields)
    }

    @Test func phoneIsOptionalAndKeptWhenGiven() throws {
        #expect(Fixture.violations(Fixture.draft(phone: "")).isEmpty)
        let result = try ConsentRules.confirmation(Fixture.draft(phone: " +1 555 0100 "), for: Fixture.customer(), in: Fixture.context())
        #expect(result.value.contact.phoneNumber == "+1 555 0100")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let violations = Fixture.violations(ConfirmationDraft(partnerUserId: "u", employee: "e"))
        #expect(Set(violations.compactMap(\.field)).isSuperset(of: [.dateAgreed, .firstName, .lastName, .email]))
    }

    @Test func missingEmployeeIsRefused() {
        var draft = Fixture.draft()
        draft.employee = ""
        #expect(Fixture.violations(draft) == [.missing(.employee)])
    }

    @Test func partnerUserIdIsRequiredWhenConfirmingToMicrosoft() {
        var draft = Fixture.draft()
        draft.partnerUserId = ""
        #expect(Fixture.violations(draft) == [.missing(.partnerUserId)])
    }
}

@Suite("Rule 2 — email")
struct EmailRuleTests {
    @Test(arguments: ["anna", "anna@", "@contoso.com", "anna@contoso", "an na@contoso.com", "a@b@contoso.com",
                      "anna@contoso..com", "anna@.com"])
    func implausibleAddressesAreRefused(email: String) {
        let violations = Fixture.violations(Fixture.draft(email: email))
        #expect(violations.count == 1)
        #expect(violations.first?.rule == .emailFormat)
    }

    @Test func emailIsTrimmed() throws {
        let result = try ConsentRules.confirmation(Fixture.draft(email: "  anna@contoso.com "), for: Fixture.customer(), in: Fixture.context())
        #expect(result.value.contact.email == "anna@contoso.com")
    }

    @Test func emailWithControlCharacterIsRefused() {
        #expect(Fixture.violations(Fixture.draft(email: "anna\u{7}@contoso.com")) == [.controlCharacter(.email)])
    }

    @Test func messageSaysWhatToFix() {
        let message = ConsentViolation.invalidEmail("anna").description
        #expect(message.contains("anna"))
        #expect(message.contains("@"))
    }

    @Test func sameContactComparesEmailIgnoringCase() {
        let a = Contact(firstName: "A", lastName: "B", email: "Anna@Contoso.com")
        let b = Contact(firstName: "A", lastName: "B", email: "anna@contoso.com")
        #expect(a.isSameContact(as: b))
    }
}

@Suite("Rule 3 — acceptance date")
struct DateRuleTests {
    @Test func todayIsAccepted() {
        #expect(Fixture.violations(Fixture.draft(date: "2026-11-25")).isEmpty)
    }

    @Test func tomorrowIsRefusedWithPartnerCenterError() {
        let violations = Fixture.violations(Fixture.draft(date: "2026-11-26"))
        #expect(violations == [.dateInFuture(.dateAgreed, Day(year: 2026, month: 11, day: 26)!, today: Fixture.today)])
        #expect(violations[0].description.contains("600002"))
        #expect(violations[0].description.contains("2026-11-26"))
    }

    @Test func justBeforeMidnightUTCTomorrowIsStillTheFuture() {
        let lateEvening = FixedClock(Fixture.today, hour: 23, minute: 59)
        let context = Fixture.context(now: lateEvening.now())
        #expect(!Fixture.violations(Fixture.draft(date: "2026-11-26"), context: context).isEmpty)
        #expect(Fixture.violations(Fixture.draft(date: "2026-11-25"), context: context).isEmpty)
    }

    @Test func justAfterMidnightUTCTheNewDayIsAccepted() {
        let context = Fixture.context(now: FixedClock(Fixture.today.adding(days: 1), hour: 0, minute: 1).now())
        #expect(Fixture.violations(Fixture.draft(date: "2026-11-26"), context: context).isEmpty)
    }

    @Test(arguments: ["26/11/2026", "2026-13-01", "2026-02-30", "yesterday", "2026-1-5"])
    func malformedDatesAreRefused(text: String) {
        let violations = Fixture.violations(Fixture.draft(date: text))
        #expect(violations == [.invalidDate(.dateAgreed, text)])
        #expect(violations[0].description.contains("YYYY-MM-DD"))
    }

    @Test func dateBeforeTheTemplatesEffectiveDateIsRefused() {
        var catalog = TemplateCatalog.default
        var template = AgreementTemplate.microsoftCustomerAgreement
        template.effectiveDate = Day(year: 2020, month: 2, day: 1)
        catalog.upsert(template)
        let violations = Fixture.violations(Fixture.draft(date: "2019-06-01"), context: Fixture.context(catalog: catalog))
        #expect(violations == [.dateBeforeTemplate(Day(year: 2019, month: 6, day: 1)!, effective: Day(year: 2020, month: 2, day: 1)!)])
        #expect(Fixture.violations(Fixture.draft(date: "2020-02-01"), context: Fixture.context(catalog: catalog)).isEmpty)
    }

    @Test func leapDayParses() {
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2023-02-29") == nil)
    }

    @Test func dayRoundTripsThroughEpochDays() {
        for offset in stride(from: -40_000, through: 40_000, by: 997) {
            let day = Day(daysSinceEpoch: offset)
            #expect(day.daysSinceEpoch == offset)
            #expect(Day(iso: day.iso) == day)
        }
    }

    @Test func timestampsWithAndWithoutZParseToTheSameDay() {
        #expect(Day(iso: "2018-07-28T00:00:00Z") == Day(iso: "2018-07-28T00:00:00"))
        #expect(Day(iso: "2018-07-28T00:00:00Z")?.partnerCenterTimestamp == "2018-07-28T00:00:00Z")
    }
}

@Suite("Rule 4 — text fields")
struct TextRuleTests {
    @Test(arguments: ["王", "Chloé", "Søren", "Núñez", "山田 太郎", "O'Brien"])
    func anyScriptIsAccepted(name: String) throws {
        let result = try ConsentRules.confirmation(Fixture.draft(first: name, last: name), for: Fixture.customer(), in: Fixture.context())
        #expect(result.value.contact.firstName == name)
    }

    @Test(arguments: ["\u{0}", "\u{1B}[31m", "\u{7F}", "\u{85}", "\u{9B}", "\t", "\n"])
    func controlCharactersAreRefused(control: String) {
        #expect(Fixture.violations(Fixture.draft(first: "An\(control)na")) == [.controlCharacter(.firstName)])
    }

    @Test(arguments: ["\u{202E}", "\u{202A}", "\u{2066}", "\u{2069}", "\u{200F}"])
    func bidiOverridesAreRefused(bidi: String) {
        let violations = Fixture.violations(Fixture.draft(last: "Smi\(bidi)th"))
        #expect(violations == [.bidiControl(.lastName)])
        #expect(violations[0].rule == .textFields)
    }

    @Test func namesAreTrimmed() throws {
        let result = try ConsentRules.confirmation(Fixture.draft(first: "  Anna ", last: " Smith  "), for: Fixture.customer(), in: Fixture.context())
        #expect(result.value.contact.firstName == "Anna")
        #expect(result.value.contact.lastName == "Smith")
    }

    @Test func hundredCharactersAreTheLimit() {
        #expect(Fixture.violations(Fixture.draft(first: String(repeating: "名", count: 100))).isEmpty)
        #expect(Fixture.violations(Fixture.draft(first: String(repeating: "é", count: 101))) == [.tooLong(.firstName, maximum: 100)])
    }

    @Test func escapingShowsControlAndBidiCharacters() {
        #expect(UntrustedText.escaped("a\u{1B}[2Jb") == "a\\u{1B}[2Jb")
        #expect(UntrustedText.escaped("evil\u{202E}txt") == "evil\\u{202E}txt")
        #expect(UntrustedText.escaped("北京 Müller") == "北京 Müller")
    }

    @Test func searchKeysFoldCaseAndAccents() {
        #expect(TextFold.key("Müller GmbH").contains("muller"))
        #expect(TextFold.key("ÉLODIE") == "elodie")
        #expect(TextFold.key("北京云端").contains("北京"))
        #expect(TextFold.key("ＡＢＣ Søren Łódź") == "abc soren lodz")
    }

    @Test func fastSearchFoldAgreesWithFoundationOnLatinText() {
        for text in ["Müller GmbH", "Société Générale", "Île-de-France", "Göteborg Peñalara", "ČEŠTINA", "Crème Brûlée", "e\u{301}cole"] {
            #expect(TextFold.key(text) == text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil), "\(text)")
        }
    }
}

@Suite("Rule 5 — a reseller cannot consent")
struct ResellerConsentTests {
    @Test func resellerDomainEmailIsRefusedWithTheReason() {
        let violations = Fixture.violations(Fixture.draft(email: "bob@tailspin.example"))
        #expect(violations == [.emailAtResellerDomain(domain: "tailspin.example", reseller: "Tailspin")])
        #expect(violations[0].rule == .resellerCannotConsent)
        #expect(violations[0].description.contains("cannot accept"))
    }

    @Test func resellerSubdomainIsRefusedToo() {
        #expect(Fixture.violations(Fixture.draft(email: "bob@eu.tailspin.example")).first?.rule == .resellerCannotConsent)
    }

    @Test func partnersOwnDomainIsRefused() {
        let violations = Fixture.violations(Fixture.draft(email: "Me@NorthWind.example"))
        #expect(violations == [.emailAtPartnerDomain(domain: "northwind.example")])
    }

    @Test func emailOutsideTheCustomersDomainsIsAllowedWithAWarning() throws {
        let result = try ConsentRules.confirmation(Fixture.draft(email: "anna@gmail.com"), for: Fixture.customer(), in: Fixture.context())
        #expect(result.warnings == [.emailOutsideCustomerDomains(domain: "gmail.com")])
    }

    @Test func emailAtTheCustomersDomainHasNoWarning() throws {
        let result = try ConsentRules.confirmation(Fixture.draft(email: "anna@mail.contoso.com"), for: Fixture.customer(), in: Fixture.context())
        #expect(result.warnings.isEmpty)
    }
}

@Suite("Rule 6 — one confirmation per customer")
struct OneConfirmationTests {
    @Test func sameTemplateAndContactIsADuplicate() throws {
        let customer = try Fixture.confirmed()
        let violations = Fixture.violations(Fixture.draft(), customer: customer)
        #expect(violations == [.duplicateConfirmation])
        #expect(violations[0].description.contains("600061"))
    }

    @Test(arguments: [("first", "Anne"), ("last", "Smyth"), ("email", "anne@contoso.com"), ("phone", "+1 555")])
    func aDifferentContactDetailReplacesTheConfirmation(field: String, value: String) throws {
        let customer = try Fixture.confirmed()
        var draft = Fixture.draft()
        switch field {
        case "first": draft.firstName = value
        case "last": draft.lastName = value
        case "email": draft.email = value
        default: draft.phoneNumber = value
        }
        let confirmation = try ConsentRules.confirmation(draft, for: customer, in: Fixture.context()).value
        let replaced = customer.applying(.confirmed(tenantId: customer.tenantId, confirmation))
        #expect(replaced.confirmation == confirmation)
        #expect(replaced.confirmation != customer.confirmation)
    }

    @Test func emailCaseAloneDoesNotMakeANewContact() throws {
        let customer = try Fixture.confirmed()
        #expect(Fixture.violations(Fixture.draft(email: "ANNA@contoso.com"), customer: customer) == [.duplicateConfirmation])
    }

    @Test func anotherTemplateWithTheSameContactIsAllowed() throws {
        let customer = try Fixture.confirmed(draft: Fixture.draft(template: AgreementTemplate.microsoftCloudAgreement2018.templateId))
        #expect(Fixture.violations(Fixture.draft(), customer: customer).isEmpty)
    }

    @Test func replacingKeepsTheOldConfirmationInTheHistory() throws {
        var state = ConsentState(profile: Fixture.provider)
        try state.apply(.customerAdded(Fixture.customer()))
        let first = try ConsentRules.confirmation(Fixture.draft(), for: state.customers[Fixture.tenant]!, in: Fixture.context()).value
        let second = try ConsentRules.confirmation(Fixture.draft(first: "Anne"), for: state.customers[Fixture.tenant]!, in: Fixture.context()).value
        let history: [ConsentEvent] = [.confirmed(tenantId: Fixture.tenant, first), .confirmed(tenantId: Fixture.tenant, second)]
        for event in history { try state.apply(event) }
        #expect(state.customers[Fixture.tenant]?.confirmation == second)
        #expect(history.count == 2)
    }
}

@Suite("Rule 7 — national clouds")
struct NationalCloudTests {
    @Test(arguments: [CloudInstance.usGovernment, .germany, .china21Vianet])
    func confirmationIsRefused(cloud: CloudInstance) {
        let violations = Fixture.violations(Fixture.draft(), customer: Fixture.customer(cloud: cloud))
        #expect(violations == [.nationalCloud(cloud)])
        #expect(violations[0].rule == .nationalCloudsExcluded)
    }

    @Test(arguments: [CloudInstance.usGovernment, .germany, .china21Vianet])
    func statusIsNotApplicable(cloud: CloudInstance) {
        let evaluator = ConsentEvaluator(profile: Fixture.provider, catalog: .default, day: Fixture.today)
        #expect(evaluator.status(of: Fixture.customer(cloud: cloud), today: Fixture.today).status == .notApplicable)
    }

    @Test func requestIsRefusedForANationalCloud() {
        #expect(throws: ValidationError([.nationalCloud(.germany)])) {
            try ConsentRules.request(RequestDraft(sentTo: "x", date: "2026-11-01"), for: Fixture.customer(cloud: .germany), in: Fixture.context())
        }
    }
}

@Suite("Rules 8 and 9 — each partner for itself; resellers collect")
struct PartnerScopeTests {
    @Test func collectingResellerMustBeOneOfThisProvidersResellers() {
        #expect(Fixture.violations(Fixture.draft(reseller: "Someone Else")) == [.unknownReseller("Someone Else")])
        #expect(ConsentViolation.unknownReseller("x").rule == .eachPartnerConfirmsForItself)
    }

    @Test func collectingResellerIsRecordedByIdOrName() throws {
        let byName = try ConsentRules.confirmation(Fixture.draft(reseller: "tailspin"), for: Fixture.customer(), in: Fixture.context())
        #expect(byName.value.collectedByResellerId == "R-1")
    }

    @Test func directBillPartnerCannotNameACollectingReseller() {
        var profile = Fixture.provider
        profile.role = .directBill
        #expect(Fixture.violations(Fixture.draft(reseller: "R-1"), context: Fixture.context(profile: profile)) == [.resellerNotApplicable])
    }

    @Test func resellersStoreSaysCollectedNotConfirmed() throws {
        var profile = Fixture.provider
        profile.role = .indirectReseller
        #expect(!profile.confirmsToMicrosoft)
        #expect(ConsentStatus.confirmed.label(for: .indirectReseller) == "collected")
        #expect(ConsentStatus.confirmed.label(for: .directBill) == "confirmed")
        #expect(ConsentStatus.missing.label(for: .indirectReseller) == "not collected")
    }

    @Test func resellerNeedsNoPartnerCenterUserId() {
        var profile = Fixture.provider
        profile.role = .indirectReseller
        profile.resellers = []
        var draft = Fixture.draft()
        draft.partnerUserId = ""
        #expect(Fixture.violations(draft, context: Fixture.context(profile: profile)).isEmpty)
    }

    @Test func resellersGateTellsItToSendToTheProvider() {
        var profile = Fixture.provider
        profile.role = .indirectReseller
        let evaluator = ConsentEvaluator(profile: profile, catalog: .default, day: Fixture.today)
        let decision = evaluator.check(Fixture.customer(), .newPurchase, channel: .api, asOf: Fixture.today)
        #expect(decision.description.contains("provider"))
    }
}

@Suite("Rule 10 — withdrawal")
struct WithdrawalTests {
    @Test func withdrawalBlocksAndNamesSubscriptionsToCancel() throws {
        var customer = try Fixture.confirmed()
        customer.subscriptions = [Subscription(id: "S1", offer: "Microsoft 365 E3", seats: 10, autoRenew: true)]
        let withdrawal = try ConsentRules.withdrawal(WithdrawalDraft(date: "2026-11-24", reason: "No longer agrees"), for: customer, in: Fixture.context())
        let withdrawn = customer.applying(.withdrawn(tenantId: customer.tenantId, withdrawal))
        let evaluator = ConsentEvaluator(profile: Fixture.provider, catalog: .default, day: Fixture.today)
        #expect(evaluator.status(of: withdrawn, today: Fixture.today).status == .withdrawn)
        let decision = evaluator.check(withdrawn, .seatChange, channel: .dashboard, asOf: Fixture.today)
        #expect(!decision.isAllowed)
        #expect(decision.description.contains("cancelled"))
    }

    @Test func withdrawalNeedsAReasonAndAPastDate() throws {
        let customer = try Fixture.confirmed()
        #expect(throws: ValidationError([.dateInFuture(.withdrawalDate, Fixture.today.adding(days: 1), today: Fixture.today), .missing(.reason)])) {
            try ConsentRules.withdrawal(WithdrawalDraft(date: "2026-11-26", reason: " "), for: customer, in: Fixture.context())
        }
    }

    @Test func nothingToWithdrawWithoutAConfirmation() {
        #expect(throws: ValidationError([.nothingToWithdraw])) {
            try ConsentRules.withdrawal(WithdrawalDraft(date: "2026-11-20", reason: "x"), for: Fixture.customer(), in: Fixture.context())
        }
    }

    @Test func confirmingAgainLiftsTheWithdrawal() throws {
        var customer = try Fixture.confirmed()
        customer = customer.applying(.withdrawn(tenantId: customer.tenantId, Withdrawal(date: Fixture.today.adding(days: -2), reason: "x")))
        // The same contact again, dated on or after the withdrawal: allowed (the withdrawal ended the earlier agreement).
        let again = try ConsentRules.confirmation(Fixture.draft(date: Fixture.today.adding(days: -2).iso), for: customer, in: Fixture.context()).value
        customer = customer.applying(.confirmed(tenantId: customer.tenantId, again))
        #expect(customer.withdrawal == nil)
        #expect(ConsentEvaluator(profile: Fixture.provider, catalog: .default, day: Fixture.today).status(of: customer, today: Fixture.today).status == .confirmed)
    }
}
