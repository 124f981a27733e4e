import ConsentModel
import Foundation
import Testing
import TerminalKit
@testable import ConsentApp

@Suite("Catalogs and Simplified Chinese")
struct LocalizationTests {
    @Test func bothCatalogsHaveTheSameKeys() {
        let english = Set(Strings.catalog(.english).keys)
        let chinese = Set(Strings.catalog(.simplifiedChinese).keys)
        #expect(english.subtracting(chinese).sorted() == [], "missing in zh-Hans")
        #expect(chinese.subtracting(english).sorted() == [], "missing in en")
    }

    /// Keys built at run time from the cases of these types.
    static var dynamicKeys: [String] {
        Action.allCases.map { "action.\($0.rawValue)" } + QuickView.allCases.map { "view.\($0.rawValue)" }
            + Column.allCases.map { "col.\($0.rawValue)" } + KeyContext.allCases.filter { $0 != .help }.map { "help.context.\($0.rawValue)" }
            + ConsentStatus.allCases.flatMap { ["status.\($0.rawValue)", "help.status.\($0.rawValue)"] }
            + PartnerRole.allCases.map { "role.\($0.rawValue)" } + CloudInstance.allCases.map { "cloud.\($0.rawValue)" }
            + Field.allCases.map { "field.\($0.rawValue)" } + Transaction.allCases.map { "transaction.\($0.rawValue)" }
            + ConsentRule.allCases.map { "rule.\($0.rawValue)" } + ["form.confirm.title", "form.collect.title"]
    }

    /// Every `tr("…")` in the sources.
    static var keysInCode: [String] {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var keys: [String] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        let pattern = try! NSRegularExpression(pattern: #"tr\("([A-Za-z0-9_.]+)""#)
        for file in files where file.pathExtension == "swift" {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                keys.append(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        return keys
    }

    @Test func everyKeyUsedInCodeIsInBothCatalogs() {
        let used = Set(Self.keysInCode + Self.dynamicKeys)
        #expect(used.count > 300)
        for language in Language.allCases {
            let catalog = Strings.catalog(language)
            #expect(used.filter { catalog[$0] == nil }.sorted() == [], "\(language)")
        }
    }

    @Test func placeholdersMatchBetweenLanguages() {
        let english = Strings.catalog(.english), chinese = Strings.catalog(.simplifiedChinese)
        let placeholder = try! NSRegularExpression(pattern: #"\{\d\}"#)
        func set(_ s: String) -> Set<String> {
            Set(placeholder.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range, in: s)!]) })
        }
        for (key, value) in english { #expect(set(value) == set(chinese[key] ?? ""), "\(key)") }
    }

    @Test func agreementNamesAreSpelledOutInChinese() {
        Strings.$override.withValue(.simplifiedChinese) {
            #expect(AgreementType.microsoftCloudAgreement.displayName == "Microsoft 云协议")
            #expect(AgreementType.microsoftCustomerAgreement.displayName == "Microsoft 客户协议")
            #expect(ConsentViolation.dateInFuture(.dateAgreed, Day(year: 2026, month: 12, day: 1)!, today: Day(year: 2026, month: 11, day: 25)!)
                .description.contains("2026-12-01"))
        }
    }

    @Test func chineseList() throws {
        try Strings.$override.withValue(.simplifiedChinese) {
            let state = try AppFixture().state()
            let buffer = Renderer.render(state)
            assertSnapshot(buffer, "zh-list-80x24")
            #expect(buffer.contains("个客户"))
            // Columns measured by display width: every line is exactly 80 columns.
            #expect(buffer.lines.allSatisfy { $0.displayWidth == 80 })
        }
    }

    @Test func chineseConfirmFormWithAnError() throws {
        try Strings.$override.withValue(.simplifiedChinese) {
            var state = try AppFixture().state()
            state.press(.character("b"), .character("c"), .tab, .control("u"))
            state.type("2026-12-01")
            state.press(.tab)
            let buffer = Renderer.render(state)
            assertSnapshot(buffer, "zh-form-confirm-80x24")
            #expect(buffer.contains("确认接受"))
            #expect(buffer.contains("是将来的日期"))
            #expect(buffer.lines.allSatisfy { $0.displayWidth == 80 })
        }
    }

    @Test func chineseHelp() throws {
        try Strings.$override.withValue(.simplifiedChinese) {
            var state = try AppFixture().state()
            state.press(.character("?"))
            let buffer = Renderer.render(state)
            assertSnapshot(buffer, "zh-help-80x24")
            #expect(buffer.contains("客户列表"))
            #expect(buffer.lines.last!.contains("返回"))
        }
    }
}
