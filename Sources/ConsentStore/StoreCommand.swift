import ConsentModel

/// A change a user asks for. The store validates it with the model against the state
/// inside the write transaction, so another desk's change in between is seen.
public enum StoreCommand: Hashable, Sendable {
    case addCustomer(CustomerDraft)
    case editCustomer(tenantId: String, CustomerDraft)
    case setSubscriptions(tenantId: String, [Subscription])
    case confirm(tenantId: String, ConfirmationDraft)
    case request(tenantId: String, RequestDraft)
    case withdraw(tenantId: String, WithdrawalDraft)
    case addTemplate(TemplateDraft)
    case retireTemplate(templateId: String)
    case setProfile(ProfileDraft)
    case addReseller(id: String, name: String, domains: String)
    /// A row of an import: adds or updates the customer, then records what the row holds.
    /// A confirmation identical to the current one is left as it is.
    case importCustomer(CustomersCSVRow.Parsed)
    /// A confirmation from Microsoft's CSV or Partner Center's JSON; the customer is
    /// added (named after its domain) when the store does not know it.
    case importConfirmation(tenantId: String, domain: String, ConfirmationDraft)
    /// Rule 12: voids event `seq` (a confirmation, request or withdrawal entered in error).
    case void(seq: Int64, reason: String)
    /// A note on a customer (issue 15.1): recorded with who wrote it and when; changes no status.
    case note(tenantId: String, text: String)
    /// Gives reseller `id` a new name and domains (adding never replaces one); nil keeps
    /// what the store holds when the change is written.
    case editReseller(id: String, name: String?, domains: String?)
    /// Removes reseller `id`; refused while customers still name it.
    case removeReseller(id: String)
    /// The same request for several customers, all or nothing (the app's marked customers).
    case requestAll(tenantIds: [String], RequestDraft)
    /// Records a desk's signing key (its verifier key; the private key never reaches the store).
    case addSigningKey(SigningKeyRecord)
    /// Retires signing key `keyId`: no new checkpoint is signed with it.
    case retireSigningKey(keyId: String)

    /// The customer the command is about, if any.
    public var tenantId: String? {
        switch self {
        case .addCustomer(let d): return d.tenantId.lowercased()
        case .editCustomer(let id, _), .setSubscriptions(let id, _), .confirm(let id, _), .request(let id, _),
             .withdraw(let id, _), .importConfirmation(let id, _, _):
            return id.lowercased()
        case .note(let id, _): return id.lowercased()
        case .importCustomer(let p): return p.customer.tenantId.lowercased()
        case .addTemplate, .retireTemplate, .setProfile, .addReseller, .void, .editReseller, .removeReseller,
             .requestAll, .addSigningKey, .retireSigningKey:
            // About no customer, or (a void, a request to several) about customers found when planned.
            return nil
        }
    }
}

/// What one saved command did.
public struct SaveOutcome: Sendable {
    /// The sequence number of the last event written (nil when nothing changed).
    public let seq: Int64?
    public let warnings: [ConsentWarning]
}

/// How a batch treats bad rows.
public enum BatchMode: Sendable {
    /// Write nothing unless every row is good.
    case allOrNothing
    /// Write the good rows, report the rest.
    case skipInvalid
    /// Validate every row, write nothing.
    case dryRun
}

/// The result of a batch: which rows failed and why, and what was written.
public struct BatchReport: Sendable {
    public struct Failure: Sendable, Hashable {
        public let line: Int
        /// What is wrong; one line per violation, each naming its field.
        public let message: String
    }
    public internal(set) var rows = 0
    public internal(set) var eventsWritten = 0
    public internal(set) var unchanged = 0
    public internal(set) var failures: [Failure] = []
    public internal(set) var warnings: [Failure] = []
    /// Whether anything was written to the file.
    public internal(set) var wrote = false
}
