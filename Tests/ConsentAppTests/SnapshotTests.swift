import ConsentModel
import Foundation
import Testing
import TerminalKit
@testable import ConsentApp

/// Screens at several sizes, compared as text plus style roles.
@Suite("Screen snapshots")
struct SnapshotTests {
    @Test(arguments: [(80, 24), (120, 40), (40, 12), (200, 50), (40, 10)])
    func customerList(width: Int, height: Int) throws {
        let state = try AppFixture().state(width: width, height: height)
        assertSnapshot(Renderer.render(state), "list-\(width)x\(height)")
    }

    @Test func filterInUse() throws {
        var state = try AppFixture().state()
        state.press(.character("/"))
        state.type("contoso")
        assertSnapshot(Renderer.render(state), "list-filter-80x24")
    }

    /// At 80×24 a filtered blocked view says so whole: "View: blocked · Filter: …" (14.9).
    @Test func blockedViewWithAFilterAt80x24() throws {
        var state = try AppFixture().state()
        state.press(.character("b"), .character("/"))
        state.type("ltd")
        state.press(.enter)
        let buffer = Renderer.render(state)
        assertSnapshot(buffer, "list-blocked-filter-80x24")
        #expect(buffer.lines[1].hasSuffix("View: blocked · Filter: ltd "))
    }

    /// "Terminal too small" is never cut: wrapped to the width at tiny sizes.
    @Test(arguments: [(20, 6), (12, 8)])
    func tooSmallFitsAtTinySizes(width: Int, height: Int) throws {
        let state = try AppFixture().state(width: width, height: height)
        let buffer = Renderer.render(state)
        assertSnapshot(buffer, "too-small-\(width)x\(height)")
        let text = buffer.lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        #expect(text.contains("Enlarge the window."))
        #expect(!text.contains("…"))
    }

    @Test func blockedView() throws {
        var state = try AppFixture().state()
        state.press(.character("b"))
        assertSnapshot(Renderer.render(state), "list-blocked-80x24")
    }

    @Test func detailOfABlockedCustomer() throws {
        let fixture = try AppFixture()
        var state = try fixture.state(width: 100, height: 40)
        state.press(.character("b"))
        state.press(.enter)
        guard case .detail(let detail) = state.screen, let loaded = try fixture.store.customer(detail.tenantId) else {
            Issue.record("no detail"); return
        }
        let history = try fixture.store.history(of: detail.tenantId).map {
            HistoryEntry(seq: $0.seq, at: $0.at, employee: $0.employee, summary: try $0.event().summary)
        }
        _ = state.update(.detailLoaded(loaded.customer, lastSeq: loaded.lastSeq, history: history, request: detail.request))
        assertSnapshot(Renderer.render(state), "detail-blocked-100x40")
    }

    @Test func help() throws {
        var state = try AppFixture().state(width: 80, height: 40)
        state.press(.character("?"))
        assertSnapshot(Renderer.render(state), "help-80x40")
    }

    /// Issue 25: help ran to several pages at 80×24 with no sign that more follows. Class:
    /// a scrolled view that hides its length. The line above the status bar says where the
    /// reader is and that more follows, until the end.
    @Test func helpSaysWhereTheReaderIsAndThatMoreFollows() throws {
        var state = try AppFixture().state(width: 80, height: 24)
        state.press(.character("?"))
        let first = Renderer.render(state).lines[22]
        #expect(first.contains("Lines 1–21 of") && first.contains("for more"))
        for _ in 0..<20 { state.press(.pageDown) }
        let last = Renderer.render(state).lines[22]
        #expect(last.contains("end") && !last.contains("for more"))
        // One ↑ after the end moves at once (the scroll never runs past the last page).
        state.press(.up)
        #expect(Renderer.render(state).lines[22].contains("for more"))
    }

    @Test func tooSmall() throws {
        let state = try AppFixture().state(width: 30, height: 8)
        assertSnapshot(Renderer.render(state), "too-small-30x8")
    }

    @Test func welcomeOnAnEmptyStore() throws {
        let state = try AppFixture(customers: 0).state()
        assertSnapshot(Renderer.render(state), "welcome-80x24")
    }

    @Test func confirmFormWithErrors() throws {
        var state = try AppFixture().state()
        state.press(.character("b"), .character("c"))
        state.press(.tab)                    // leave the template
        state.press(.control("u"))
        state.type("2026-12-01")
        state.press(.tab, .tab, .tab)        // date, first name, last name left empty
        state.type("bob@tailspin.example")
        state.press(.tab)
        assertSnapshot(Renderer.render(state), "form-confirm-errors-80x24")
    }

    @Test(arguments: ["a", "e", "w", "r", "p"])
    func otherFormsRefusingAnEmptySave(key: String) throws {
        var state = try AppFixture().state(width: 80, height: 30)
        if key == "w" {
            // The first confirmed customer can be withdrawn.
            #expect(state.select { $0.status == .confirmed })
        }
        if key == "r" {
            // A request is for a customer whose acceptance is missing (one confirmed on the
            // current template is refused for that, not for the empty fields).
            #expect(state.select { $0.status == .requested || $0.status == .missing })
        }
        state.press(.character(Character(key)))
        guard case .form(var form) = state.modal else { Issue.record("no form for \(key)"); return }
        for index in form.fields.indices where form.fields[index].choices == nil && !form.fields[index].readOnly {
            form.fields[index].input = TextField("")
        }
        state.modal = .form(form)
        state.press(.control("s"))
        assertSnapshot(Renderer.render(state), "form-\(key)-empty-80x30")
    }

    @Test func templatesScreenAndItsForm() throws {
        var state = try AppFixture().state()
        state.press(.character("t"))
        assertSnapshot(Renderer.render(state), "templates-80x24")
        state.press(.character("a"))
        state.press(.control("s"))
        assertSnapshot(Renderer.render(state), "form-template-empty-80x24")
    }

    @Test func noColourRenderingCarriesTextMarkers() throws {
        // Without colour the backend maps roles to bold/reverse; the meaning must be in
        // the text too: every blocked row starts with "!", every outdated with "~".
        let state = try AppFixture().state(width: 80, height: 24)
        let buffer = Renderer.render(state)
        assertSnapshot(buffer, "no-colour-markers-80x24")
        for y in 3..<(buffer.height - 2) {
            let role = buffer[1, y].role
            let line = buffer.lines[y]
            if role == .blocked || role == .blockedSelected { #expect(line.hasPrefix(" !"), "\(line)") }
            if role == .outdated || role == .outdatedSelected { #expect(line.hasPrefix(" ~"), "\(line)") }
        }
    }
}
