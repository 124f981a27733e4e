import Foundation
import Testing
@testable import ConsentModel

/// The quick `trimmingCharacters(in:)` gives exactly what Foundation's gives.
@Suite("Trimming")
struct TrimmingTests {
    @Test func trimsExactlyAsFoundationDoes() {
        let texts = ["", " ", "\t", "Anna", " Anna", "Anna ", "\tAnna Smith\t", "\u{00A0}Müller\u{00A0}", "\u{3000}北京\u{3000}",
                     "line\n", "\nline", "e\u{301}", "\u{301}e", " \u{301}", "👩‍💻", " 👩‍💻 ", "\u{200B}x\u{200B}", "a b"]
        for set in [CharacterSet.whitespaces, .whitespacesAndNewlines, .newlines, CharacterSet(charactersIn: "ab")] {
            for text in texts {
                #expect(text.trimmingCharacters(in: set) == Substring(text).trimmingCharacters(in: set), "\(text.debugDescription)")
            }
        }
    }
}
