import ConsentModel
import ConsentStore
import Foundation
import Testing
import TestSupport
@testable import ConsentApp

/// "Blocked" means one thing: the app's header and `b` view and the command line's
/// `--status blocked` count the same customers.
@Suite("One meaning of blocked")
struct OneMeaningOfBlockedTests {
    @Test func theAppAndTheCommandLineAgreeOnWhoIsBlocked() throws {
        let fixture = try AppFixture(customers: 300)
        var state = try fixture.state(width: 120, height: 40)
        state.press(.character("b"))
        let inView = Set(state.listedRows.map { $0.customer.tenantId })
        #expect(state.listedRows.contains { $0.status == .outdated })
        #expect(state.screenText.contains("\(inView.count) blocked:"))
        let cli = try run(Products.consentdesk, ["list", "--status", "Blocked", "--json", "--store", fixture.dir.path],
                          environment: ["CONSENTDESK_NOW": "2026-11-25T12:00:00Z", "USER": "amy"])
        #expect(cli.status == 0, "\(cli.stderr)")
        let listed = Set(cli.stdout.split(separator: "\n").compactMap { line -> String? in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["tenantId"] as? String
        })
        #expect(listed == inView)
        let noAcceptance = try run(Products.consentdesk, ["list", "--status", "no-acceptance", "--json", "--store", fixture.dir.path],
                                   environment: ["CONSENTDESK_NOW": "2026-11-25T12:00:00Z", "USER": "amy"])
        let lacking = state.listedRows.filter { $0.status.lacksAcceptance }.count
        #expect(noAcceptance.stdout.split(separator: "\n").count == lacking)
        #expect(state.screenText.contains("\(lacking) no acceptance"))
    }
}
