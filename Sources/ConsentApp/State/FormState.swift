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

    init(_ field: Field, _ value: String = "", required: Bool = false, readOnly: Bool = false) {
        self.field = field
        self.input = TextField(value, limit: FormField.limit(for: field))
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

/// A modal form. Every form feeds the one consent model: validation is the model's.
public struct FormState: Sendable {
    public enum Kind: Sendable, Hashable {
        case confirm(tenantId: String)
        case addCustomer
        case editCustomer(tenantId: String)
        case withdraw(tenantId: String)
        case request(tenantId: String)
        case profile
        case addTemplate
        case addReseller
    }

    public let kind: Kind
    public let title: String
    public var fields: [FormField]
    public var focus = 0
    /// Fields the user has left at least once: their messages are shown.
    public var touched: Set<Field> = []
    public var errors: [Field: String] = [:]
    public var warnings: [String] = []
    /// Why the form cannot be saved, or what went wrong saving it.
    public var message: String?
    /// The customer's last event when the form opened.
    public let expectingSeq: Int64?
    let initialValues: [String]

    init(kind: Kind, title: String, fields: [FormField], expectingSeq: Int64? = nil) {
        self.kind = kind
        self.title = title
        self.fields = fields
        self.expectingSeq = expectingSeq
        initialValues = fields.map(\.value)
        focus = fields.firstIndex { !$0.readOnly } ?? 0
    }

    /// Whether anything differs from what the form opened with.
    public var isDirty: Bool { fields.map(\.value) != initialValues }

    public func value(_ field: Field) -> String { fields.first { $0.field == field }?.value ?? "" }

    /// The customer the form is about.
    var tenantId: String? {
        switch kind {
        case .confirm(let id), .editCustomer(let id), .withdraw(let id), .request(let id): return id
        default: return nil
        }
    }
}

extension FormState {
    /// The command this form asks for, validated by the model against `state`; or the
    /// model's refusal.
    func validated(in state: AppState) -> (command: StoreCommand?, error: ValidationError?, warnings: [ConsentWarning]) {
        let context = ConsentContext(profile: state.profile, catalog: state.catalog, now: state.now)
        let customer = tenantId.flatMap { state.indexByTenant[$0] }.map { state.rows[$0].customer }
        do {
            switch kind {
            case .confirm(let id):
                let draft = ConfirmationDraft(
                    dateAgreed: value(.dateAgreed), firstName: value(.firstName), lastName: value(.lastName),
                    email: value(.email), phoneNumber: value(.phoneNumber), templateId: value(.template),
                    partnerUserId: value(.partnerUserId), employee: value(.employee), evidence: value(.evidence),
                    reseller: value(.reseller))
                guard let customer else { throw ValidationError([.unknownCustomer(id)]) }
                let result = try ConsentRules.confirmation(draft, for: customer, in: context)
                return (.confirm(tenantId: id, draft), nil, result.warnings)
            case .addCustomer, .editCustomer:
                let draft = CustomerDraft(tenantId: value(.tenantId), companyName: value(.companyName), domains: value(.domains),
                                          country: value(.country), cloud: value(.cloud), reseller: value(.reseller))
                if case .editCustomer(let id) = kind {
                    _ = try ConsentRules.customer(draft, existing: customer, in: context)
                    return (.editCustomer(tenantId: id, draft), nil, [])
                }
                let made = try ConsentRules.customer(draft, existing: nil, in: context)
                if state.indexByTenant[made.tenantId] != nil { throw ValidationError([.customerExists(made.tenantId)]) }
                return (.addCustomer(draft), nil, [])
            case .withdraw(let id):
                let draft = WithdrawalDraft(date: value(.withdrawalDate), reason: value(.reason))
                guard let customer else { throw ValidationError([.unknownCustomer(id)]) }
                _ = try ConsentRules.withdrawal(draft, for: customer, in: context)
                return (.withdraw(tenantId: id, draft), nil, [])
            case .request(let id):
                let draft = RequestDraft(sentTo: value(.sentTo), date: value(.requestDate), note: value(.note))
                guard let customer else { throw ValidationError([.unknownCustomer(id)]) }
                _ = try ConsentRules.request(draft, for: customer, in: context)
                return (.request(tenantId: id, draft), nil, [])
            case .profile:
                let draft = ProfileDraft(name: value(.partnerName), tenantId: value(.partnerTenantId), domains: value(.partnerDomains),
                                         role: value(.role), defaultUserId: value(.defaultUserId),
                                         requiredAgreementType: value(.requiredAgreementType), reacceptanceCutoff: value(.reacceptanceCutoff))
                _ = try ConsentRules.profile(draft, existing: state.profile)
                return (.setProfile(draft), nil, [])
            case .addReseller:
                let id = value(.resellerId), name = value(.resellerName), domains = value(.resellerDomains)
                _ = try ConsentRules.reseller(id: id, name: name, domains: domains)
                return (.addReseller(id: id, name: name, domains: domains), nil, [])
            case .addTemplate:
                let draft = TemplateDraft(templateId: value(.templateId), agreementType: value(.agreementType),
                                          agreementLink: value(.agreementLink), versionRank: value(.versionRank),
                                          effectiveDate: value(.effectiveDate))
                _ = try ConsentRules.template(draft, in: context)
                return (.addTemplate(draft), nil, [])
            }
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
        warnings = result.warnings.map(\.description)
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
    }
}
