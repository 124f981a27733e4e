import Foundation

/// The one folding of text for searching, sorting and matching a customer: the list's
/// search, its sort keys, the stored search text, the app's filter and every command that
/// takes a customer all fold with `key(_:)`, so what sorts together is found together.
///
/// The rule, per character:
/// 1. compatibility decomposition (NFKD): ligatures split ("ﬁ" → "fi"), full-width and
///    half-width forms made ordinary ("ＡＢＣ" → "ABC", "ｶ" → "カ"), superscripts, circled
///    and styled letters made plain ("²" → "2", "ℌ" → "H");
/// 2. lower case;
/// 3. the combining diacritical marks dropped (U+0300–036F, 1AB0–1AFF, 1DC0–1DFF, 20D0–20FF,
///    FE20–FE2F): "é" → "e", "Ç" → "c", "ά" → "α". The marks of other scripts (kana voicing,
///    Devanagari signs, Hebrew and Arabic points) are part of their letters and kept;
/// 4. the letters that have no decomposition spelled with their base letters (`letters`):
///    ø → o, æ → ae, œ → oe, ß → ss, ł → l, đ → d, ð → d, þ → th, ı → i, ħ → h, ŧ → t, ŋ → n,
///    ĸ → q, ƒ → f, ȷ → j, ǥ → g, ƀ → b, ƶ → z, and the Greek final sigma ς → σ.
///
/// Chinese, Japanese and Korean text is kept as written: ideographs, kana, Hangul
/// syllables and the CJK symbols and squared forms are copied unchanged (only the
/// ideographic space becomes a space, and half-width kana become full width). Text ending
/// up with a combining mark a script keeps is composed again (NFC), so "ｶﾞ" and "ガ" agree.
/// The fold is idempotent: folding folded text changes nothing.
public enum TextFold {
    /// `text` folded (see the type's rule).
    public static func key(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var compose = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(UInt8(truncatingIfNeeded: v >= 0x41 && v <= 0x5A ? v + 0x20 : v))
            } else if v >= 0xFF01 && v <= 0xFF5E {
                let narrow = v - 0xFEE0
                out.append(UInt8(truncatingIfNeeded: narrow >= 0x41 && narrow <= 0x5A ? narrow + 0x20 : narrow))
            } else if isKeptAsWritten(v) {
                if v == 0x3099 || v == 0x309A { compose = true }
                UTF8.encode(scalar) { out.append($0) }
            } else if let index = tableIndex(v) {
                let entry = table[index]
                out.append(contentsOf: entry.bytes)
                compose = compose || entry.compose
            } else {
                let entry = SlowFolds.shared.fold(scalar)
                out.append(contentsOf: entry.bytes)
                compose = compose || entry.compose
            }
        }
        let folded = String(decoding: out, as: UTF8.self)
        return compose ? folded.precomposedStringWithCanonicalMapping : folded
    }

    /// One scalar folded: its UTF-8, and whether it leaves a mark to compose.
    struct Folded: Sendable {
        let bytes: [UInt8]
        let compose: Bool
    }

    /// The letters NFKD does not split, as their base letters (after lower-casing).
    public static let letters: [Unicode.Scalar: String] = [
        "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
        "ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "q", "ƒ": "f", "ȷ": "j", "ǥ": "g", "ƀ": "b", "ƶ": "z", "ς": "σ",
    ]

    /// Whether `v` is one of the combining diacritical marks step 3 drops.
    public static func isDroppedMark(_ v: UInt32) -> Bool {
        (0x300...0x36F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || (0xFE20...0xFE2F).contains(v)
    }

    /// Chinese, Japanese and Korean text copied unchanged: CJK symbols and punctuation (but
    /// the ideographic space), kana, the CJK blocks up to the unified ideographs, Hangul
    /// syllables, compatibility ideographs and the supplementary ideographic planes.
    static func isKeptAsWritten(_ v: UInt32) -> Bool {
        (0x3001...0x9FFF).contains(v) || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x3FFFF).contains(v)
    }

    /// The rule for one scalar, the slow way (Foundation's NFKD and lower case), with whether
    /// the result holds a mark its script keeps (or a conjoining jamo): then the text is composed.
    static func fold(_ scalar: Unicode.Scalar) -> Folded {
        if isKeptAsWritten(scalar.value) { return Folded(bytes: Array(String(scalar).utf8), compose: scalar.value == 0x3099 || scalar.value == 0x309A) }
        var text = String(scalar)
        // Until nothing changes (three rounds at most): a lower-cased letter may decompose again (İ → i̇).
        for _ in 0..<3 {
            var next = String.UnicodeScalarView()
            for s in text.decomposedStringWithCompatibilityMapping.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars {
                if isDroppedMark(s.value) { continue }
                if let letter = letters[s] { next.append(contentsOf: letter.unicodeScalars) } else { next.append(s) }
            }
            let folded = String(next)
            if folded == text { break }
            text = folded
        }
        let compose = text.unicodeScalars.contains { s in
            switch s.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return (0x1100...0x11FF).contains(s.value)
            }
        }
        return Folded(bytes: Array(text.utf8), compose: compose)
    }

    /// The scalars folded from a table made once: Latin, IPA, Greek, Cyrillic, Latin and
    /// Greek extended, general punctuation, letter-like symbols and the ligatures.
    private static let ranges: [ClosedRange<UInt32>] = [0x80...0x52F, 0x1E00...0x214F, 0xFB00...0xFB4F]

    private static func tableIndex(_ v: UInt32) -> Int? {
        var base = 0
        for range in ranges {
            if v < range.lowerBound { return nil }
            if v <= range.upperBound { return base + Int(v - range.lowerBound) }
            base += range.count
        }
        return nil
    }

    private static let table: [Folded] = {
        var table: [Folded] = []
        for range in ranges {
            for v in range {
                if let scalar = Unicode.Scalar(v) { table.append(fold(scalar)) } else { table.append(Folded(bytes: [], compose: false)) }
            }
        }
        return table
    }()
}

/// The folds of scalars outside `TextFold`'s table, made when first met and kept.
private final class SlowFolds: @unchecked Sendable {
    static let shared = SlowFolds()
    private let lock = NSLock()
    private var folds: [UInt32: TextFold.Folded] = [:]

    func fold(_ scalar: Unicode.Scalar) -> TextFold.Folded {
        lock.lock()
        if let known = folds[scalar.value] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let made = TextFold.fold(scalar)
        lock.lock()
        folds[scalar.value] = made
        lock.unlock()
        return made
    }
}
