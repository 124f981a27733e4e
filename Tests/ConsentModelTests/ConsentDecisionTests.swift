import Foundation
import Testing
@testable import ConsentModel

/// Planning in the model (issue 22.1): a desk's change is decided from the state alone, no
/// store: the events to append, no event for no change, or the refusal with its reason.
@Suite("Decisions are the model's")
struct ConsentDecisionTests {
    @Test func aConfirmationIsDecidedWithoutAStoreAndRecordsThisDesk() throws {
        var draft = Fixture.draft()
        draft.employee = ""
        draft.partnerUserId = ""
        let decision = try ConsentDecisions.confirm(draft, tenantId: Fixture.tenant.uppercased(), current: Fixture.customer(),
                                                    employee: "bo", userId: "", in: Fixture.context())
        #expect(decision.events.count == 1)
        let event = try #require(decision.events.first)
        #expect(event.eventKind == .confirmed)
        let confirmation = try #require(Fixture.customer().applying(event).confirmation)
        let id = event.tenantId
        #expect(id == Fixture.tenant)
        #expect(confirmation.employee == "bo")
        #expect(confirmation.partnerUserId == Fixture.provider.defaultUserId)
    }

    @Test func aChangeThatChangesNothingDecidesNoEvent() throws {
        let context = Fixture.context()
        let draft = RequestDraft(sentTo: "it@contoso.com", date: "2026-11-10")
        let first = try ConsentDecisions.request(draft, tenantId: Fixture.tenant, current: Fixture.customer(), in: context)
        let requested = try #require(first.events.first)
        let again = try ConsentDecisions.request(draft, tenantId: Fixture.tenant, current: Fixture.customer().applying(requested),
                                                 in: context)
        #expect(again.events.isEmpty)
        let sameName = CustomerDraft(tenantId: Fixture.tenant, companyName: "Contoso Ltd", domains: "contoso.com", country: "US")
        #expect(try ConsentDecisions.editCustomer(sameName, current: Fixture.customer(), in: context).events.isEmpty)
    }

    @Test func aRefusedChangeDecidesNothingAndSaysWhy() throws {
        let context = Fixture.context()
        #expect {
            try ConsentDecisions.confirm(Fixture.draft(date: "2027-01-01"), tenantId: Fixture.tenant, current: Fixture.customer(),
                                         employee: "bo", userId: "", in: context)
        } throws: { error in (error as? ValidationError)?.violations.isEmpty == false }
        #expect {
            try ConsentDecisions.addCustomer(CustomerDraft(tenantId: Fixture.tenant, companyName: "Contoso Ltd",
                                                           domains: "contoso.com", country: "US"), in: context) { _ in true }
        } throws: { error in (error as? ValidationError)?.violations == [.customerExists(Fixture.tenant)] }
        #expect(throws: ValidationError.self) {
            try ConsentDecisions.removeReseller(id: "R-1", customersNamingIt: 2, in: context)
        }
        #expect(try ConsentDecisions.removeReseller(id: "R-1", customersNamingIt: 0, in: context).events.count == 1)
    }
}
