import Foundation
import Testing
@testable import ConsentModel

/// One fold for search, sort and matching (`TextFold.key`, issue #23): its quick paths must
/// fold exactly as the rule it implements, and what a desk worker types must find what is written.
@Suite("One fold for search, sort and matching")
struct SearchFoldTests {
    /// The rule, written the slow way: CJK kept; otherwise NFKD, lower case, the combining
    /// diacritical marks dropped, the letters without a decomposition spelled out; composed
    /// again when a mark its script keeps is left.
    static func reference(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if TextFold.isKeptAsWritten(scalar.value) {
                out.append(scalar)
                continue
            }
            var piece = String(scalar)
            while true {
                var next = String.UnicodeScalarView()
                for s in piece.decomposedStringWithCompatibilityMapping.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars
                where !TextFold.isDroppedMark(s.value) {
                    next.append(contentsOf: (TextFold.letters[s] ?? String(s)).unicodeScalars)
                }
                if String(next) == piece { break }
                piece = String(next)
            }
            out.append(contentsOf: piece.unicodeScalars)
        }
        let folded = String(out)
        let keepsAMark = folded.unicodeScalars.contains {
            [.nonspacingMark, .spacingMark, .enclosingMark].contains($0.properties.generalCategory) || (0x1100...0x11FF).contains($0.value)
        }
        return keepsAMark ? folded.precomposedStringWithCanonicalMapping : folded
    }

    @Test func everyScalarOfTheFirstFourPlanesFoldsAsTheRuleSays() {
        var differing: [String] = []
        for v in UInt32(0)...0x3FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let text = String(scalar)
            if TextFold.key(text) != Self.reference(text) { differing.append(String(v, radix: 16)) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(20))")
    }

    @Test func foldingFoldedTextChangesNothing() {
        var differing: [String] = []
        for v in UInt32(0)...0x3FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let once = TextFold.key(String(scalar))
            if TextFold.key(once) != once { differing.append(String(v, radix: 16)) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(20))")
    }

    @Test func mixedTextFoldsAsTheRuleSays() {
        for text in ["Müller GmbH", "ＡＢＣ Ｄ", "北京云端 有限公司", "Ærø ΣΊΣΥΦΟΣ İstanbul", "e\u{301}te\u{0301}", "Ǆemal ǅ",
                     "👩‍💻 Kraków — “quoted” …", "", "ASCII only 123", "Straße ẞ", "Ⓐⓑ ㎀ ｶﾀｶﾅ", "ｶﾞｲﾄﾞ", "Ｏｆｆｉｃｅ"] {
            #expect(TextFold.key(text) == Self.reference(text), "\(text)")
        }
    }

    /// What search folded less than sort did before: the letters NFKD does not split, and ligatures.
    @Test func lettersWithoutADecompositionAndLigaturesFoldLikeTheirSpelling() {
        #expect(TextFold.key("Øresund Logistics") == "oresund logistics")
        #expect(TextFold.key("ﬁnance ﬂow") == "finance flow")
        #expect(TextFold.key("Straße ẞ") == "strasse ss")
        #expect(TextFold.key("Æblegård") == "aeblegard")
        #expect(TextFold.key("Œuvre") == "oeuvre")
        #expect(TextFold.key("Łódź Đakovo Þórshöfn Ðan ıIı") == "lodz dakovo thorshofn dan iii")
        #expect(TextFold.key("ΟΔΥΣΣΕΑΣ") == TextFold.key("οδυσσεας") && TextFold.key("Οδυσσέας") == "οδυσσεασ")
    }

    @Test func widthFoldsAndCJKIsKeptAsWritten() {
        #expect(TextFold.key("ＣＯＮＴＯＳＯ　Ｌｔｄ") == "contoso ltd")
        #expect(TextFold.key("北京云端 有限公司") == "北京云端 有限公司")
        #expect(TextFold.key("がぎぐ ガギグ 한국어 ㈱") == "がぎぐ ガギグ 한국어 ㈱")
        // Half-width kana are the full-width ones, voiced marks composed.
        #expect(TextFold.key("ｶﾞｲﾄﾞ") == "ガイド")
    }
}
