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

    /// The trimming every imported field goes through (`trimmedOfSpaces`, which skips the
    /// character set when both ends are printable ASCII) trims exactly the spaces and tabs
    /// Foundation's `.whitespaces` does: a name with a no-break or ideographic space around it
    /// must not be stored (or compared) with it.
    @Test func trimmingSpacesGivesWhatFoundationGivesForEveryEnd() {
        let texts = ["", " ", "\t", "Anna", " Anna", "Anna ", "\tAnna Smith\t", "\u{00A0}Müller\u{00A0}", "\u{3000}北京\u{3000}",
                     "line\n", "\nline", "e\u{301}", "\u{301}e", " \u{301}", "👩‍💻", " 👩‍💻 ", "\u{200B}x\u{200B}", "a b",
                     "~x~", "\u{7F}x", "x\u{1F}", "\u{2000}x\u{2003}"]
        for text in texts {
            #expect(text.trimmedOfSpaces == Substring(text).trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }
}
