/// CSV cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage
/// return first) are neutralised with a leading apostrophe: the one place that decides it.
public enum SpreadsheetCell {
    /// The characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` with a leading apostrophe when a spreadsheet would run it, else unchanged.
    /// Text that already starts with apostrophes before a formula character gets one more,
    /// so `restored` gives back exactly what was stored.
    public static func neutralised(_ text: String) -> String {
        needsMark(Substring(text)) ? "'" + text : text
    }

    /// Whether a spreadsheet would run `text`, or `restored` would take an apostrophe off it.
    static func needsMark(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if formulaStarts.contains(first) { return true }
        return first == "'" && needsMark(text.dropFirst())
    }

    /// Whether the cell must be quoted even where CSV does not need it: a spreadsheet set
    /// to `;` as its list separator (German, French, Dutch Excel) would otherwise split it
    /// and could run a formula after the `;`.
    public static func mustQuote(_ text: String) -> Bool {
        // One pass over the bytes (this runs for every cell of an export); U+037E (UTF-8
        // CD BE) is the character that is canonically the same as `;`.
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ";") || (previous == 0xCD && byte == 0xBE) { return true }
            previous = byte
        }
        return false
    }

    /// A row of cells in `header` order, each neutralised, except phone numbers that hold
    /// only phone characters (validated on input, so `+1 425 555 0100` stays as it is).
    public static func neutralised(_ fields: [String], header: [String]) -> [String] {
        fields.enumerated().map { index, field in
            // Most cells start harmlessly: only those a spreadsheet would run are looked at further.
            guard needsMark(Substring(field)) else { return field }
            let isPhone = index < header.count && header[index].lowercased() == "phonenumber"
            return isPhone && FieldChecks.isPhoneNumber(field) ? field : "'" + field
        }
    }

    /// The text as it was before `neutralised` (for reading back an export): an apostrophe
    /// followed by a formula character is dropped.
    public static func restored(_ text: String) -> String {
        guard text.hasPrefix("'"), needsMark(text.dropFirst()) else { return text }
        return String(text.dropFirst())
    }
}
