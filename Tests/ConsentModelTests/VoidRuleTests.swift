import Foundation
import Testing
@testable import ConsentModel

@Suite("Rule 12: corrections are voids")
struct VoidRuleTests {
    static let id = Fixture.tenant

    /// Added (#1), confirmed by Anna (#2), withdrawn on the 24th (#3), confirmed by Bob (#4).
    static func story() throws -> (customer: Customer, events: [ConsentHistory.Item]) {
        let added = Fixture.customer()
        let anna = try ConsentRules.confirmation(Fixture.draft(date: "2026-11-20"), for: added, in: Fixture.context()).value
        let bob = try ConsentRules.confirmation(Fixture.draft(date: "2026-11-25", first: "Bob", email: "bob@contoso.com"),
                                                for: added, in: Fixture.context()).value
        let events: [ConsentHistory.Item] = [
            (1, .customerAdded(added)),
            (2, .confirmed(tenantId: id, anna)),
            (3, .withdrawn(tenantId: id, Withdrawal(date: Day(year: 2026, month: 11, day: 24)!, reason: "left"))),
            (4, .confirmed(tenantId: id, bob)),
        ]
        var customer = added
        for item in events.dropFirst() { customer = customer.applying(item.event) }
        return (customer, events)
    }

    @Test func theRebuiltRecordIsAsIfTheVoidedEventNeverHappened() throws {
        let (customer, events) = try Self.story()
        #expect(customer.confirmation?.contact.firstName == "Bob")
        #expect(customer.lastWithdrawalDate == Day(year: 2026, month: 11, day: 24))
        // Bob's confirmation voided: Anna's was withdrawn, so the withdrawal stands again.
        let withoutBob = ConsentHistory.rebuilt(customer, from: events + [(5, .voided(tenantId: Self.id, seq: 4, reason: "wrong"))])
        #expect(withoutBob.confirmation?.contact.firstName == "Anna")
        #expect(withoutBob.withdrawal?.reason == "left")
        // The withdrawal voided instead: no withdrawal date is left to hold a confirmation back.
        let withoutWithdrawal = ConsentHistory.rebuilt(customer, from: events + [(5, .voided(tenantId: Self.id, seq: 3, reason: "wrong"))])
        #expect(withoutWithdrawal.lastWithdrawalDate == nil)
        #expect(withoutWithdrawal.withdrawal == nil)
        #expect(withoutWithdrawal.companyName == customer.companyName)
    }

    @Test func onlyConsentEventsCanBeVoidedOnceWithAReason() throws {
        let (_, events) = try Self.story()
        func refusal(_ seq: Int64, _ target: ConsentEvent?, reason: String = "wrong", by: Int64? = nil) -> [ConsentViolation] {
            do {
                _ = try ConsentRules.void(seq: seq, target: target, reason: reason, alreadyVoidedBy: by)
                return []
            } catch { return error.violations }
        }
        #expect(refusal(2, events[1].event).isEmpty)
        #expect(refusal(99, nil) == [.unknownEvent(99)])
        #expect(refusal(1, events[0].event) == [.notVoidable(1, kind: "customerAdded")])
        #expect(refusal(5, .voided(tenantId: Self.id, seq: 4, reason: "x")) == [.voidOfVoid(5)])
        #expect(refusal(4, events[3].event, by: 5) == [.alreadyVoided(4, by: 5)])
        #expect(refusal(4, events[3].event, reason: "  ") == [.missing(.reason)])
        #expect(refusal(4, events[3].event, reason: String(repeating: "a", count: 501)) == [.tooLong(.reason, maximum: 500)])
        #expect(ConsentViolation.alreadyVoided(4, by: 5).description.contains("#5"))
    }
}
