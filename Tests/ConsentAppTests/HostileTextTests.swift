import ConsentModel
import Testing
import TerminalKit
@testable import ConsentApp

@Suite("Text from the store reaches the app's screen escaped")
struct HostileTextTests {
    static func clean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { UntrustedText.isControl($0) && $0 != "\n" || UntrustedText.isBidiControl($0) }
    }

    @Test func templateIdsAndAgreementTypesAreEscapedOnTheTemplatesScreen() throws {
        var state = try AppFixture(customers: 3).state(width: 120)
        let hostile = AgreementTemplate(templateId: "evil\u{1B}]52;c;ZXZpbA==\u{07}", agreementType: AgreementType("Agreement\u{1B}[31m\u{202E}"),
                                        agreementLink: "https://example.com", versionRank: 9)
        state.catalog = TemplateCatalog(templates: state.catalog.templates + [hostile])
        state.press(.character("t"))
        let text = state.screenText
        #expect(Self.clean(text))
        #expect(text.contains("evil\\u{1B}]52;c;zxzpba==\\u{7}"))
        #expect(text.contains("Agreement\\u{1B}[31m\\u{202E}"))
    }
}
