import ConsentModel
import ConsentStore
import Foundation
import TerminalKit

/// One choice of a choice field.
public struct Choice: Sendable, Hashable {
    public let value: String
    public let label: String
}

/// One field of a form: text edited in place, or a choice cycled with Space/←/→.
public struct FormField: Sendable, Hashable {
    public let field: Field
    public var input: TextField
    public var choices: [Choice]?
    public var selected = 0
    public var required: Bool
    public var readOnly = false

    /// A text field; a pre-filled value is selected (`selectsValue`), so typing replaces it
    /// and the arrows keep it.
    init(_ field: Field, _ value: String = "", required: Bool = false, readOnly: Bool = false, selectsValue: Bool = true) {
        self.field = field
        self.input = TextField(value, limit: FormField.limit(for: field), selected: selectsValue && !readOnly)
        self.required = required
        self.readOnly = readOnly
    }

    init(_ field: Field, choices: [Choice], selected value: String?, required: Bool = true) {
        self.field = field
        self.input = TextField()
        self.choices = choices
        self.selected = choices.firstIndex { $0.value == value } ?? 0
        self.required = required
    }

    /// The value the model sees.
    public var value: String {
        if let choices { return choices.isEmpty ? "" : choices[selected].value }
        return input.text
    }

    /// What the form shows.
    public var display: String {
        if let choices { return choices.isEmpty ? "" : choices[selected].label }
        return input.text
    }
}

/// A modal form. Every form feeds the one consent model: validation is the model's. What a
/// form is (fields, validation, command, done) is its `FormSpec`, one file each in Forms/.
public struct FormState: Sendable {
    /// The form's declaration.
    public let spec: any FormSpec
    public let title: String
    public var fields: [FormField]
    public var focus = 0
    /// Fields the user has left at least once: their messages are shown.
    public var touched: Set<Field> = []
    public var errors: [Field: String] = [:]
    public var warnings: [String] = []
    /// Why the form cannot be saved, or what went wrong saving it.
    public var message: String?
    /// The refusal's way forward is to void the current confirmation: closing the form in the
    /// detail selects it in the history, so the void key acts on it at once.
    public var suggestsVoid = false
    /// The customer's last event when the form opened (after another desk's change was
    /// shown to the user, that change's).
    public internal(set) var expectingSeq: Int64?
    /// The customer as the form opened on it, to say what another desk changed meanwhile.
    public let original: Customer?
    let initialValues: [String]

    /// The form `spec` declares, filled from `state`.
    init(_ spec: any FormSpec, in state: AppState) {
        self.spec = spec
        title = spec.title(in: state)
        fields = spec.fields(in: state)
        expectingSeq = state.row(spec.tenantId)?.lastSeq
        original = state.row(spec.tenantId)?.customer
        initialValues = fields.map(\.value)
        focus = fields.firstIndex { !$0.readOnly } ?? 0
    }

    /// Whether anything differs from what the form opened with.
    public var isDirty: Bool { fields.map(\.value) != initialValues }

    public func value(_ field: Field) -> String { fields.first { $0.field == field }?.value ?? "" }

    /// The customer the form is about.
    var tenantId: String? { spec.tenantId }
}

extension FormState {
    /// The command this form asks for, validated by the model against `state`; or the
    /// model's refusal.
    func validated(in state: AppState) -> (command: StoreCommand?, error: ValidationError?, warnings: [ConsentWarning]) {
        do {
            let (command, warnings) = try spec.command(from: self, in: state)
            return (command, nil, warnings)
        } catch {
            return (nil, error as? ValidationError ?? ValidationError([]), [])
        }
    }

    /// Re-runs the model and keeps the messages of touched fields.
    mutating func revalidate(in state: AppState) {
        let result = validated(in: state)
        errors = [:]
        for violation in result.error?.violations ?? [] {
            guard let field = violation.field, fields.contains(where: { $0.field == field }) else { continue }
            if touched.contains(field), errors[field] == nil { errors[field] = violation.description }
        }
        // The model's warnings once the form is valid, and a field's own warnings as soon as
        // the field is left.
        var shown = result.warnings
        for (field, warning) in spec.fieldWarnings(from: self, in: state) where touched.contains(field) && errors[field] == nil && !shown.contains(warning) {
            shown.append(warning)
        }
        warnings = shown.map(\.description)
        if result.error == nil { message = nil }
    }

    /// The form's own messages from a refusal: per field, and the rest as the form message.
    mutating func show(_ error: ValidationError) {
        for violation in error.violations {
            if let field = violation.field, fields.contains(where: { $0.field == field }) {
                touched.insert(field)
                if errors[field] == nil { errors[field] = violation.description }
            }
        }
        let first = error.violations.first?.description ?? ""
        message = tr("form.cannotSave", first)
        // A later confirmation cannot replace a newer one: the fix is another action, named by its key.
        suggestsVoid = error.violations.contains { if case .confirmationBeforeCurrent = $0 { true } else { false } }
        if suggestsVoid, let key = Keymap.bindings.first(where: { $0.action == .voidEvent })?.keys.first?.label {
            message = (message ?? "") + " " + tr("form.voidWayForward", key)
        }
    }
}
