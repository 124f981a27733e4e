import ConsentModel
import ConsentStore
import Foundation

/// One unit of an import file (a CSV row, a JSON item, a file of a folder): where it is,
/// the change it asks for, and what reading it found.
struct ImportItem {
    /// Where it is, as the report names it ("line 4", "item 2", "file 0f8f….json").
    let place: String
    /// The change it asks for; nil when the file itself is wrong here.
    let command: StoreCommand?
    /// Why it cannot be read; each is a line of the report.
    var problems: [String] = []
    /// What reading did that the user should know (an agreement type kept as written).
    var notes: [String] = []

    init(place: String, command: StoreCommand?, problems: [String] = [], notes: [String] = []) {
        self.place = place
        self.command = command
        self.problems = problems
        self.notes = notes
    }

    /// The notes for an agreement type as a file writes it: an unknown name is kept
    /// exactly as written (never read as a known one); a known name in another case is
    /// stored in its canonical spelling.
    static func typeNotes(_ written: String) -> [String] {
        let trimmed = written.trimmedOfSpaces
        guard !trimmed.isEmpty else { return [] }
        let type = AgreementType(parsing: trimmed)
        if !type.isKnown {
            return [tr("cli.import.unknownType", UntrustedText.escaped(trimmed),
                       AgreementType.known.map(\.rawValue).joined(separator: ", "))]
        }
        if type.rawValue != trimmed { return [tr("cli.import.typeSpelling", UntrustedText.escaped(trimmed), type.rawValue)] }
        return []
    }
}
