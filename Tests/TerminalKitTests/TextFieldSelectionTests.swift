import Testing
@testable import TerminalKit

/// Issue 14, items 8 and 16: a pre-filled value is selected so typing replaces it; Ctrl-W
/// takes off one word, stopping at punctuation.
@Suite("Text field: selected pre-filled text, word deletion")
struct TextFieldSelectionTests {
    @Test func typingReplacesASelectedValue() {
        var field = TextField("Tailspin Resellers", selected: true)
        #expect(field.selected)
        field.handle(.character("W"))
        #expect(field.text == "W")
        #expect(!field.selected)
        field.insert(contentsOf: "ingtip")
        #expect(field.text == "Wingtip")
    }

    @Test func pastingReplacesASelectedValueToo() {
        var field = TextField("2026-11-25", limit: 100, selected: true)
        field.insert(contentsOf: "2026-11-20")
        #expect(field.text == "2026-11-20")
    }

    @Test func arrowsKeepTheTextAndEndTheSelection() {
        var field = TextField("Tailspin", selected: true)
        field.handle(.end)
        field.handle(.character("s"))
        #expect(field.text == "Tailspins")
        field = TextField("Tailspin", selected: true)
        field.handle(.left)
        field.handle(.character("x"))
        #expect(field.text == "Tailspixn")
    }

    @Test func backspaceClearsASelectedValue() {
        var field = TextField("Tailspin", selected: true)
        field.handle(.backspace)
        #expect(field.text == "")
        // An empty value is never selected.
        #expect(!TextField("", selected: true).selected)
    }

    @Test func controlWStopsAtPunctuation() {
        var field = TextField("anna@contoso.com")
        field.handle(.control("w"))
        #expect(field.text == "anna@contoso.")
        field.handle(.control("w"))
        #expect(field.text == "anna@contoso")
        field = TextField("Mary O'Brien-Smith")
        field.handle(.control("w"))
        #expect(field.text == "Mary ")
    }
}
