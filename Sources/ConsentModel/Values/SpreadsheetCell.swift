/// CSV cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage
/// return first) are neutralised with a leading apostrophe: the one place that decides it.
public enum SpreadsheetCell {
    /// The characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` with a leading apostrophe when a spreadsheet would run it, else unchanged.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first) else { return text }
        return "'" + text
    }

    /// A row of cells in `header` order, each neutralised, except phone numbers that hold
    /// only phone characters (validated on input, so `+1 425 555 0100` stays as it is).
    public static func neutralised(_ fields: [String], header: [String]) -> [String] {
        fields.enumerated().map { index, field in
            let isPhone = index < header.count && header[index].lowercased() == "phonenumber"
            return isPhone && FieldChecks.isPhoneNumber(field) ? field : neutralised(field)
        }
    }

    /// The text as it was before `neutralised` (for reading back an export): an apostrophe
    /// followed by a formula character is dropped.
    public static func restored(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count >= 2, scalars.first == "'", formulaStarts.contains(scalars[scalars.index(after: scalars.startIndex)]) else {
            return text
        }
        return String(text.dropFirst())
    }
}
