import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

/// Issue 14, item 6 in the app: `R` opens the resellers screen (customer counts; `a` add,
/// `e` edit, `x` remove, asking first); adding never replaces one.
@Suite("The resellers screen")
struct ResellerScreenTests {
    static func keys(_ text: String) -> [Key] { text.map { .character($0) } }

    /// A runner on the demo store showing the resellers screen with its counts read.
    static func resellersScreen(_ fixture: AppFixture) throws -> AppRunner {
        let runner = AppRunner(backend: ScriptedBackend([]), store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.dispatch(.key(.character("R")))
        runner.waitForSaves()
        return runner
    }

    @Test func listsEveryResellerWithItsCustomers() throws {
        let fixture = try AppFixture()
        let runner = try Self.resellersScreen(fixture)
        let counts = try fixture.store.resellerCustomerCounts()
        #expect(counts["R-100", default: 0] > 0)
        var state = runner.state
        state.storePath = "~/.local/share/consentdesk/store.sqlite"
        let buffer = Renderer.render(state)
        let tailspin = try #require(buffer.lines.first { $0.contains("Tailspin Resellers") })
        #expect(tailspin.contains(" \(counts["R-100", default: 0])  tailspin.example"))
        #expect(buffer.lines.last?.contains("a Add an indirect reseller") == true)
        #expect(buffer.lines.last?.contains("x Remove reseller") == true)
        assertSnapshot(buffer, "resellers-100x30")
    }

    @Test func addingAnIdAlreadyThereIsRefusedAndReplacesNothing() throws {
        let fixture = try AppFixture()
        let runner = try Self.resellersScreen(fixture)
        for key in [Key.character("a")] + Self.keys("R-100") + [.tab] + Self.keys("Impostor") + [.tab] + Self.keys("impostor.example") + [.control("s")] {
            runner.dispatch(.key(key))
        }
        runner.waitForSaves()
        guard case .form(let form) = runner.state.modal else { Issue.record("form closed"); return }
        #expect(form.errors[.resellerId]?.contains("already in the profile (Tailspin Resellers)") == true)
        #expect(try fixture.store.profile().reseller("R-100")?.name == "Tailspin Resellers")
    }

    @Test func editingChangesTheNameAndKeepsTheId() throws {
        let fixture = try AppFixture()
        let runner = try Self.resellersScreen(fixture)
        runner.dispatch(.key(.character("e")))
        guard case .form(let form) = runner.state.modal else { Issue.record("no form"); return }
        #expect(form.fields[0].readOnly && form.value(.resellerId) == "R-100")
        // The name is selected: typing replaces it.
        for key in Self.keys("Tailspin Partners") + [.control("s")] { runner.dispatch(.key(key)) }
        runner.waitForSaves()
        #expect(try fixture.store.profile().reseller("R-100")?.name == "Tailspin Partners")
        #expect(try fixture.store.profile().resellers.count == 3)
    }

    @Test func removingOneWithCustomersIsRefusedWithHowMany() throws {
        let fixture = try AppFixture()
        let runner = try Self.resellersScreen(fixture)
        let count = try fixture.store.resellerCustomerCounts()["R-100", default: 0]
        runner.dispatch(.key(.character("x")))
        #expect(runner.state.modal == nil)
        #expect(runner.state.flash?.text.contains("still has \(count) customer") == true)
        #expect(try fixture.store.profile().reseller("R-100") != nil)
    }

    @Test func removingOneWithoutCustomersAsksFirst() throws {
        let fixture = try AppFixture()
        try fixture.store.execute(.addReseller(id: "R-900", name: "Unused Channel", domains: "unused.example"))
        let runner = try Self.resellersScreen(fixture)
        runner.dispatch(.key(.end))
        runner.dispatch(.key(.character("x")))
        guard case .dangerous(let change) = runner.state.modal else { Issue.record("did not ask"); return }
        #expect(change.consequence.contains("Unused Channel (R-900)"))
        runner.dispatch(.key(.character("y")))
        runner.waitForSaves()
        #expect(try fixture.store.profile().reseller("R-900") == nil)
        #expect(runner.state.flash?.text == "Saved: reseller Unused Channel removed.")
    }

    @Test func gAndShiftGJumpInTheTemplatesList() throws {
        var state = try AppFixture().state()
        state.press(.character("t"))
        state.press(.character("G"))
        guard case .room(let room) = state.screen, let templates = room as? TemplatesScreen else { Issue.record("no templates"); return }
        #expect(templates.selection == state.catalog.templates.count - 1)
        state.press(.home)
        guard case .room(let again) = state.screen, let top = again as? TemplatesScreen else { Issue.record("Home left the templates screen"); return }
        #expect(top.selection == 0)
    }
}
