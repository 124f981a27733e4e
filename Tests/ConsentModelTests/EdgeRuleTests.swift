import Foundation
import Testing
@testable import ConsentModel

/// Issue #23's rules in the model: one partner user id rule for every path, requests only
/// where an acceptance is or will be missing, and every day a policy change moves statuses.
@Suite("Edge rules: audit fields, requests, policy days")
struct EdgeRuleTests {
    static let cutoffPast = Day(iso: "2026-11-21")!
    static let cutoffFuture = Day(iso: "2026-12-10")!

    func profile(cutoff: Day?) -> PartnerProfile {
        var profile = Fixture.provider
        profile.policy.reacceptanceCutoff = cutoff
        return profile
    }

    func impact(from old: Day?, to new: Day?, customers: [Customer]) -> StatusImpact {
        StatusImpact(customers: customers,
                     before: ConsentEvaluator(profile: profile(cutoff: old), catalog: .default, day: Fixture.today),
                     after: ConsentEvaluator(profile: profile(cutoff: new), catalog: .default, day: Fixture.today),
                     today: Fixture.today)
    }

    @Test func aPartnerUserIdThatIsNotAnObjectIdIsRefusedWhereverItEnters() throws {
        // The desk's own (CONSENTDESK_USER_ID) and a confirmation's (argument, file, form).
        for text in ["jdoe", "\"><script>alert(1)</script>", "0c3f4a8e-7b21-4d9a-8e55"] {
            #expect(throws: ValidationError.self) { try ConsentRules.auditTrail(employee: "amy", partnerUserId: text) }
            var draft = Fixture.draft()
            draft.partnerUserId = text
            let violations = Fixture.violations(draft)
            #expect(violations == [.partnerUserIdNotObjectId(text, field: .partnerUserId)], "\(violations)")
            #expect(violations.first?.field == .partnerUserId)
        }
        #expect(ConsentRules.defaultUserIdViolations("jdoe", role: "directBill") == [.partnerUserIdNotObjectId("jdoe")])
        let trail = try ConsentRules.auditTrail(employee: " amy ", partnerUserId: "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f")
        #expect(trail.employee == "amy")
        // The employee: control, bidi and invisible characters, whichever way it came.
        for name in ["a\u{1B}b", "a\u{202E}b", "\u{200B}", ""] {
            #expect(throws: ValidationError.self) { try ConsentRules.auditTrail(employee: name, partnerUserId: "") }
        }
    }

    @Test func aRequestForACustomerWhoseAcceptanceIsCurrentAndStaysCurrentIsRefused() throws {
        let confirmed = try Fixture.confirmed()
        let draft = RequestDraft(sentTo: "Tailspin", date: Fixture.today.iso)
        #expect(throws: ValidationError([.requestNotNeeded])) { try ConsentRules.request(draft, for: confirmed, in: Fixture.context()) }
        // Said with whatever else is wrong.
        #expect(throws: ValidationError([.requestNotNeeded, .missing(.sentTo)])) {
            try ConsentRules.request(RequestDraft(sentTo: "", date: Fixture.today.iso), for: confirmed, in: Fixture.context())
        }
        // A cut-off or a template to come will outdate it: a re-acceptance request is recorded.
        let cutoff = Fixture.context(profile: profile(cutoff: Self.cutoffFuture))
        #expect(try ConsentRules.request(draft, for: confirmed, in: cutoff).sentTo == "Tailspin")
        var catalog = TemplateCatalog.default
        catalog.upsert(AgreementTemplate(templateId: "22222222-3333-4444-8555-666666666666", agreementType: .microsoftCustomerAgreement,
                                         agreementLink: "https://aka.ms/customeragreement", versionRank: 1,
                                         effectiveDate: Day(iso: "2026-12-26")))
        #expect(try ConsentRules.request(draft, for: confirmed, in: Fixture.context(catalog: catalog)).sentTo == "Tailspin")
        // Missing, outdated and withdrawn customers are asked as before.
        #expect(try ConsentRules.request(draft, for: Fixture.customer(), in: Fixture.context()).sentTo == "Tailspin")
        let past = Fixture.context(profile: profile(cutoff: Self.cutoffPast))
        #expect(try ConsentRules.request(draft, for: confirmed, in: past).sentTo == "Tailspin")
    }

    @Test func aPolicyChangeReportsEveryDayItMovesStatusesNotOnlyToday() throws {
        let customers = [try Fixture.confirmed(), try Fixture.confirmed()]   // accepted 2026-11-20
        // Past → future: back to confirmed today, outdated again on the new day.
        let moved = impact(from: Self.cutoffPast, to: Self.cutoffFuture, customers: customers)
        #expect(moved.moves == [.init(from: .outdated, to: .confirmed, count: 2)])
        #expect(moved.laterDays.map(\.day) == [Self.cutoffFuture])
        #expect(moved.laterDays.first?.moves == [.init(from: .confirmed, to: .outdated, count: 2)])
        #expect(moved.description.contains("2 customers change status today: 2 outdated → confirmed."))
        #expect(moved.description.contains("From 2026-12-10, with this change, 2 customers change status: 2 confirmed → outdated."))
        // None → future: nothing today, outdated on the day.
        let set = impact(from: nil, to: Self.cutoffFuture, customers: customers)
        #expect(set.moves.isEmpty && set.laterDays.first?.moves == [.init(from: .confirmed, to: .outdated, count: 2)])
        // Future → none: the move that was coming no longer comes, and that is said too.
        let cleared = impact(from: Self.cutoffFuture, to: nil, customers: customers)
        #expect(cleared.moves.isEmpty)
        #expect(cleared.laterDays.first?.avoided == [.init(from: .confirmed, to: .outdated, count: 2)])
        #expect(cleared.movesAnyone)
        #expect(cleared.description.contains("From 2026-12-10, 2 customers no longer change status"), "\(cleared.description)")
        // A move both policies make on the same day is not the change's effect.
        let later = Day(iso: "2026-12-20")!
        let same = impact(from: later, to: later, customers: customers)
        #expect(!same.movesAnyone)
        // Future → later future: each day is named.
        let pushed = impact(from: Self.cutoffFuture, to: later, customers: customers)
        #expect(pushed.laterDays.map(\.day) == [Self.cutoffFuture, later])
        #expect(pushed.laterDays[0].avoided == [.init(from: .confirmed, to: .outdated, count: 2)])
        #expect(pushed.laterDays[1].moves == [.init(from: .confirmed, to: .outdated, count: 2)])
    }
}
