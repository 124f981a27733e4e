/// Rules for text that came from outside (a form, a file, the store).
public enum UntrustedText {
    /// Whether `scalar` is a C0 or C1 control character or DEL.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
    }

    /// Whether `scalar` overrides or isolates the direction of text (Trojan Source).
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Whether `scalar` is invisible and carries no meaning in a name: zero-width space,
    /// word joiner and the invisible operators, the byte-order mark, the soft hyphen,
    /// the Mongolian vowel separator, the interlinear annotation marks, the musical
    /// formatting controls and the tag characters (the usual way to hide text in text).
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x180E, 0x200B, 0x2060...0x2064, 0xFEFF, 0xFFF9...0xFFFB, 0x1D173...0x1D17A, 0xE0000...0xE007F:
            return true
        default: return false
        }
    }

    /// Whether `scalar` is the line or paragraph separator (U+2028, U+2029).
    public static func isLineSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Whether `scalar` is the zero-width non-joiner or joiner (U+200C, U+200D): part of
    /// correct spelling in Persian, Indic scripts and emoji, between two visible characters.
    public static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x200C || scalar.value == 0x200D
    }

    /// What rule 4 refuses in `text`, the first problem found; nil when it is clean.
    public static func problem(in text: String) -> TextProblem? {
        var previousVisible = false
        var pendingJoiner = false
        for scalar in text.unicodeScalars {
            if isBidiControl(scalar) { return .bidiControl }
            if isControl(scalar) { return .control }
            if isLineSeparator(scalar) { return .lineSeparator }
            if isInvisible(scalar) { return .invisible }
            if isJoiner(scalar) {
                // Between two visible characters only: not first, not after a space, not twice.
                if !previousVisible || pendingJoiner { return .misplacedJoiner }
                pendingJoiner = true
                previousVisible = false
                continue
            }
            let visible = !scalar.properties.isWhitespace
            if pendingJoiner && !visible { return .misplacedJoiner }
            pendingJoiner = false
            previousVisible = visible
        }
        return pendingJoiner ? .misplacedJoiner : nil
    }

    /// What is wrong with a text, for rule 4.
    public enum TextProblem: Sendable, Hashable {
        case control, bidiControl, invisible, lineSeparator, misplacedJoiner
    }

    /// Whether `scalar` is drawn escaped: control, bidi, invisible or separator characters.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        isControl(scalar) || isBidiControl(scalar) || isInvisible(scalar) || isLineSeparator(scalar)
    }

    /// Text safe to draw on a terminal or print: control characters, bidi controls,
    /// invisible characters and line separators are shown escaped (`\u{1B}`), everything
    /// else as it is. The one escaping function for everything from a store, a file or an argument.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out.append(contentsOf: "\\u{\(hex)}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Folds text for searching: lower case, accents removed, full-width ASCII made
    /// narrow, so "Müller" matches "muller" and "ＡＢＣ" matches "abc". CJK is kept.
    /// Fast: ASCII is lower-cased byte by byte, Latin letters come from a table, the
    /// scripts without case (CJK, kana, Hangul) are copied; only the rest asks Unicode.
    public static func searchKey(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(UInt8(truncatingIfNeeded: v >= 0x41 && v <= 0x5A ? v + 0x20 : v))
            } else if v >= 0xC0 && v <= 0x24F {
                out.append(contentsOf: latinFold[Int(v - 0xC0)])
            } else if v >= 0xFF01 && v <= 0xFF5E {
                let narrow = v - 0xFEE0
                out.append(UInt8(truncatingIfNeeded: narrow >= 0x41 && narrow <= 0x5A ? narrow + 0x20 : narrow))
            } else if UntrustedText.isCombiningMark(v) {
                continue
            } else if isCaseless(v) {
                UTF8.encode(scalar) { out.append($0) }
            } else {
                out.append(contentsOf: String(scalar).lowercased().utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Foundation's own fold of U+00C0…U+024F, computed once (UTF-8).
    private static let latinFold: [[UInt8]] = (0xC0...0x24F).map { v in
        Array(String(Unicode.Scalar(UInt32(v))!).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).utf8)
    }

    /// Blocks with no letter that has case (lower-casing leaves every scalar as it is): general
    /// punctuation, CJK symbols, kana, CJK ideographs, Hangul syllables, compatibility ideographs,
    /// the supplementary ideographic planes. A test checks each against `lowercased()`.
    static func isCaseless(_ v: UInt32) -> Bool {
        (0x2000...0x206F).contains(v) || (0x3000...0x9FFF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x20000...0x3FFFF).contains(v)
    }

    static func isCombiningMark(_ v: UInt32) -> Bool {
        (0x300...0x36F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v) || (0x20D0...0x20FF).contains(v)
    }
}

extension String {
    /// Lower case, without a new copy when the text is lower case already.
    var normalizedLowercase: String {
        var nonASCII = false
        for byte in utf8 {
            if byte >= 0x41 && byte <= 0x5A { return lowercased() }
            if byte >= 0x80 { nonASCII = true }
        }
        return nonASCII && contains(where: \.isUppercase) ? lowercased() : self
    }
}
