import Testing
@testable import ConsentModel

/// Issue 23: a paste is text for a single-line field, never keys.
@Suite("Pasted text")
struct PastedTextTests {
    /// Class: a paste that submits or escapes. Line breaks and tabs become one space each
    /// run (nothing in a paste can press Enter or Tab); other control characters, the ESC of
    /// an escape sequence among them, are dropped.
    @Test func aPasteIsOneLineWithoutControlCharacters() {
        #expect(UntrustedText.pastedLine("Customer no longer agrees\r\ny") == "Customer no longer agrees y")
        #expect(UntrustedText.pastedLine("w\tCustomer\r\r\n\nagrees") == "w Customer agrees")
        #expect(UntrustedText.pastedLine("Ana\u{1B}[31m\u{7}\u{0}\u{9B}2J") == "Ana[31m2J")
        #expect(UntrustedText.pastedLine("a\u{2028}b\u{85}c") == "a b c")
        #expect(UntrustedText.problem(in: UntrustedText.pastedLine("x\u{1B}\u{7F}\u{0}\u{1F}y")) == nil)
        // What rule 4 refuses beyond control characters is kept, for the field's check to name.
        #expect(UntrustedText.pastedLine("a\u{202E}b") == "a\u{202E}b")
        #expect(UntrustedText.pastedLine("北京 Müller") == "北京 Müller")
    }
}
