import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

/// The app and the command line read one rule each from the model, so on the same store
/// they show the same customers for the same search text and the same blocked group.
@Suite("The app and the command line agree on search and blocked")
struct CLIAndAppAgreeTests {
    func cliTenants(_ fixture: AppFixture, _ arguments: [String]) throws -> Set<String> {
        let result = try run(Products.consentdesk, ["list", "--json", "--store", fixture.dir.path] + arguments,
                             environment: ["CONSENTDESK_NOW": "2026-11-25T12:00:00Z", "USER": "amy",
                                           "CONSENTDESK_ANCHORS": fixture.dir.file("anchors.jsonl")])
        #expect(result.status == 0, "\(result.stderr)")
        var tenants = Set<String>()
        for line in result.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if let id = object?["tenantId"] as? String { tenants.insert(id) }
        }
        return tenants
    }

    func appTenants(_ state: AppState) -> Set<String> {
        Set(state.listedRows.map { $0.customer.tenantId })
    }

    @Test func theSameSearchTextFindsTheSameCustomers() throws {
        let fixture = try AppFixture()
        let base = try fixture.state()
        let someone = try #require(base.listedRows.first { $0.customer.confirmation != nil }).customer
        let contact = try #require(someone.confirmation?.contact)
        // A name, a domain, a country, a contact written "last first", and text across two fields.
        let queries = [String(someone.companyName.prefix(5)), someone.primaryDomain, someone.country,
                       "\(contact.lastName) \(contact.firstName)", "zz-no-such-customer"]
        for query in queries {
            var state = base
            state.press(.character("/"))
            state.type(query)
            let cli = try cliTenants(fixture, ["--search", query])
            #expect(appTenants(state) == cli, "search \(query)")
        }
    }

    @Test func theBlockedViewIsListStatusBlocked() throws {
        let fixture = try AppFixture()
        var state = try fixture.state()
        state.press(.character("b"))
        let cli = try cliTenants(fixture, ["--status", "blocked"])
        #expect(!cli.isEmpty)
        #expect(appTenants(state) == cli)
    }
}
