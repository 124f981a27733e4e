import ConsentModel
import Foundation
import Testing
@testable import ConsentStore
import TestSupport

/// `verify` compares customers on every core; what it reports is still worded in the language
/// of whoever asked (a worker thread does not inherit the caller's language).
@Suite("verify speaks the caller's language")
struct VerifyLanguageTests {
    @Test func aDifferenceFoundOnAWorkerIsWordedInTheCallersLanguage() throws {
        let dir = TemporaryDirectory("verify-language")
        let store = try makeStore(dir)
        #expect(try store.verify().isValid)
        #expect(try sqlite(store.location.file.path, "UPDATE customers SET country = 'ZZ' WHERE tenantId = '\(tenantB)'").status == 0)
        let english = try Strings.$override.withValue(.english) { try store.verify() }
        let chinese = try Strings.$override.withValue(.simplifiedChinese) { try store.verify() }
        let expectedEnglish = Strings.$override.withValue(.english) { tr("verify.projection", tenantB) }
        let expectedChinese = Strings.$override.withValue(.simplifiedChinese) { tr("verify.projection", tenantB) }
        #expect(expectedEnglish != expectedChinese)
        #expect(english.problem == expectedEnglish)
        #expect(chinese.problem == expectedChinese)
    }
}
