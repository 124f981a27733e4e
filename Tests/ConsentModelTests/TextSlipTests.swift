import Foundation
import Testing
@testable import ConsentModel

/// Issue 14, item 16: the text slips a desk worker saw, and their siblings.
@Suite("Text slips: full stops, plurals, quoted input, template names, Chinese wording")
struct TextSlipTests {
    @Test func aNameEndingInAFullStopGetsNoSecondOne() {
        Strings.$override.withValue(.english) {
            #expect(tr("flash.edited", "Adatum Legal S.A.") == "Saved: Adatum Legal S.A. updated.")
            #expect(tr("flash.confirmed", "Adatum Legal S.A.") == "Saved: acceptance confirmed for Adatum Legal S.A.")
            #expect(tr("flash.requested", "Fabrikam Inc.") == "Saved: request recorded for Fabrikam Inc.")
            // A name that does not end a sentence keeps the full stop.
            #expect(tr("flash.confirmed", "Contoso") == "Saved: acceptance confirmed for Contoso.")
        }
    }

    @Test func anArgumentIsNeverReadAsAPlaceholder() {
        Strings.$override.withValue(.english) {
            // A company literally named "{1}" is printed as typed, not replaced by the next argument.
            #expect(tr("change.field", "Company name", "{1}", "New") == "Company name: {1} → New")
        }
    }

    @Test func oneIsSingular() {
        Strings.$override.withValue(.english) {
            #expect(tr("flash.otherDesk", 1) == "1 customer changed by another desk.")
            #expect(tr("flash.otherDesk", 3) == "3 customers changed by another desk.")
            #expect(tr("detail.daysWaiting", 1) == "1 day waiting")
            #expect(tr("detail.seats", 1) == "1 seat")
            #expect(tr("cli.export.done", 1) == "1 row written.")
            // The count is the first whole number, wherever it stands.
            #expect(tr("gate.reason.requested", "2026-11-24", 1).contains("(1 day ago)"))
            #expect(tr("gate.reason.requested", "2026-11-20", 5).contains("(5 days ago)"))
        }
    }

    @Test func everySingularHasItsPluralAndTheSamePlaceholders() {
        for language in Language.allCases {
            let catalog = Strings.catalog(language)
            for key in catalog.keys where key.hasSuffix(".one") {
                let base = String(key.dropLast(4))
                #expect(catalog[base] != nil, "\(key) has no plural \(base)")
                let marks = { (text: String) in Set(text.matches(of: /\{\d\}/).map { String($0.output) }) }
                #expect(marks(catalog[key] ?? "") == marks(catalog[base] ?? ""), "\(key)")
            }
        }
    }

    @Test func theCountryErrorQuotesWhatWasTyped() throws {
        let draft = CustomerDraft(tenantId: Fixture.tenant, companyName: "Contoso", country: "Germany")
        #expect(throws: ValidationError.self) { try ConsentRules.customer(draft, existing: nil, in: Fixture.context()) }
        do {
            _ = try ConsentRules.customer(draft, existing: nil, in: Fixture.context())
        } catch {
            Strings.$override.withValue(.english) {
                #expect(error.description.contains("\"Germany\""))
                #expect(!error.description.contains("GERMANY"))
            }
        }
    }

    @Test func templatePickerNamesNoVersionZero() {
        Strings.$override.withValue(.english) {
            let catalog = TemplateCatalog.default
            let label = AgreementTemplate.microsoftCustomerAgreement.label(in: catalog, required: .microsoftCustomerAgreement, on: Fixture.today)
            #expect(label == "Microsoft Customer Agreement · current, required")
            // With a second template of the type, the rank tells them apart.
            var two = catalog
            two.upsert(AgreementTemplate(templateId: "22222222-2222-4222-8222-222222222222", agreementType: .microsoftCustomerAgreement,
                                         agreementLink: "https://aka.ms/customeragreement", versionRank: 2))
            let older = AgreementTemplate.microsoftCustomerAgreement.label(in: two, required: .microsoftCustomerAgreement, on: Fixture.today)
            #expect(older == "Microsoft Customer Agreement · version rank 0 · older")
        }
    }

    @Test func chineseSaysWhichFieldIsRequired() {
        Strings.$override.withValue(.simplifiedChinese) {
            #expect(ConsentViolation.missing(.firstName).description == "“名字”为必填项。")
            #expect(!ConsentViolation.missing(.lastName).description.hasPrefix("姓为"))
            #expect(tr("list.daysWaiting", 25) == "25 天")
        }
    }
}
