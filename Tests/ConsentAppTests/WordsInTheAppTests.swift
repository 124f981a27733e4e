import ConsentModel
import Foundation
import Testing
import TestSupport
@testable import ConsentApp

/// Words per reader in the app (issue #25 item 5): the detail names the key that fixes a
/// blocked customer (only the app does) and what to tell the customer on the phone.
@Suite("Words in the app's detail")
struct WordsInTheAppTests {
    @Test func whatToTellTheCustomerIsMissingFromTheDetailTheKeyHintStaysInTheApp() throws {
        let fixture = try AppFixture()
        let (runner, _) = try DetailScreenTests.detailOfABlockedCustomer(fixture, width: 160, height: 60)
        let text = Renderer.render(runner.state).text
        #expect(text.contains("(press c)"), "\(text)")
        #expect(text.contains("→ Tell the customer: accept the Microsoft Customer Agreement at"), "\(text)")
        #expect(text.contains("or in the Microsoft 365 admin center."), "\(text)")
    }
}
