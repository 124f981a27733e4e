import ConsentModel
import ConsentStore

/// The read of a customer after a save was refused because another desk changed it.
struct ConflictReload: Sendable {
    let request: Int
    let tenantId: String
    /// The customer as the form opened on it.
    let before: Customer
}

/// After a refused save (another desk changed the customer): the customer is read again,
/// the detail shows it as it is now with what changed, and the form says what changed.
extension AppState {
    /// Reads `tenantId` again; its answer (`detailLoaded`) is compared with `before`.
    mutating func reloadAfterConflict(_ tenantId: String?, before: Customer?) -> [Effect] {
        guard let tenantId, let before else { return [] }
        lastRequest += 1
        conflictReload = ConflictReload(request: lastRequest, tenantId: tenantId, before: before)
        if case .detail(var detail) = screen, detail.tenantId == tenantId {
            detail.request = lastRequest
            screen = .detail(detail)
        }
        return [.loadDetail(tenantId: tenantId, request: lastRequest)]
    }

    /// The customer as it is now, when it answers `reloadAfterConflict`: the form says what
    /// changed (and saving again now saves over it, the user having seen it); the detail
    /// lists the changes above the customer's new record.
    mutating func conflictLoaded(_ customer: Customer, lastSeq: Int64, request: Int) {
        guard let reload = conflictReload, reload.request == request, reload.tenantId == customer.tenantId else { return }
        conflictReload = nil
        let changes = customer.changes(since: reload.before, profile: profile).map(\.description)
        if case .form(var form) = modal, form.tenantId == customer.tenantId {
            form.expectingSeq = lastSeq
            let list = changes.isEmpty ? tr("conflict.nothingVisible") : changes.joined(separator: "; ")
            form.message = [form.message, tr("conflict.form", list)].compactMap { $0 }.joined(separator: " ")
            modal = .form(form)
        }
        if case .detail(var detail) = screen, detail.tenantId == customer.tenantId {
            detail.changes = changes.isEmpty ? [tr("conflict.nothingVisible")] : changes
            screen = .detail(detail)
        }
    }
}
