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
