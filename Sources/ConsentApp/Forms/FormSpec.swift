import ConsentModel
import ConsentStore

/// One form, declared in one file: its title and fields (with their limits, see `FormField`),
/// how the model validates it, the command it saves and what saving it did. Adding a form
/// is adding a file with a `FormSpec` and one line in `FormRegistry`.
public protocol FormSpec: Sendable {
    /// The title of the form's box.
    func title(in state: AppState) -> String
    /// The fields, prefilled from `state`.
    func fields(in state: AppState) -> [FormField]
    /// The command `form` asks for, validated by the model against `state`, with its
    /// warnings; throws the model's `ValidationError`.
    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning])
    /// What saving did (the flash says it).
    func done(_ form: FormState, in state: AppState) -> CompletedChange
    /// The customer the form is about, if any.
    var tenantId: String? { get }
    /// A change of policy: whom it moves is counted and shown before it is saved.
    var changesPolicy: Bool { get }
    /// The action whose binding opened the form, when saving it is dangerous (then the app
    /// asks first, saying `consequence`).
    var dangerousAction: Action? { get }
    /// What will happen, asked before a dangerous save.
    func consequence(in state: AppState) -> String
}

extension FormSpec {
    public var tenantId: String? { nil }
    public var changesPolicy: Bool { false }
    public var dangerousAction: Action? { nil }
    public func consequence(in state: AppState) -> String { "" }
}

extension AppState {
    /// The customer a form is about, or the model's "unknown customer".
    func customer(for tenantId: String) throws -> Customer {
        guard let row = row(tenantId) else { throw ValidationError([.unknownCustomer(tenantId)]) }
        return row.customer
    }

    /// The company name of `tenantId` (unescaped; `CompletedChange.message` escapes it).
    func companyName(_ tenantId: String?) -> String {
        row(tenantId)?.customer.companyName ?? ""
    }

    /// The model's context for validating a form now.
    var consentContext: ConsentContext {
        ConsentContext(profile: profile, catalog: catalog, now: now)
    }
}
