import Foundation
import Testing
@testable import ConsentModel

/// The quick search fold (`UntrustedText.searchKey`) must fold exactly as the rule it
/// implements: ASCII lower-cased, Latin letters as Foundation folds them, full width made
/// narrow, combining marks dropped, everything else as `lowercased()` gives it.
@Suite("Search fold")
struct SearchFoldTests {
    /// The rule, written the slow way.
    static func reference(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v >= 0xC0 && v <= 0x24F {
                out += String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            } else if v >= 0xFF01 && v <= 0xFF5E, let narrow = Unicode.Scalar(v - 0xFEE0) {
                out += String(narrow).lowercased()
            } else if UntrustedText.isCombiningMark(v) {
                continue
            } else {
                out += String(scalar).lowercased()
            }
        }
        return out
    }

    @Test func everyScalarOfTheFirstFourPlanesFoldsAsTheRuleSays() {
        var differing: [String] = []
        for v in UInt32(0)...0x3FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let text = String(scalar)
            if UntrustedText.searchKey(text) != Self.reference(text) { differing.append(String(v, radix: 16)) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(20))")
    }

    @Test func theCaselessBlocksReallyHaveNoCase() {
        for v in UInt32(0)...0x3FFFF where UntrustedText.isCaseless(v) {
            guard let scalar = Unicode.Scalar(v) else { continue }
            #expect(String(scalar).lowercased() == String(scalar), "U+\(String(v, radix: 16))")
        }
    }

    @Test func mixedTextFoldsAsTheRuleSays() {
        for text in ["Müller GmbH", "ＡＢＣ Ｄ", "北京云端 有限公司", "Ærø ΣΊΣΥΦΟΣ İstanbul", "e\u{301}te\u{0301}", "Ǆemal ǅ",
                     "👩‍💻 Kraków — “quoted” …", "", "ASCII only 123", "Straße ẞ", "Ⓐⓑ ㎀ ｶﾀｶﾅ"] {
            #expect(UntrustedText.searchKey(text) == Self.reference(text), "\(text)")
        }
    }
}
