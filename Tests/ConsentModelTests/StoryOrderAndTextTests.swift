import Foundation
import Testing
@testable import ConsentModel

@Suite("Rule 10 — each customer's story stays in order")
struct StoryOrderTests {
    func withdrawn(on day: Day) throws -> Customer {
        let customer = try Fixture.confirmed(draft: Fixture.draft(date: "2026-11-10"))
        return customer.applying(.withdrawn(tenantId: customer.tenantId, Withdrawal(date: day, reason: "no longer agrees")))
    }

    @Test func aConfirmationDatedBeforeTheWithdrawalIsRefusedNamingIt() throws {
        let customer = try withdrawn(on: Day(iso: "2026-11-15")!)
        let violations = Fixture.violations(Fixture.draft(date: "2026-11-10", first: "Ben"), customer: customer)
        #expect(violations == [.confirmationBeforeWithdrawal(Day(iso: "2026-11-10")!, withdrawal: Day(iso: "2026-11-15")!)])
        #expect(violations.first?.description.contains("2026-11-15") == true)
        #expect(violations.first?.field == .dateAgreed)
    }

    @Test func aConfirmationOnTheWithdrawalDayLiftsIt() throws {
        let customer = try withdrawn(on: Day(iso: "2026-11-15")!)
        #expect(Fixture.violations(Fixture.draft(date: "2026-11-15"), customer: customer).isEmpty)
    }

    @Test func afterTheWithdrawalIsLiftedAnOlderAcceptanceStillCannotReplaceTheStory() throws {
        var customer = try withdrawn(on: Day(iso: "2026-11-15")!)
        customer = try Fixture.confirmed(customer, draft: Fixture.draft(date: "2026-11-20", first: "Cara"))
        #expect(customer.withdrawal == nil)
        #expect(customer.lastWithdrawalDate == Day(iso: "2026-11-15"))
        let violations = Fixture.violations(Fixture.draft(date: "2026-11-01", first: "Dan"), customer: customer)
        #expect(violations == [.confirmationBeforeWithdrawal(Day(iso: "2026-11-01")!, withdrawal: Day(iso: "2026-11-15")!)])
    }

    @Test func aWithdrawalDatedBeforeTheAcceptanceItWithdrawsIsRefused() throws {
        let customer = try Fixture.confirmed(draft: Fixture.draft(date: "2026-11-10"))
        #expect(throws: ValidationError([.withdrawalBeforeConfirmation(Day(iso: "2026-11-09")!, confirmation: Day(iso: "2026-11-10")!)])) {
            try ConsentRules.withdrawal(WithdrawalDraft(date: "2026-11-09", reason: "x"), for: customer, in: Fixture.context())
        }
        // The same day is fine.
        _ = try ConsentRules.withdrawal(WithdrawalDraft(date: "2026-11-10", reason: "x"), for: customer, in: Fixture.context())
    }
}

@Suite("Rule 3 — dates have a floor and parse strictly")
struct DateFloorTests {
    @Test(arguments: ["0001-01-01", "1918-07-28", "2009-12-31"])
    func implausiblyEarlyDatesAreRefusedEverywhere(date: String) throws {
        let day = Day(iso: date)!
        #expect(Fixture.violations(Fixture.draft(date: date)) == [.dateTooEarly(.dateAgreed, day, earliest: Day.earliestPlausible)])
        #expect(throws: ValidationError([.dateTooEarly(.requestDate, day, earliest: Day.earliestPlausible)])) {
            try ConsentRules.request(RequestDraft(sentTo: "Tailspin", date: date), for: Fixture.customer(), in: Fixture.context())
        }
        let confirmed = try Fixture.confirmed()
        #expect(throws: ValidationError([.dateTooEarly(.withdrawalDate, day, earliest: Day.earliestPlausible)])) {
            try ConsentRules.withdrawal(WithdrawalDraft(date: date, reason: "x"), for: confirmed, in: Fixture.context())
        }
    }

    @Test func theFloorItselfIsAccepted() {
        #expect(Fixture.violations(Fixture.draft(date: "2010-01-01")).isEmpty)
    }

    @Test(arguments: ["2026-1-5", "20261120", "2026-11-20T00:00:00Z", "2026/11/20", "11/20/2026", "2026-11-20x"])
    func typedDatesMustBeExactlyYearMonthDay(date: String) {
        #expect(Fixture.violations(Fixture.draft(date: date)) == [.invalidDate(.dateAgreed, date)])
    }
}

@Suite("Rule 4 — text is normalised and invisible tricks are refused")
struct TextNormalisationTests {
    @Test func namesAreStoredInNFC() throws {
        let decomposed = "Jose\u{301}"   // e + combining acute
        let confirmation = try ConsentRules.confirmation(Fixture.draft(first: decomposed), for: Fixture.customer(), in: Fixture.context()).value
        #expect(confirmation.contact.firstName == "Jos\u{E9}")
        #expect(confirmation.contact.firstName.unicodeScalars.count == 4)
    }

    @Test(arguments: ["\u{200B}", "\u{2060}", "\u{FEFF}", "\u{00AD}"])
    func invisibleCharactersAreRefused(invisible: String) {
        #expect(Fixture.violations(Fixture.draft(first: "An\(invisible)na")) == [.invisibleCharacter(.firstName)])
    }

    @Test(arguments: ["\u{2028}", "\u{2029}", "Anna\u{2028}Smith"])
    func lineSeparatorsAreRefused(name: String) {
        #expect(Fixture.violations(Fixture.draft(first: name)) == [.lineSeparator(.firstName)])
    }

    @Test(arguments: ["\u{915}\u{94D}\u{200D}\u{937}", "\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}", "👨\u{200D}👩\u{200D}👧"])
    func joinersBetweenVisibleCharactersAreCorrectSpelling(name: String) {
        #expect(Fixture.violations(Fixture.draft(first: name)).isEmpty)
    }

    @Test(arguments: ["\u{200D}Anna", "Anna\u{200C}", "An\u{200D}\u{200D}na", "An \u{200C}na"])
    func joinersAtTheEdgesOrInRunsAreRefused(name: String) {
        #expect(Fixture.violations(Fixture.draft(first: name)) == [.misplacedJoiner(.firstName)])
    }

    @Test func combiningMarksCountTowardsTheLimit() {
        let zalgo = "A" + String(repeating: "\u{301}", count: 60_000)
        #expect(Fixture.violations(Fixture.draft(first: zalgo)) == [.tooLong(.firstName, maximum: 100)])
        let hundredScalars = String(repeating: "e\u{301}", count: 50)  // NFC: 50 scalars
        #expect(Fixture.violations(Fixture.draft(first: hundredScalars)).isEmpty)
        let overLimit = String(repeating: "q\u{301}\u{302}", count: 40)  // no precomposed form: 3 scalars each, 120 in all, 40 characters
        #expect(Fixture.violations(Fixture.draft(first: overLimit)) == [.tooLong(.firstName, maximum: 100)])
    }

    @Test func aTenMegabyteNameIsRefusedCheaply() {
        let huge = String(repeating: "x", count: 10_000_000)
        #expect(Fixture.violations(Fixture.draft(last: huge)) == [.tooLong(.lastName, maximum: 100)])
    }

    @Test func aDuplicateIsFoundWhateverTheUnicodeForm() throws {
        let customer = try Fixture.confirmed(draft: Fixture.draft(first: "Jos\u{E9}"))
        #expect(Fixture.violations(Fixture.draft(first: "Jose\u{301}"), customer: customer) == [.duplicateConfirmation])
        // A zero-width space can no longer make the same contact look new.
        #expect(Fixture.violations(Fixture.draft(first: "Jo\u{200B}s\u{E9}"), customer: customer) == [.invisibleCharacter(.firstName)])
    }

    @Test func escapingShowsInvisibleAndSeparatorCharacters() {
        #expect(UntrustedText.escaped("a\u{200B}b\u{2028}c") == "a\\u{200B}b\\u{2028}c")
        #expect(UntrustedText.escaped("👨\u{200D}👩") == "👨\u{200D}👩")
    }

    @Test func whoMadeTheChangeIsCheckedLikeAName() throws {
        for bad in ["", "amy\u{1F}x", "\u{1B}[31mred", String(repeating: "a", count: 120_000), "amy\u{202E}", "\u{2028}"] {
            #expect(throws: ValidationError.self) { try ConsentRules.auditTrail(employee: bad, partnerUserId: "") }
            #expect(throws: ValidationError.self) { try ConsentRules.auditTrail(employee: "amy", partnerUserId: bad.isEmpty ? "\u{7}" : bad) }
        }
        let ok = try ConsentRules.auditTrail(employee: "  Zoë\u{308} ", partnerUserId: "")
        #expect(ok.employee == "Zoë\u{308}".precomposedStringWithCanonicalMapping)
    }
}

@Suite("Templates take effect on their date")
struct UpcomingTemplateTests {
    static let next = AgreementTemplate(templateId: "22222222-3333-4444-8555-666666666666", agreementType: .microsoftCustomerAgreement,
                                        agreementLink: "https://aka.ms/customeragreement", versionRank: 1,
                                        effectiveDate: Fixture.today.adding(days: 30))

    var catalog: TemplateCatalog {
        var catalog = TemplateCatalog.default
        catalog.upsert(Self.next)
        return catalog
    }

    @Test func aFutureTemplateIsUpcomingNotCurrent() {
        #expect(catalog.current(of: .microsoftCustomerAgreement, on: Fixture.today) == .microsoftCustomerAgreement)
        #expect(catalog.upcoming(on: Fixture.today) == [Self.next])
        #expect(TemplateState(Self.next, in: catalog, required: .microsoftCustomerAgreement, on: Fixture.today) == .upcoming(from: Fixture.today.adding(days: 30)))
        #expect(catalog.current(of: .microsoftCustomerAgreement, on: Fixture.today.adding(days: 30)) == Self.next)
        #expect(TemplateState(Self.next, in: catalog, required: .microsoftCustomerAgreement, on: Fixture.today.adding(days: 30)) == .current(required: true))
    }

    @Test func customersStayConfirmedUntilTheDayAndTurnOutdatedOnIt() throws {
        let customer = try Fixture.confirmed(context: Fixture.context(catalog: catalog))
        let evaluator = ConsentEvaluator(profile: Fixture.provider, catalog: catalog, day: Fixture.today)
        #expect(evaluator.status(of: customer, today: Fixture.today).status == .confirmed)
        #expect(evaluator.status(of: customer, today: Fixture.today.adding(days: 29)).status == .confirmed)
        #expect(evaluator.status(of: customer, today: Fixture.today.adding(days: 30)).status == .outdated)
        #expect(evaluator.check(customer, .newPurchase, channel: .api, asOf: Fixture.today.adding(days: 30)).isAllowed == false)
        #expect(evaluator.check(customer, .newPurchase, channel: .api, asOf: Fixture.today).isAllowed)
    }

    @Test func confirmationsCanStillBeSavedTodayOnTheCurrentTemplate() {
        #expect(Fixture.violations(Fixture.draft(), context: Fixture.context(catalog: catalog)).isEmpty)
    }
}

@Suite("Agreement types read from files")
struct AgreementTypeParsingTests {
    @Test func knownNamesInAnyCaseAreCanonical() {
        #expect(AgreementType(parsing: "microsoftcloudagreement") == .microsoftCloudAgreement)
        #expect(AgreementType(parsing: " MICROSOFTCUSTOMERAGREEMENT ") == .microsoftCustomerAgreement)
    }

    @Test func unknownNamesAreKeptExactlyAndNeverKnown() {
        let typo = AgreementType(parsing: "MicrosoftCloudAgrement")
        #expect(typo.rawValue == "MicrosoftCloudAgrement")
        #expect(!typo.isKnown)
        #expect(typo != .microsoftCloudAgreement && typo != .microsoftCustomerAgreement)
    }
}

@Suite("Search and eligibility, defined once")
struct SearchAndEligibilityTests {
    @Test func searchFindsWhatWorkersType() throws {
        var customer = try Fixture.confirmed(draft: Fixture.draft(first: "Élodie", last: "Martín"))
        customer.resellerId = "R-1"
        customer.confirmation?.evidence = "TICKET-4711"
        let folded = CustomerSearch.folded(customer, profile: Fixture.provider)
        for typed in ["Élodie Martín", "elodie martin", "Martín Élodie", "tailspin", "ticket-4711", "US", "contoso.com", "CONTOSO LTD"] {
            #expect(CustomerSearch.matches(folded, query: CustomerSearch.query(typed)), "\(typed)")
        }
        // A match never spans two fields.
        #expect(!CustomerSearch.matches(folded, query: CustomerSearch.query("Ltd 1111")))
    }

    @Test func eligibilityIsTheModelsAnswerWithItsReason() throws {
        let national = Fixture.customer(cloud: .usGovernment)
        #expect(CustomerAction.confirm.availability(for: national, status: .notApplicable) == .unavailable(.nationalCloud(.usGovernment)))
        #expect(CustomerAction.withdraw.availability(for: Fixture.customer(), status: .missing) == .unavailable(.nothingToWithdraw))
        let confirmed = try Fixture.confirmed()
        #expect(CustomerAction.withdraw.availability(for: confirmed, status: .confirmed).isAvailable)
        #expect(CustomerAction.exportAcceptance.availability(for: confirmed, status: .confirmed).isAvailable)
        let withdrawn = confirmed.applying(.withdrawn(tenantId: confirmed.tenantId, Withdrawal(date: Fixture.today, reason: "x")))
        #expect(CustomerAction.exportAcceptance.availability(for: withdrawn, status: .withdrawn) == .unavailable(.alreadyWithdrawn))
        #expect(CustomerAction.withdraw.availability(for: withdrawn, status: .withdrawn).reason?.description.contains("already withdrawn") == true)
    }
}
