import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

/// Issue 23, "Trust at every edge", in the runner with a real store: a burst of keys keeps
/// the cursor on a shown row; a paste is text, never keys; a question never takes an answer
/// that came in the same burst as the question.
@Suite("Input the app can trust")
struct InputTrustTests {
    static func keys(_ text: String) -> [TerminalEvent] { text.map { .key(.character($0)) } }

    /// A runner on `fixture`'s store at `width`×`height`, its list read.
    func runner(_ fixture: AppFixture, width: Int = 80, height: Int = 24) throws -> AppRunner {
        let backend = ScriptedBackend([])
        backend.size = (width, height)
        let runner = AppRunner(backend: backend, store: fixture.store, clock: AppFixture.clock)
        runner.dispatch(.loaded(try fixture.store.snapshot(limit: 0)))
        runner.waitForSaves()
        return runner
    }

    /// Puts the list's cursor on the first customer `matches` (a read at a time).
    func select(_ runner: AppRunner, where matches: (CustomerListRow) -> Bool) throws -> Customer {
        runner.handle([.key(.home)])
        runner.waitForSaves()
        for _ in 0..<200 {
            let row = try #require(runner.state.selectedRow)
            if matches(row) { return row.customer }
            runner.handle([.key(.down)])
            runner.waitForSaves()
        }
        throw TmuxlessError.notFound
    }

    enum TmuxlessError: Error { case notFound }

    // MARK: 3. a burst of keys

    /// Class: a stale page answer over a window that moved back. `g`, 19 × `j` and 19 × `k`
    /// in one read (80×24) used to leave no row highlighted, the top row off by one, and
    /// Enter and `c` ignored; the cursor is on the first row, shown, and Enter opens it.
    @Test func aBurstOfKeysNeverLeavesTheCursorOnARowThatIsNotShown() throws {
        let fixture = try AppFixture(customers: 60)
        let runner = try runner(fixture)
        let first = try #require(try fixture.store.listPage(ListQuery(), limit: 1).rows.first).customer
        for round in 0..<5 {
            runner.handle(Self.keys("g" + String(repeating: "j", count: 19) + String(repeating: "k", count: 19)))
            runner.waitForSaves()
            #expect(runner.state.selection == 0, "round \(round)")
            #expect(runner.state.windowRows.first?.customer.tenantId == first.tenantId, "round \(round): the top row is off")
            #expect(runner.state.selectedRow?.customer.tenantId == first.tenantId, "round \(round): no row under the cursor")
            // Drawn: the first line under the header is the first customer, highlighted.
            let screen = Renderer.render(runner.state)
            let roles = (0..<screen.width).map { screen[$0, 3].role }
            #expect(roles.contains(.selected) || roles.contains(.blockedSelected) || roles.contains(.outdatedSelected), "round \(round)")
            #expect(screen.lines[3].contains(String(first.companyName.prefix(10))), "round \(round)")
        }
        // Enter, in the same burst as the moves, opens the first customer.
        runner.handle(Self.keys("g" + String(repeating: "j", count: 19) + String(repeating: "k", count: 19)) + [.key(.enter)])
        runner.waitForSaves()
        guard case .detail(let detail) = runner.state.screen else {
            Issue.record("Enter after the burst did not open the customer")
            return
        }
        #expect(detail.tenantId == first.tenantId)
    }

    /// The window's own rule: an answer to a page read asked before the cursor moved back
    /// onto the held page does not replace the page the window shows.
    @Test func aStalePageAnswerDoesNotHideTheCursor() throws {
        let fixture = try AppFixture(customers: 60)
        var window = ListWindow(height: 10)
        let reload = window.reload()
        let opened = try #require(reload)
        window.apply(try opened.run(on: fixture.store))
        // Down past the page: reads are asked; back up onto the held page before they answer.
        var asked: ListRead?
        for _ in 0..<10 { asked = window.move(by: 1) ?? asked }
        var last: ListRead?
        for _ in 0..<10 {
            last = window.move(by: -1)
            asked = last ?? asked
        }
        #expect(last == nil)
        let stale = try #require(asked)
        window.apply(try stale.run(on: fixture.store))
        let refill = window.refill()
        if let refill { window.apply(try refill.run(on: fixture.store)) }
        #expect(window.selection == 0)
        #expect(window.selectedRow != nil)
        #expect(window.windowRows.first?.customer.tenantId == window.selectedRow?.customer.tenantId)
    }

    // MARK: 2. paste

    /// Class: pasted text taken as keys. On a confirmed customer, a paste of
    /// "w<Tab>Customer no longer agrees<Enter>y" withdraws nothing, "n…<Enter>" stores no note:
    /// with no text field focused, a paste is ignored and said so.
    @Test func aPasteOnTheListIsNeverKeys() throws {
        let fixture = try AppFixture(customers: 60)
        let runner = try runner(fixture)
        let customer = try select(runner) { $0.status == .confirmed }
        let head = try fixture.store.headSeq()
        runner.handle([.paste("w\tCustomer no longer agrees\ry")])
        runner.waitForSaves()
        #expect(runner.state.modal == nil)
        #expect(runner.state.flash?.text.contains("Pasted text goes into a text field") == true)
        runner.handle([.paste("nCalled, will sign next week\r")])
        runner.waitForSaves()
        #expect(runner.state.modal == nil)
        #expect(try fixture.store.headSeq() == head)
        #expect(try fixture.store.customer(customer.tenantId)?.customer.confirmation != nil)
    }

    /// Class: a paste that submits a form. Line breaks and tabs in a paste become spaces in
    /// a single-line field; escapes and other control characters are dropped; the form stays
    /// open and nothing is saved.
    @Test func aPasteIntoAFieldIsOneLineOfTextAndNeverSubmits() throws {
        let fixture = try AppFixture(customers: 60)
        let runner = try runner(fixture)
        _ = try select(runner) { _ in true }
        let head = try fixture.store.headSeq()
        runner.handle([.key(.character("n"))])
        guard case .form(let opened) = runner.state.modal else {
            Issue.record("n did not open the note form")
            return
        }
        #expect(opened.fields[opened.focus].acceptsText)
        runner.handle([.paste("Called\r\ntwice\tno answer\u{1B}[2J\u{7}\r")])
        runner.waitForSaves()
        guard case .form(let form) = runner.state.modal else {
            Issue.record("the paste closed the form")
            return
        }
        #expect(form.fields[form.focus].input.text == "Called twice no answer[2J ")
        #expect(runner.state.saving == nil)
        #expect(try fixture.store.headSeq() == head)
    }

    /// A paste into the filter is its text (one line); the filter stays open.
    @Test func aPasteIntoTheFilterFiltersAndKeepsItOpen() throws {
        let fixture = try AppFixture(customers: 60)
        let runner = try runner(fixture)
        runner.handle([.key(.character("/"))])
        runner.handle([.paste("conto\rso\u{1B}")])
        runner.waitForSaves()
        #expect(runner.state.filtering)
        #expect(runner.state.filter.text == "conto so")
    }

    /// A paste while a question is asked answers nothing.
    @Test func aPasteNeverAnswersAQuestion() throws {
        let fixture = try AppFixture(customers: 0)
        let runner = try runner(fixture)
        runner.handle([.key(.character("d"))])
        guard case .loadDemo = runner.state.modal else {
            Issue.record("d did not ask about demo data")
            return
        }
        runner.handle([.paste("y")])
        runner.waitForSaves()
        #expect(try fixture.store.listCount(ListQuery()) == 0)
        guard case .loadDemo = runner.state.modal else {
            Issue.record("the paste closed the question")
            return
        }
    }

    // MARK: questions and bursts

    /// Class: a question answered by keys that were already there when it was asked. Typed
    /// (or pasted where the terminal has no bracketed paste) in one burst, "w<Tab>…<Enter>y"
    /// asks the question and leaves it asked; a later `y` answers it.
    @Test func aQuestionIgnoresAnswersFromTheBurstThatAskedIt() throws {
        let fixture = try AppFixture(customers: 60)
        let runner = try runner(fixture)
        let customer = try select(runner) { $0.status == .confirmed }
        let head = try fixture.store.headSeq()
        runner.handle(Self.keys("w") + [.key(.tab)] + Self.keys("Customer no longer agrees") + [.key(.enter)] + Self.keys("y"))
        runner.waitForSaves()
        #expect(try fixture.store.headSeq() == head)
        guard case .dangerous = runner.state.modal else {
            Issue.record("the question was not left asked: \(String(describing: runner.state.modal))")
            return
        }
        // A y read after the question was asked answers it.
        runner.handle(Self.keys("y"))
        runner.waitForSaves()
        #expect(try fixture.store.headSeq() > head)
        #expect(try fixture.store.history(of: customer.tenantId).count > 0)
    }

    /// Every other question too: load demo data, throw away changes, quit with unsaved changes.
    @Test func everyQuestionIgnoresAnswersFromTheBurstThatAskedIt() throws {
        let empty = try AppFixture(customers: 0)
        let welcome = try runner(empty)
        welcome.handle(Self.keys("dy"))
        welcome.waitForSaves()
        #expect(try empty.store.listCount(ListQuery()) == 0, "load demo data was answered by the same burst")

        let fixture = try AppFixture(customers: 20)
        let discard = try runner(fixture)
        discard.handle(Self.keys("a") + Self.keys("Contoso") + [.key(.escape)] + Self.keys("y"))
        guard case .discard = discard.state.modal else {
            Issue.record("throw away the changes was answered by the same burst")
            return
        }
        let quit = try runner(fixture)
        quit.handle(Self.keys("a") + Self.keys("Contoso") + [.key(.control("c"))] + Self.keys("y"))
        #expect(!quit.state.quitting, "quit with unsaved changes was answered by the same burst")
    }

    /// The void, retire-template and remove-reseller questions ignore a same-burst yes too.
    @Test func dangerousQuestionsOnEveryScreenIgnoreASameBurstYes() throws {
        let fixture = try AppFixture(customers: 20)
        let runner = try runner(fixture)
        let head = try fixture.store.headSeq()
        // Templates: x asks to retire the template under the cursor.
        runner.handle(Self.keys("t"))
        runner.waitForSaves()
        runner.handle(Self.keys("xy"))
        runner.waitForSaves()
        #expect(try fixture.store.headSeq() == head, "retire template was answered by the same burst")
        guard case .dangerous = runner.state.modal else {
            Issue.record("x did not ask about retiring the template")
            return
        }
    }
}
