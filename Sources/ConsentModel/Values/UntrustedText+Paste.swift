extension UntrustedText {
    /// A paste as one line of text for a single-line field (a paste is text, never keys):
    /// each run of line breaks (CR, LF, CRLF, NEL, U+2028, U+2029, vertical tab, form feed)
    /// and tabs becomes one space, so a pasted address or note never submits a form; every
    /// other control character is dropped (an escape sequence loses its ESC and cannot act
    /// on the terminal). What rule 4 refuses beyond that (bidi controls, invisible
    /// characters) is kept, for the field's check to name when the form is saved.
    public static func pastedLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasBreak = false
        for scalar in text.unicodeScalars {
            if isPastedBreak(scalar) {
                if !lastWasBreak { out.append(" ") }
                lastWasBreak = true
                continue
            }
            if isControl(scalar) { continue }
            out.append(scalar)
            lastWasBreak = false
        }
        return String(out)
    }

    /// Whether `scalar` ends a line or is a tab, in pasted text.
    static func isPastedBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
