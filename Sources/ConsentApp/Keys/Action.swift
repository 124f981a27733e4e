import ConsentModel

/// Everything a key can ask for.
public enum Action: String, Sendable, CaseIterable {
    case quit, help, back
    case up, down, pageUp, pageDown, top, bottom
    case open, filter, clearFilter, viewAll, viewBlocked, viewOutdated, sortNext, sortReverse
    case confirm, addCustomer, editCustomer, withdraw, request, profile, templates, loadDemo
    case nextField, previousField, save, cancel, cycleChoice, previousChoice, advance
    case addTemplate, retireTemplate, addReseller
    case voidEvent
    case acceptFilter
    case yes, no
    case note, activityLog, logFilter, evidencePack
    case resellers, editReseller, removeReseller
    case viewWaiting, viewRenewing, cycleReseller, mark, markAllShown, clearMarks, exportMarked

    /// What the action does to the customer under the cursor, when it does something to one
    /// (its availability is then the model's `CustomerAction.availability`).
    var customerAction: CustomerAction? {
        switch self {
        case .confirm: return .confirm
        case .withdraw: return .withdraw
        case .request: return .request
        case .editCustomer: return .edit
        default: return nil
        }
    }
}
