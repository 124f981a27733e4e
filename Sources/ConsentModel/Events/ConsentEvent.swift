/// One change to a partner's consent records. The history is a list of these; the
/// current state is what replaying them gives (rule 11: nothing is ever deleted).
public enum ConsentEvent: Hashable, Sendable, Codable {
    case profileSet(PartnerProfile)
    case templateAdded(AgreementTemplate)
    case templateRetired(templateId: String)
    case customerAdded(Customer)
    /// Master data changed; the consent record is kept as it is.
    case customerEdited(Customer)
    /// A new confirmation replaces the current one; the old one stays in history.
    case confirmed(tenantId: String, Confirmation)
    case requested(tenantId: String, ConsentRequest)
    case withdrawn(tenantId: String, Withdrawal)
    /// Marks the start of an import of `rows` rows from `source`.
    case imported(source: String, rows: Int)
    /// Rule 12: event `seq` (a confirmation, request or withdrawal of this customer) was
    /// entered in error; the status is as if it never happened, the history keeps both.
    case voided(tenantId: String, seq: Int64, reason: String)
    /// A free-text note on a customer (a call, a promise): changes no status, cannot be voided.
    case noted(tenantId: String, text: String)
    /// A desk's signing key for checkpoints, recorded so an auditor can be handed it.
    case keyAdded(SigningKeyRecord)
    /// A signing key no longer used for new checkpoints (its old signatures still verify).
    case keyRetired(keyId: String)

    /// The kind of this event (`EventKind`), stored beside the payload.
    public var eventKind: EventKind {
        switch self {
        case .profileSet: return .profileSet
        case .templateAdded: return .templateAdded
        case .templateRetired: return .templateRetired
        case .customerAdded: return .customerAdded
        case .customerEdited: return .customerEdited
        case .confirmed: return .confirmed
        case .requested: return .requested
        case .withdrawn: return .withdrawn
        case .imported: return .imported
        case .voided: return .voided
        case .noted: return .noted
        case .keyAdded: return .keyAdded
        case .keyRetired: return .keyRetired
        }
    }

    /// The kind stored beside the payload (`confirmed`, `customerAdded`, …).
    public var kind: String { eventKind.rawValue }

    /// The customer the event is about, if any.
    public var tenantId: String? {
        switch self {
        case .customerAdded(let c), .customerEdited(let c): return c.tenantId
        case .confirmed(let id, _), .requested(let id, _), .withdrawn(let id, _), .voided(let id, _, _): return id
        case .noted(let id, _): return id
        case .profileSet, .templateAdded, .templateRetired, .imported, .keyAdded, .keyRetired: return nil
        }
    }

    /// A one-line summary for a history view (no contact details beyond the name).
    public var summary: String {
        switch self {
        case .profileSet(let p): return tr("event.profileSet", UntrustedText.escaped(p.name))
        case .templateAdded(let t): return tr("event.templateAdded", t.agreementType.displayName, t.versionRank)
        case .templateRetired(let id): return tr("event.templateRetired", id)
        case .customerAdded(let c): return tr("event.customerAdded", UntrustedText.escaped(c.companyName))
        case .customerEdited(let c): return tr("event.customerEdited", UntrustedText.escaped(c.companyName))
        case .confirmed(_, let c):
            return tr("event.confirmed", UntrustedText.escaped(c.contact.fullName), c.dateAgreed, c.agreementType.displayName)
        case .requested(_, let r): return tr("event.requested", UntrustedText.escaped(r.sentTo), r.date)
        case .withdrawn(_, let w): return tr("event.withdrawn", w.date, UntrustedText.escaped(w.reason))
        case .imported(let source, let rows): return tr("event.imported", rows, UntrustedText.escaped(source))
        case .voided(_, let seq, let reason): return tr("event.voided", seq, UntrustedText.escaped(reason))
        case .noted(_, let text): return tr("event.noted", UntrustedText.escaped(text))
        case .keyAdded(let key): return tr("event.keyAdded", UntrustedText.escaped(key.name), UntrustedText.escaped(key.keyId))
        case .keyRetired(let keyId): return tr("event.keyRetired", UntrustedText.escaped(keyId))
        }
    }
}

extension ConsentEvent {
    /// The one-line summary as a history or the log shows it beside `recordedBy`, the
    /// employee the event was recorded by: a confirmation made with the customer by someone
    /// else (an import of another desk's file, a colleague named in the form) also names
    /// that employee, so both people show.
    public func summary(recordedBy employee: String) -> String {
        guard case .confirmed(_, let confirmation) = self, confirmation.employee != employee else { return summary }
        return summary + " " + tr("event.confirmedBy", UntrustedText.escaped(confirmation.employee))
    }
}

/// Why an event cannot be applied to the state it meets.
public enum ReplayError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownCustomer(String)
    case customerExists(String)

    public var description: String {
        switch self {
        case .unknownCustomer(let id): return tr("replay.unknownCustomer", id)
        case .customerExists(let id): return tr("replay.customerExists", id)
        }
    }
}

extension Customer {
    /// This customer after `event`. The reducer shared by the store's projections and
    /// by `verify`'s replay. A void changes nothing here: it needs the customer's history
    /// (`ConsentHistory.rebuilt(_:from:)`).
    public func applying(_ event: ConsentEvent) -> Customer {
        var next = self
        switch event {
        case .customerEdited(let edited):
            next.companyName = edited.companyName
            next.domains = edited.domains
            next.country = edited.country
            next.cloud = edited.cloud
            next.resellerId = edited.resellerId
            next.subscriptions = edited.subscriptions
        case .confirmed(_, let confirmation):
            next.confirmation = confirmation
            next.request = nil
            next.withdrawal = nil
        case .requested(_, let request):
            next.request = request
        case .withdrawn(_, let withdrawal):
            next.withdrawal = withdrawal
            next.lastWithdrawalDate = max(withdrawal.date, next.lastWithdrawalDate ?? withdrawal.date)
        case .noted(_, let text):
            next.noteTexts.append(text)
        case .profileSet, .templateAdded, .templateRetired, .customerAdded, .imported, .voided, .keyAdded, .keyRetired:
            // Added: the customer itself; a void needs the history (`ConsentHistory.rebuilt`);
            // the rest are not about a customer.
            break
        }
        return next
    }
}

/// A partner's whole state, as replaying its history gives it.
public struct ConsentState: Hashable, Sendable {
    public var profile: PartnerProfile
    public var catalog: TemplateCatalog
    public var customers: [String: Customer]

    /// The state of a new store: an unnamed profile and the default catalogue.
    public init(profile: PartnerProfile = .unnamed, catalog: TemplateCatalog = .default, customers: [String: Customer] = [:]) {
        self.profile = profile
        self.catalog = catalog
        self.customers = customers
    }

    /// Applies `event`, refusing one that does not fit (a confirmation of a customer
    /// that does not exist).
    public mutating func apply(_ event: ConsentEvent) throws(ReplayError) {
        switch event {
        case .profileSet(let profile): self.profile = profile
        case .templateAdded(let template): catalog.upsert(template)
        case .templateRetired(let id): catalog.retire(id: id)
        case .imported, .keyAdded, .keyRetired: break
        case .customerAdded, .customerEdited, .confirmed, .requested, .withdrawn, .noted, .voided:
            let id = event.tenantId ?? ""
            customers[id] = try Self.customer(id, after: event, from: customers[id])
        }
    }

    /// Customer `id` after `event`, from `customer` (nil: not added yet), refusing what does
    /// not fit: the one replay of a customer's events, for the whole state and for `verify`,
    /// which replays one customer at a time. Events without a customer leave it as it is.
    public static func customer(_ id: String, after event: ConsentEvent, from customer: Customer?) throws(ReplayError) -> Customer? {
        switch event {
        case .customerAdded(let added):
            guard customer == nil else { throw .customerExists(added.tenantId) }
            return added
        case .customerEdited, .confirmed, .requested, .withdrawn, .noted:
            guard let customer else { throw .unknownCustomer(id) }
            return customer.applying(event)
        case .voided:
            // The replay skips the voided event itself (`ConsentHistory.voidedSeqs`); the void only needs its customer.
            guard customer != nil else { throw .unknownCustomer(id) }
            return customer
        case .profileSet, .templateAdded, .templateRetired, .imported, .keyAdded, .keyRetired:
            return customer
        }
    }
}
