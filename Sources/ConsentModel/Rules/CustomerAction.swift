/// Something a desk worker can do to one customer, and whether it can be done now — one
/// answer for the app's keys (shown unavailable with the reason), its forms and the
/// command line.
public enum CustomerAction: String, CaseIterable, Sendable {
    case confirm, request, withdraw, edit
    /// Appear in an attestation CSV or as a Partner Center agreement body.
    case exportAcceptance

    /// Whether the action can be done for `customer` (with status `status`) now; when not,
    /// the violation that says why and what to do instead.
    public func availability(for customer: Customer, status: ConsentStatus) -> Availability {
        switch self {
        case .confirm, .request:
            if !customer.cloud.supportsConfirmation { return .unavailable(.nationalCloud(customer.cloud)) }
        case .withdraw:
            if customer.withdrawal != nil { return .unavailable(.alreadyWithdrawn) }
            if customer.confirmation == nil { return .unavailable(.nothingToWithdraw) }
        case .edit:
            break
        case .exportAcceptance:
            if !customer.cloud.supportsConfirmation { return .unavailable(.nationalCloud(customer.cloud)) }
            if customer.withdrawal != nil || status == .withdrawn { return .unavailable(.alreadyWithdrawn) }
            if customer.confirmation == nil { return .unavailable(.nothingToExport) }
        }
        return .available
    }
}

/// Whether an action can be done now.
public enum Availability: Hashable, Sendable {
    case available
    /// Not now, and why (the violation's text says what to do instead).
    case unavailable(ConsentViolation)

    public var isAvailable: Bool { self == .available }

    /// The reason, when unavailable.
    public var reason: ConsentViolation? {
        if case .unavailable(let violation) = self { return violation }
        return nil
    }
}
