import Foundation

extension ConsentViolation {
    /// The violation as one line of an import report: its message, led by the field's
    /// label when the message does not name the field itself.
    public var reportLine: String {
        let text = description
        guard let field, text.range(of: field.label, options: .caseInsensitive) == nil else { return text }
        return tr("cli.import.fieldMessage", field.label, text)
    }
}
