import Foundation
import Testing
@testable import ConsentModel

/// Issue 14, item 6: adding a reseller never replaces one; its domains are never the
/// partner's own; one with customers cannot be removed.
@Suite("Reseller rules")
struct ResellerRuleTests {
    let profile = Fixture.provider

    func violations(_ body: () throws(ValidationError) -> Reseller) -> [ConsentViolation] {
        do { _ = try body(); return [] } catch { return error.violations }
    }

    @Test func addingRefusesAnIdAlreadyThere() {
        let found = violations { () throws(ValidationError) in try ConsentRules.newReseller(id: "R-1", name: "Other", domains: "other.example", in: profile) }
        #expect(found == [.resellerExists("R-1", name: "Tailspin")])
        Strings.$override.withValue(.english) {
            #expect(found.first?.description.contains("edit-reseller") == true)
        }
        #expect(violations { () throws(ValidationError) in try ConsentRules.newReseller(id: "R-2", name: "Other", domains: "other.example", in: profile) } == [])
    }

    @Test func thePartnersOwnDomainIsNeverAResellers() {
        #expect(violations { () throws(ValidationError) in try ConsentRules.newReseller(id: "R-2", name: "X", domains: "northwind.example", in: profile) }
            == [.resellerDomainIsPartners("northwind.example", partnerDomain: "northwind.example")])
        // Nor a subdomain of it, nor a parent of it.
        #expect(violations { () throws(ValidationError) in try ConsentRules.newReseller(id: "R-2", name: "X", domains: "eu.northwind.example", in: profile) }.count == 1)
        #expect(violations { () throws(ValidationError) in try ConsentRules.newReseller(id: "R-2", name: "X", domains: "tailspin.example", in: profile) }
            == [.resellerDomainTaken("tailspin.example", reseller: "Tailspin")])
    }

    @Test func editingKeepsTheIdAndNeedsAnExistingReseller() throws {
        let edited = try ConsentRules.editedReseller(id: "R-1", name: "Tailspin Toys", domains: "tailspin.example, tt.example", in: profile)
        #expect(edited == Reseller(id: "R-1", name: "Tailspin Toys", domains: ["tailspin.example", "tt.example"]))
        #expect(violations { () throws(ValidationError) in try ConsentRules.editedReseller(id: "R-9", name: "X", domains: "x.example", in: profile) }
            == [.unknownReseller("R-9")])
    }

    @Test func removingOneWithCustomersSaysHowManyAndHowToReassign() {
        #expect(violations { () throws(ValidationError) in try ConsentRules.resellerRemoval(id: "R-1", in: profile, customers: 0) } == [])
        let refused = violations { () throws(ValidationError) in try ConsentRules.resellerRemoval(id: "R-1", in: profile, customers: 3) }
        #expect(refused == [.resellerHasCustomers("Tailspin", count: 3)])
        Strings.$override.withValue(.english) {
            let text = refused.first?.description ?? ""
            #expect(text.contains("still has 3 customers"))
            #expect(text.contains("e on each customer"))
            let one = ConsentViolation.resellerHasCustomers("Tailspin", count: 1).description
            #expect(one.contains("still has 1 customer;"))
        }
    }

    @Test func theProfileCannotTakeAResellersDomain() {
        let draft = ProfileDraft(name: "Northwind", tenantId: profile.tenantId, domains: "northwind.example, tailspin.example",
                                 role: "indirectProvider", defaultUserId: "")
        #expect(throws: ValidationError([.resellerDomainTaken("tailspin.example", reseller: "Tailspin")])) {
            try ConsentRules.profile(draft, existing: profile)
        }
    }

    @Test func idsAndNamesAreUniqueIgnoringLetterCase() throws {
        var profile = PartnerProfile(name: "Northwind", tenantId: "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40", domains: ["northwind.example"],
                                     role: .indirectProvider)
        profile.resellers = [try ConsentRules.newReseller(id: "R-100", name: "Tailspin Resellers", domains: "tailspin.example", in: profile)]
        #expect(throws: ValidationError.self) { try ConsentRules.newReseller(id: "r-100", name: "Other", domains: "other.example", in: profile) }
        #expect(throws: ValidationError.self) { try ConsentRules.newReseller(id: "R-400", name: "tailspin resellers", domains: "x.example", in: profile) }
        // Found in any case for editing and removing; its own name may stay.
        #expect(try ConsentRules.editedReseller(id: "r-100", name: "Tailspin Resellers", domains: "tailspin.example", in: profile).id == "R-100")
        #expect(try ConsentRules.resellerRemoval(id: "r-100", in: profile, customers: 0).id == "R-100")
    }
}
