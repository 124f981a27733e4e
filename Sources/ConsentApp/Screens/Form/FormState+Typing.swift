import ConsentModel
import TerminalKit

extension FormField {
    /// The most Unicode scalars a text field takes: the model's limit for the field, so
    /// typing or pasting stops where the model would refuse.
    public static func limit(for field: Field) -> Int {
        switch field {
        case .email: return 254
        case .phoneNumber: return 40
        case .evidence, .reason, .note, .agreementLink, .regions, .languages: return 500
        case .companyName, .sentTo, .partnerName, .resellerName: return 200
        case .domains, .partnerDomains, .resellerDomains: return 2000
        case .exportFile: return 1000
        default: return 100
        }
    }

    /// The most this field takes (see `limit(for:)`).
    public var limit: Int? { input.limit }

    /// Whether characters typed here go into the text.
    var acceptsText: Bool { choices == nil && !readOnly }
}

extension FormState {
    /// Types (or pastes) `characters` into the focused field, as far as its limit allows;
    /// what is cut is said in the form's message.
    mutating func type<S: Sequence>(_ characters: S) where S.Element == Character {
        // Space pressed on a selected pre-filled value (Space is the choice key elsewhere in a
        // form) keeps the value and ends the selection: a leading space would be trimmed
        // anyway, so it never wipes what was there. A paste still replaces it.
        if fields[focus].input.selected, Array(characters) == [" "] {
            _ = fields[focus].input.handle(.end)
            return
        }
        if fields[focus].input.insert(contentsOf: characters) {
            message = nil
        } else {
            message = tr("form.cut", fields[focus].limit ?? 0)
        }
    }
}
