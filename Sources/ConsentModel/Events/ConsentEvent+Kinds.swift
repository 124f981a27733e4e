import Foundation

/// The event kinds as the stable JSON shape and `log --kind` name them: kebab-case
/// (`customer-edited`), beside the camelCase kind stored with each event (`customerEdited`).
extension ConsentEvent {
    /// Every stored kind, in the order the enum declares them.
    public static let storedKinds = EventKind.allCases.map(\.rawValue)

    /// The kebab-case name of a stored kind (`customerEdited` → `customer-edited`); a kind this
    /// build does not know is turned the same way, letter by letter.
    public static func kebabKind(_ stored: String) -> String {
        var out = ""
        for character in stored {
            if character.isUppercase, !out.isEmpty { out.append("-") }
            out += character.lowercased()
        }
        return out
    }

    /// The stored kind a name stands for: kebab-case or camelCase, any letter case
    /// (`customer-edited`, `customerEdited`, `CUSTOMER-EDITED`); nil for none.
    public static func storedKind(named name: String) -> String? {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        return storedKinds.first { $0.lowercased() == key || kebabKind($0) == key }
    }

    /// The kebab-case kind of this event.
    public var kebabKind: String { Self.kebabKind(kind) }
}
