import ConsentModel
import Foundation

/// An option whose value is one of a fixed set (`--status`, `--format`, `--role`,
/// `--transaction`…), read as scripts write it: letter case, `-`, `_` and spaces are
/// ignored, so the documented kebab-case (`indirect-provider`), the older camelCase
/// (`indirectProvider`) and `Blocked` all read. Anything else is a wrong command line
/// (exit 64), and the message lists the documented spellings.
public enum OptionChoice {
    /// What is compared: letters and digits only, in lower case.
    public static func key(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }))
    }

    /// The value named `text` among `choices` (documented spelling, value).
    public static func pick<Value>(_ text: String, option: String, _ choices: [(name: String, value: Value)]) throws(CommandError) -> Value {
        let wanted = key(text)
        if !wanted.isEmpty, let match = choices.first(where: { key($0.name) == wanted }) { return match.value }
        throw .usage(tr("cli.badChoice", option, UntrustedText.escaped(text), choices.map(\.name).joined(separator: ", ")))
    }
}
