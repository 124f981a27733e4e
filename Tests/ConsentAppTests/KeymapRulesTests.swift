import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
@testable import ConsentApp

/// Every key goes through the keymap, so the status bar always tells the truth.
@Suite("The keymap knows what a key does, when, and why not")
struct KeymapRulesTests {
    func statusBar(_ state: AppState, width: Int = 160) -> String {
        var state = state
        state.width = width
        return Renderer.render(state).lines.last ?? ""
    }

    @Test func whileRetireTemplateAsksTheBarOffersOnlyTheAnswers() throws {
        var state = try AppFixture().state(width: 160, height: 30)
        state.press(.character("t"), .character("x"))
        guard case .dangerous(let change) = state.modal else { Issue.record("did not ask"); return }
        #expect(change.consequence.contains("Its confirmations become outdated"))
        let bar = statusBar(state)
        #expect(bar.contains("y Yes") && bar.contains("n No") && bar.contains("Esc Cancel"))
        #expect(!bar.contains("Add template") && !bar.contains("Retire template"))
        // Keys of the screen below do nothing while the question shows.
        #expect(state.update(.key(.character("a"))).isEmpty)
        guard case .dangerous = state.modal else { Issue.record("question closed by a"); return }
        state.press(.escape)
        #expect(state.modal == nil)
        #expect(state.flash?.text == "Nothing was saved.")
    }

    @Test func withdrawingAsksFirstSayingWhatWillHappenAndNoKeepsTheForm() throws {
        let fixture = try AppFixture()
        var state = try fixture.state(width: 160, height: 30)
        #expect(state.select { $0.status == .confirmed })
        let tenant = try #require(state.selectedRow).customer.tenantId
        state.press(.character("w"))
        guard case .form(var form) = state.modal else { Issue.record("no withdraw form"); return }
        // Type a reason into the first empty text field that takes one.
        while form.fields[form.focus].field != .reason {
            state.press(.tab)
            form = try #require(state.openForm, "the withdraw form closed while moving between its fields")
        }
        state.type("Customer asked")
        #expect(state.update(.key(.control("s"))).isEmpty)
        guard case .dangerous(let change) = state.modal else { Issue.record("saved without asking"); return }
        #expect(change.consequence.contains("subscriptions must be cancelled"))
        #expect(Renderer.render(state).text.contains("Record withdrawal"))
        state.press(.character("n"))
        guard case .form(let kept) = state.modal else { Issue.record("form not kept"); return }
        #expect(kept.message == "Nothing was saved.")
        #expect(kept.value(.reason) == "Customer asked")
        #expect(try fixture.store.customer(tenant)?.customer.withdrawal == nil)
        // Asked again and answered yes: the save is asked of the store.
        _ = state.update(.key(.control("s")))
        guard case .save(.withdraw, _, .withdrawn, _) = state.update(.key(.character("y"))).first else {
            Issue.record("yes did not save"); return
        }
    }

    @Test func nothingToWithdrawShowsTheReasonInsteadOfAForm() throws {
        var state = try AppFixture().state()
        #expect(state.select { $0.status == .missing })
        #expect(Keymap.availability(of: .withdraw, in: state).reason == .nothingToWithdraw)
        state.press(.character("w"))
        #expect(state.modal == nil)
        #expect(state.flash?.text.contains(ConsentViolation.nothingToWithdraw.description) == true)
    }

    @Test func arrowsMoveTheListWhileTheFilterStaysOpenAndLettersType() throws {
        var state = try AppFixture().state()
        state.press(.character("/"))
        #expect(state.keyContext == .filter)
        state.press(.down, .down)
        #expect(state.selection == 2)
        #expect(state.filtering)
        state.type("j")
        #expect(state.filter.text == "j")
        #expect(statusBar(state).contains("Enter Keep filter"))
    }

    @Test func aDetailAnswerForAnEarlierRequestIsDropped() throws {
        let fixture = try AppFixture()
        var state = try fixture.state()
        guard case .loadDetail(let first, let firstRequest) = state.update(.key(.enter)).first else { Issue.record("no read"); return }
        state.press(.escape, .down)
        guard case .loadDetail(let second, let secondRequest) = state.update(.key(.enter)).first else { Issue.record("no read"); return }
        #expect(first != second && firstRequest != secondRequest)
        let stale = try #require(try fixture.store.customer(first))
        _ = state.update(.detailLoaded(stale.customer, lastSeq: stale.lastSeq, history: [], request: firstRequest))
        guard case .detail(let detail) = state.screen else { Issue.record("left the detail"); return }
        #expect(detail.tenantId == second)
        #expect(detail.customer == nil)
    }

    @Test func everyBindingHasShortAndLongHelpInBothLanguages() {
        for language in Language.allCases {
            let catalog = Strings.catalog(language)
            for binding in Keymap.bindings {
                #expect(catalog["action.\(binding.action.rawValue)"] != nil, "\(language) \(binding.action)")
                #expect(catalog["actionHelp.\(binding.action.rawValue)"] != nil, "\(language) \(binding.action)")
            }
        }
    }

    /// Issue 25, keys where the user looks. Class: keys found only in help. A wider terminal
    /// shows more of the screen's keys in the status bar, by the keymap's priority, and every
    /// key it shows acts there; 80 columns keeps its bar.
    @Test func theStatusBarFillsTheWidthWithMoreKeysByPriority() throws {
        let state = try AppFixture().state(width: 80, height: 24)
        func keys(_ width: Int, _ state: AppState) -> [String] {
            var state = state
            state.width = width
            return Renderer.statusBarBindings(state, width: width).bindings.map { $0.keys[0].label }
        }
        let narrow = keys(80, state), wide = keys(120, state), widest = keys(200, state)
        #expect(narrow == ["Enter", "/", "c", "b", "?", "q"])
        #expect(wide.count > narrow.count && widest.count > wide.count)
        for key in ["r", "w", "n", "W", "L"] { #expect(widest.contains(key), "\(key) at 200 columns") }
        #expect(statusBar(state, width: 200).contains("W Waiting view"))
        for label in widest {
            let binding = try #require(Keymap.bindings.first { $0.keys[0].label == label && $0.contexts.contains(.list) })
            #expect(Keymap.action(for: binding.keys[0], in: .list) == binding.action, "\(label) acts in the list")
        }
        // The detail shows its note, log and evidence keys where there is room.
        var detail = state
        detail.press(.enter)
        #expect(detail.keyContext == .detail)
        let detailKeys = keys(200, detail)
        for key in ["n", "L", "E"] { #expect(detailKeys.contains(key), "\(key) in the detail at 200 columns") }
    }
}

/// docs/keys.md's key table is generated from the keymap; `KEYS_RECORD=1` rewrites it.
@Suite("Key table in docs/keys.md")
struct KeyTableTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/keys.md")
    static let begin = "<!-- keys:begin (generated from Keymap: KEYS_RECORD=1 swift test --filter KeyTableTests) -->"
    static let end = "<!-- keys:end -->"

    @Test func docsKeyTableIsTheKeymap() throws {
        let table = Strings.$override.withValue(.english) { Keymap.markdownTable() }
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin), "docs/keys.md lacks the keys:begin marker")
        let stop = try #require(text.range(of: Self.end, range: start.upperBound..<text.endIndex), "docs/keys.md lacks the keys:end marker")
        let current = text[start.upperBound..<stop.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        if ProcessInfo.processInfo.environment["KEYS_RECORD"] == "1", current != table {
            let updated = text.replacingCharacters(in: start.upperBound..<stop.lowerBound, with: "\n" + table + "\n")
            try updated.write(to: Self.readme, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == table, "docs/keys.md's key table differs from the keymap; run KEYS_RECORD=1 swift test --filter KeyTableTests")
        // Every binding of every context is in it.
        for binding in Keymap.bindings {
            #expect(table.contains(Strings.$override.withValue(.english) { binding.longHelp }))
        }
    }
}

/// The list keeps its selection by tenant id, so reloads and sorts never lose or misplace it.
@Suite("The customer list's own state")
struct CustomerListStateTests {
    @Test func aReloadWithFewerRowsKeepsTheSelectionInsideTheList() throws {
        let fixture = try AppFixture()
        var state = try fixture.state()
        state.select(position: 30)
        #expect(state.window.selectedTenantId == state.listedRows[30].customer.tenantId)
        // The list gets shorter (the blocked view): the old position is past its end, and
        // the cursor stays inside the list.
        state.press(.character("o"))
        #expect(state.listedRows.count < 30)
        #expect(state.selection < state.listedRows.count)
        #expect(state.selectedRow != nil)
    }

    @Test func theSelectedCustomerStaysSelectedThroughSortAndAFullReload() throws {
        let fixture = try AppFixture()
        var state = try fixture.state()
        state.select(position: 7)
        let tenant = try #require(state.selectedRow).customer.tenantId
        state.press(.character("S"))
        #expect(state.selectedRow?.customer.tenantId == tenant)
        _ = state.update(.loaded(try fixture.store.snapshot(limit: 0)))
        #expect(state.selectedRow?.customer.tenantId == tenant)
        #expect(state.windowRows.contains { $0.customer.tenantId == tenant })
    }
}
