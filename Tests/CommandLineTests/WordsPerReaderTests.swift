import Foundation
import Testing
import TestSupport

/// Words per reader (issue #25 item 5): key hints only inside the app; `show`, `check` and
/// evidence packs say what to do in words, and `show` what to tell the customer; Partner
/// Center's error codes and messages findable with `explain`; no internal identifier in a
/// message, in either language.
@Suite("Words per reader")
struct WordsPerReaderTests {
    static let contoso = "0f8fad5b-d9cb-469f-a165-70867728950e"

    @Test func keyHintOutsideTheAppShowAndEvidencePacksSayWhatToDoInWords() throws {
        let cli = try CLI.withCustomer()
        for lang in ["en", "zh-Hans"] {
            let shown = try cli("show", "contoso.com", "--lang", lang)
            #expect(shown.status == 0, "\(shown.stderr)")
            // Before: "→ Fix: confirm acceptance … (press c)" on the command line.
            #expect(!shown.stdout.contains("(press c)") && !shown.stdout.contains("按 c"), "\(shown.stdout)")
            #expect(shown.stdout.contains("consentdesk confirm \(Self.contoso)"), "\(shown.stdout)")
            let html = cli.dir.file("pack-\(lang).html"), json = cli.dir.file("pack-\(lang).json")
            #expect(try cli("evidence", "contoso.com", "--output", html, "--lang", lang).status == 0)
            #expect(try cli("evidence", "contoso.com", "--format", "json", "--output", json, "--lang", lang).status == 0)
            for file in [html, json] {
                let pack = try String(contentsOfFile: file, encoding: .utf8)
                #expect(!pack.contains("press c") && !pack.contains("按 c"), "\(file)")
            }
            #expect(try String(contentsOfFile: html, encoding: .utf8).contains(lang == "en" ? "→ Fix: confirm acceptance" : "→ 解决办法："))
        }
    }

    @Test func whatToTellTheCustomerIsMissingFromShowSoTheSupportWorkerHasNoWordsForTheCaller() throws {
        let cli = try CLI.withCustomer()
        let shown = try cli("show", "contoso.com")
        #expect(shown.stdout.contains("Tell the customer: accept the Microsoft Customer Agreement at https://aka.ms/customeragreement, "
                                      + "or in the Microsoft 365 admin center."), "\(shown.stdout)")
        let chinese = try cli("show", "contoso.com", "--lang", "zh-Hans")
        #expect(chinese.stdout.contains("告诉客户：在 https://aka.ms/customeragreement 或在 Microsoft 365 管理中心接受"), "\(chinese.stdout)")
        // Once the acceptance is confirmed there is nothing to tell.
        #expect(try cli("confirm", "contoso.com", "--first", "Anna", "--last", "Smith", "--email", "anna@contoso.com",
                        "--date", "2026-11-20").status == 0)
        #expect(!(try cli("show", "contoso.com").stdout.contains("Tell the customer")))
    }

    @Test func errorCodeFromMicrosoftLeadsNowhereExplainGivesCauseAndFix() throws {
        let cli = CLI()
        let cases: [([String], [String])] = [
            (["600061"], ["600061", "PartnerConfirmedAgreementAlreadyExists", "same first name, last name, email and phone"]),
            (["InternalErrorCode=600061"], ["PartnerConfirmedAgreementAlreadyExists"]),
            (["600002"], ["600002", "later than today in UTC"]),
            (["customer has not accepted the agreement"], ["has not accepted the agreement", "Microsoft 365 admin center", "consentdesk confirm"]),
            (["The", "customer", "has", "NOT", "accepted", "the", "agreement."], ["Microsoft 365 admin center"]),
        ]
        for (typed, expected) in cases {
            let result = try cli.call(["explain"] + typed)
            #expect(result.status == 0, "\(typed): \(result.stderr)")
            #expect(result.stdout.contains("Cause: ") && result.stdout.contains("Fix: "), "\(typed): \(result.stdout)")
            for words in expected { #expect(result.stdout.contains(words), "\(typed): \(result.stdout)") }
        }
        let chinese = try cli("explain", "600061", "--lang", "zh-Hans")
        #expect(chinese.stdout.contains("原因：") && chinese.stdout.contains("解决办法："), "\(chinese.stdout)")
        // A code it does not know is a wrong command line, said so, listing what it knows.
        let unknown = try cli("explain", "123456")
        #expect(unknown.status == 64, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("cannot explain \"123456\"") && unknown.stderr.contains("600061"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("\"The customer has not accepted the agreement\". Check"), "\(unknown.stderr)")
    }

    @Test func internalIdentifierInAMessageTheEventKindIsNamedInWords() throws {
        let cli = try CLI.withCustomer()
        let english = try cli("void", "3", "--reason", "wrong customer")
        #expect(english.status == 2)
        // Before: "Event #3 (customerAdded) cannot be voided".
        #expect(english.stderr.contains("Event #3 (customer added) cannot be voided"), "\(english.stderr)")
        let chinese = try cli("void", "3", "--reason", "wrong customer", "--lang", "zh-Hans")
        #expect(chinese.stderr.contains("事件 #3（添加客户）不能作废"), "\(chinese.stderr)")
        for result in [english, chinese] { #expect(!result.stderr.contains("customerAdded") && !result.stderr.contains("customer-added")) }
    }
}
