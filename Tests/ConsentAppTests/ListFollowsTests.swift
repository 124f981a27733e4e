import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

/// The cursor follows the customer, not the row number (issue 14.4): a worker who switches
/// the view, clears the filter or re-sorts still acts on the customer they chose.
@Suite("The cursor follows the customer")
struct ListFollowsTests {
    /// A state on 300 customers with the cursor on an outdated customer deep in the list.
    func onAnOutdatedCustomer() throws -> (AppFixture, AppState, String) {
        let fixture = try AppFixture(customers: 300)
        var state = try fixture.state()
        state.select(position: 120)
        while let row = state.selectedRow, row.status != .outdated { state.press(.down) }
        let tenant = try #require(state.selectedRow).customer.tenantId
        return (fixture, state, tenant)
    }

    @Test func switchingTheViewKeepsTheSameCustomerSelected() throws {
        var (_, state, tenant) = try onAnOutdatedCustomer()
        for key: Character in ["b", "o", "v", "b", "b"] {
            state.press(.character(key))
            #expect(state.selectedRow?.customer.tenantId == tenant, "after \(key)")
            // It is on screen, drawn as the selected row.
            #expect(state.windowRows.contains { $0.customer.tenantId == tenant })
        }
    }

    @Test func changingAndClearingTheFilterKeepsTheSameCustomerSelected() throws {
        var (_, state, tenant) = try onAnOutdatedCustomer()
        let name = try #require(state.selectedRow).customer.companyName
        state.press(.character("/"))
        state.type(String(name.prefix(4)))
        #expect(state.selectedRow?.customer.tenantId == tenant)
        state.press(.enter, .escape)
        #expect(state.filter.text.isEmpty)
        #expect(state.selectedRow?.customer.tenantId == tenant)
        #expect((state.shownCount ?? 0) == 300)
    }

    @Test func reSortingKeepsTheSameCustomerSelected() throws {
        var (_, state, tenant) = try onAnOutdatedCustomer()
        for key: Character in ["s", "S", "s", "s", "S"] {
            state.press(.character(key))
            #expect(state.selectedRow?.customer.tenantId == tenant, "after \(key) (sort \(state.sort))")
        }
    }

    @Test func aReloadAfterAnotherDesksChangeKeepsTheSameCustomerSelected() throws {
        var (fixture, state, tenant) = try onAnOutdatedCustomer()
        let position = state.selection
        // Another desk adds a customer that sorts first: the chosen one moves down a row.
        let other = try ConsentStore(location: fixture.store.location, clock: AppFixture.clock, actor: StoreActor(userId: "", employee: "bo"))
        try other.execute(.addCustomer(CustomerDraft(tenantId: "00000000-0000-4000-8000-00000000000a", companyName: "AAA First Ltd",
                                                     domains: "aaa-first.example", country: "DE")))
        _ = state.update(.changed(try other.listChanges(since: state.headSeq)))
        #expect(state.selectedRow?.customer.tenantId == tenant)
        #expect(state.selection == position + 1)
        #expect(state.counts.map { $0.values.reduce(0, +) } == 301)
    }

    @Test func afterAddingACustomerTheCursorMovesToIt() throws {
        let fixture = try AppFixture(customers: 300)
        var state = try fixture.state()
        state.press(.character("a"))
        state.type("12345678-1234-4123-8123-123456789abc")
        state.press(.tab)
        state.type("Northwind Added GmbH")
        state.press(.tab)
        state.type("northwind-added.example")
        state.press(.tab)
        state.type("DE")
        guard case .save(let command, let expecting, let done, let request) = state.update(.key(.control("s"))).first else {
            Issue.record("no save: \(String(describing: state.modal))"); return
        }
        // The runner's part: the store saves it; its answer comes back.
        let outcome = try fixture.store.execute(command, expectingCustomerSeq: expecting)
        _ = state.update(.saved(outcome, done: done, request: request))
        #expect(state.modal == nil)
        #expect(state.selectedRow?.customer.companyName == "Northwind Added GmbH")
        #expect(state.selection == (try fixture.store.position(of: "12345678-1234-4123-8123-123456789abc", in: ListQuery())))
        let screen = Renderer.render(state)
        let line = try #require(screen.row(containing: "Northwind Added GmbH"))
        #expect(screen[1, line].role == .blockedSelected) // selected (and blocked: no acceptance yet)
    }

    @Test func theAppSortsNamesWithTheirBaseLetter() throws {
        let fixture = try AppFixture(customers: 300)
        let state = try fixture.state(width: 120, height: 40)
        let names = state.listedRows.map(\.customer.companyName)
        func index(_ prefix: String) throws -> Int { try #require(names.firstIndex { $0.hasPrefix(prefix) }, "\(prefix)") }
        // "Øresund" among the O names (after every N, before every P); "Île-de-France"
        // among the I names; "São Paulo" among the S names.
        let oresund = try index("Øresund")
        #expect(names[..<oresund].allSatisfy { !$0.hasPrefix("P") && !$0.hasPrefix("S") })
        #expect(names[(oresund + 1)...].allSatisfy { !$0.hasPrefix("N") && !$0.hasPrefix("M") })
        let ile = try index("Île-de-France")
        #expect(names[..<ile].allSatisfy { !$0.hasPrefix("J") && !$0.hasPrefix("L") })
        #expect(names[(ile + 1)...].allSatisfy { !$0.hasPrefix("H") && !$0.hasPrefix("G") })
        let saoPaulo = try index("São Paulo")
        #expect(names[..<saoPaulo].allSatisfy { !$0.hasPrefix("T") && !$0.hasPrefix("W") })
        #expect(names[(saoPaulo + 1)...].allSatisfy { !$0.hasPrefix("R") && !$0.hasPrefix("P") })
    }
}
