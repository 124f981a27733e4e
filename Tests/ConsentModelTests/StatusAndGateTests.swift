import Foundation
import Testing
@testable import ConsentModel

@Suite("Status — DOMAIN.md's table with its precedence")
struct StatusTests {
    let evaluator = ConsentEvaluator(profile: Fixture.provider, catalog: .default, day: Fixture.today)

    @Test func noConfirmationIsMissing() {
        #expect(evaluator.status(of: Fixture.customer(), today: Fixture.today).status == .missing)
    }

    @Test func requestShowsDaysWaiting() {
        var customer = Fixture.customer()
        customer.request = ConsentRequest(sentTo: "Tailspin", date: Fixture.today.adding(days: -9))
        let report = evaluator.status(of: customer, today: Fixture.today)
        #expect(report.status == .requested)
        #expect(report.daysWaiting == 9)
    }

    @Test func currentTemplateIsConfirmed() throws {
        #expect(evaluator.status(of: try Fixture.confirmed(), today: Fixture.today).status == .confirmed)
    }

    @Test func olderAgreementTypeIsOutdated() throws {
        let customer = try Fixture.confirmed(draft: Fixture.draft(template: AgreementTemplate.microsoftCloudAgreement2018.templateId))
        let report = evaluator.status(of: customer, today: Fixture.today)
        #expect(report.status == .outdated)
        #expect(report.outdatedReason == .otherAgreementType(required: .microsoftCustomerAgreement))
    }

    @Test func aNewerTemplateMakesAnOldConfirmationOutdated() throws {
        let customer = try Fixture.confirmed()
        var catalog = TemplateCatalog.default
        let newer = AgreementTemplate(templateId: "22222222-3333-4444-8555-666666666666", agreementType: .microsoftCustomerAgreement,
                                      agreementLink: "https://aka.ms/customeragreement", versionRank: 1)
        catalog.upsert(newer)
        let report = ConsentEvaluator(profile: Fixture.provider, catalog: catalog, day: Fixture.today).status(of: customer, today: Fixture.today)
        #expect(report.status == .outdated)
        #expect(report.outdatedReason == .olderVersion(current: newer))
        #expect(report.requiredTemplate == newer)
    }

    @Test func aRetiredTemplateMakesItsConfirmationsOutdated() throws {
        let customer = try Fixture.confirmed()
        var catalog = TemplateCatalog.default
        catalog.upsert(AgreementTemplate(templateId: "22222222-3333-4444-8555-666666666666", agreementType: .microsoftCustomerAgreement,
                                         agreementLink: "https://aka.ms/customeragreement", versionRank: -1))
        catalog.retire(id: AgreementTemplate.microsoftCustomerAgreement.templateId)
        let report = ConsentEvaluator(profile: Fixture.provider, catalog: catalog, day: Fixture.today).status(of: customer, today: Fixture.today)
        #expect(report.outdatedReason == .retiredTemplate)
    }

    @Test func currentTemplateIsTheHighestRankNotRetired() {
        var catalog = TemplateCatalog.default
        let v2 = AgreementTemplate(templateId: "22222222-3333-4444-8555-666666666666", agreementType: .microsoftCustomerAgreement,
                                   agreementLink: "https://x.example", versionRank: 2)
        catalog.upsert(v2)
        #expect(catalog.current(of: .microsoftCustomerAgreement, on: Fixture.today) == v2)
        catalog.retire(id: v2.templateId)
        #expect(catalog.current(of: .microsoftCustomerAgreement, on: Fixture.today) == .microsoftCustomerAgreement)
    }

    @Test func confirmationBeforeTheCutoffIsOutdated() throws {
        var profile = Fixture.provider
        profile.policy.reacceptanceCutoff = Day(year: 2023, month: 4, day: 1)
        let evaluator = ConsentEvaluator(profile: profile, catalog: .default, day: Fixture.today)
        let before = try Fixture.confirmed(draft: Fixture.draft(date: "2023-03-31"))
        let onTheDay = try Fixture.confirmed(draft: Fixture.draft(date: "2023-04-01"))
        #expect(evaluator.status(of: before, today: Fixture.today).outdatedReason == .beforeCutoff(Day(year: 2023, month: 4, day: 1)!))
        #expect(evaluator.status(of: onTheDay, today: Fixture.today).status == .confirmed)
    }

    @Test func withdrawalTakesPrecedenceOverConfirmation() throws {
        var customer = try Fixture.confirmed()
        customer.withdrawal = Withdrawal(date: Fixture.today, reason: "x")
        #expect(evaluator.status(of: customer, today: Fixture.today).status == .withdrawn)
    }

    @Test func nationalCloudTakesPrecedenceOverWithdrawal() throws {
        var customer = try Fixture.confirmed()
        customer.withdrawal = Withdrawal(date: Fixture.today, reason: "x")
        customer.cloud = .china21Vianet
        #expect(evaluator.status(of: customer, today: Fixture.today).status == .notApplicable)
    }

    @Test func confirmationClearsAPendingRequest() throws {
        var customer = Fixture.customer()
        customer.request = ConsentRequest(sentTo: "x", date: Fixture.today)
        customer = try Fixture.confirmed(customer)
        #expect(customer.request == nil)
        #expect(evaluator.status(of: customer, today: Fixture.today).status == .confirmed)
    }

    @Test func statusOrderFollowsPrecedence() {
        #expect(ConsentStatus.allCases == [.notApplicable, .withdrawn, .missing, .requested, .outdated, .confirmed])
        #expect(ConsentStatus.allCases.filter(\.blocksNewPurchases) == [.withdrawn, .missing, .requested, .outdated])
    }

    @Test func statusCommandLineNamesRoundTrip() {
        for status in ConsentStatus.allCases { #expect(ConsentStatus(cliName: status.cliName) == status) }
        #expect(ConsentStatus.notApplicable.cliName == "not-applicable")
    }
}

@Suite("The transaction gate")
struct TransactionGateTests {
    let evaluator = ConsentEvaluator(profile: Fixture.provider, catalog: .default, day: Fixture.today)

    func customer(_ status: ConsentStatus) throws -> Customer {
        switch status {
        case .notApplicable: return Fixture.customer(cloud: .usGovernment)
        case .missing: return Fixture.customer()
        case .requested:
            var c = Fixture.customer(); c.request = ConsentRequest(sentTo: "Tailspin", date: Fixture.today.adding(days: -3)); return c
        case .confirmed: return try Fixture.confirmed()
        case .outdated: return try Fixture.confirmed(draft: Fixture.draft(template: AgreementTemplate.microsoftCloudAgreement2018.templateId))
        case .withdrawn:
            var c = try Fixture.confirmed(); c.withdrawal = Withdrawal(date: Fixture.today, reason: "x"); return c
        }
    }

    /// DOMAIN.md: which status blocks which transaction (from 2019-03-22 on every channel).
    static let expected: [ConsentStatus: Set<Transaction>] = [
        .notApplicable: [], .confirmed: [],
        .withdrawn: [.newPurchase, .seatChange, .renewal],
        .missing: [.newPurchase, .seatChange, .renewal],
        .requested: [.newPurchase, .seatChange, .renewal],
        .outdated: [.newPurchase, .seatChange, .renewal],
    ]

    @Test(arguments: ConsentStatus.allCases)
    func everyStatusAndTransaction(status: ConsentStatus) throws {
        let customer = try customer(status)
        #expect(evaluator.status(of: customer, today: Fixture.today).status == status)
        for transaction in Transaction.allCases {
            for channel in Channel.allCases {
                let decision = evaluator.check(customer, transaction, channel: channel, asOf: Fixture.today)
                let shouldBlock = TransactionGateTests.expected[status]!.contains(transaction)
                #expect(decision.isAllowed == !shouldBlock, "\(status) \(transaction) \(channel)")
            }
        }
    }

    @Test func blockedAnswersNameTheTemplateToConfirm() throws {
        let decision = evaluator.check(try customer(.missing), .newPurchase, channel: .api, asOf: Fixture.today)
        guard case .blocked(let reason, let fix) = decision else { Issue.record("not blocked"); return }
        #expect(reason.contains("no confirmation"))
        #expect(fix.contains(AgreementTemplate.microsoftCustomerAgreement.templateId))
        #expect(fix.contains("Microsoft Customer Agreement"))
    }

    @Test func outdatedAutoRenewalIsAllowedWithAReconfirmWarning() throws {
        let decision = evaluator.check(try customer(.outdated), .autoRenewal, channel: .dashboard, asOf: Fixture.today)
        #expect(decision == .allowed(note: tr("gate.outdatedAutoRenewal")))
        #expect(decision.description.contains("reconfirm"))
    }

    @Test func requestedBlockShowsDaysWaiting() throws {
        let decision = evaluator.check(try customer(.requested), .renewal, channel: .api, asOf: Fixture.today)
        #expect(decision.description.contains("3 days"))
    }

    @Test func dashboardEnforcementStartsOn2018_11_07() throws {
        let missing = try customer(.missing)
        #expect(evaluator.check(missing, .newPurchase, channel: .dashboard, asOf: Day(year: 2018, month: 11, day: 6)!).isAllowed)
        #expect(!evaluator.check(missing, .newPurchase, channel: .dashboard, asOf: Day(year: 2018, month: 11, day: 7)!).isAllowed)
    }

    @Test func apiEnforcementStartsOn2019_03_22() throws {
        let missing = try customer(.missing)
        #expect(evaluator.check(missing, .seatChange, channel: .api, asOf: Day(year: 2019, month: 3, day: 21)!).isAllowed)
        #expect(!evaluator.check(missing, .seatChange, channel: .api, asOf: Day(year: 2019, month: 3, day: 22)!).isAllowed)
        #expect(evaluator.check(missing, .seatChange, channel: .api, asOf: Day(year: 2019, month: 1, day: 1)!).description.contains("optional"))
    }

    @Test func transactionCommandLineNamesRoundTrip() {
        for t in Transaction.allCases { #expect(Transaction(cliName: t.cliName) == t) }
        #expect(Transaction(cliName: "buy") == nil)
    }
}
