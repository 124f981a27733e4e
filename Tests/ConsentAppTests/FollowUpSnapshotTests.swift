import ConsentModel
import Foundation
import Testing
import TerminalKit
@testable import ConsentApp

/// The follow-up views, marks and the bulk forms as drawn (text plus style roles).
@Suite("Follow-up and bulk screens")
struct FollowUpSnapshotTests {
    @Test func waitingViewAt80x24() throws {
        var state = try AppFixture(customers: 300, seed: 9).state()
        state.press(.character("W"))
        assertSnapshot(Renderer.render(state), "list-waiting-80x24")
    }

    @Test func renewingViewOfOneResellerAt80x24() throws {
        var state = try AppFixture(customers: 300, seed: 9).state()
        state.press(.character("U"), .character("F"))
        assertSnapshot(Renderer.render(state), "list-renewing-reseller-80x24")
    }

    @Test func markedRowsAndTheBulkRequestFormAt80x24() throws {
        var state = try AppFixture().state()
        state.press(.character(" "), .down, .character(" "), .character(" "))
        assertSnapshot(Renderer.render(state), "list-marked-80x24")
        state.press(.character("r"))
        assertSnapshot(Renderer.render(state), "form-bulk-request-80x24")
    }

    @Test func exportMarkedFormAt80x24() throws {
        var state = try AppFixture().state()
        state.press(.character(" "), .character(" "), .character("X"))
        assertSnapshot(Renderer.render(state), "form-export-marked-80x24")
    }
}
