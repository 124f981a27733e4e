import Foundation
@testable import ConsentModel

/// Shared fixtures: a direct partner with one reseller-style domain list, today 2026-11-25.
enum Fixture {
    static let today = Day(year: 2026, month: 11, day: 25)!
    static let clock = FixedClock(today, hour: 12)
    static let tenant = "11111111-2222-4333-8444-555555555555"

    static let provider = PartnerProfile(
        name: "Northwind", tenantId: "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40", domains: ["northwind.example"],
        role: .indirectProvider,
        resellers: [Reseller(id: "R-1", name: "Tailspin", domains: ["tailspin.example"])],
        defaultUserId: "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f")

    static func context(profile: PartnerProfile = provider, catalog: TemplateCatalog = .default,
                        now: Date? = nil) -> ConsentContext {
        ConsentContext(profile: profile, catalog: catalog, now: now ?? clock.now())
    }

    static func customer(cloud: CloudInstance = .global, domains: [String] = ["contoso.com"]) -> Customer {
        Customer(tenantId: tenant, companyName: "Contoso Ltd", domains: domains, country: "US", cloud: cloud)
    }

    static func draft(date: String = "2026-11-20", first: String = "Anna", last: String = "Smith",
                      email: String = "anna@contoso.com", phone: String = "", template: String = "",
                      reseller: String = "") -> ConfirmationDraft {
        ConfirmationDraft(dateAgreed: date, firstName: first, lastName: last, email: email, phoneNumber: phone,
                          templateId: template, partnerUserId: "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f", employee: "amy", reseller: reseller)
    }

    /// The violations the model reports for `draft`, or [] when it accepts it.
    static func violations(_ draft: ConfirmationDraft, customer: Customer = customer(),
                           context: ConsentContext = context()) -> [ConsentViolation] {
        do {
            _ = try ConsentRules.confirmation(draft, for: customer, in: context)
            return []
        } catch {
            return error.violations
        }
    }

    static func confirmed(_ customer: Customer = customer(), draft: ConfirmationDraft = draft(),
                          context: ConsentContext = context()) throws -> Customer {
        let confirmation = try ConsentRules.confirmation(draft, for: customer, in: context).value
        return customer.applying(.confirmed(tenantId: customer.tenantId, confirmation))
    }
}
