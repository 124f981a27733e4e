import ConsentModel

/// What a save did, carried by the save's effect and answer; the flash text is made from
/// it only when the answer is shown (`message`), so no finished UI text travels in effects.
public enum CompletedChange: Sendable, Hashable {
    case confirmed(company: String)
    case customerAdded(company: String)
    case customerEdited(company: String)
    case withdrawn(company: String)
    case requested(company: String)
    case profileSaved
    case templateAdded(templateId: String)
    case templateRetired(templateId: String)
    case resellerAdded(name: String)
    case voided(seq: Int64)
    case noted(company: String)
    case resellerEdited(name: String)
    case resellerRemoved(name: String)
    case requestedMany(count: Int)

    /// What the flash says after the save (names escaped).
    public var message: String {
        func safe(_ text: String) -> String { UntrustedText.escaped(text) }
        switch self {
        case .confirmed(let company): return tr("flash.confirmed", safe(company))
        case .customerAdded(let company): return tr("flash.customerAdded", safe(company))
        case .customerEdited(let company): return tr("flash.edited", safe(company))
        case .withdrawn(let company): return tr("flash.withdrawn", safe(company))
        case .requested(let company): return tr("flash.requested", safe(company))
        case .profileSaved: return tr("flash.profileSaved")
        case .templateAdded(let id): return tr("flash.templateAdded", safe(id))
        case .templateRetired(let id): return tr("flash.templateRetired", safe(id))
        case .resellerAdded(let name): return tr("flash.resellerAdded", safe(name))
        case .voided(let seq): return tr("flash.voided", seq)
        case .noted(let company): return tr("flash.noted", safe(company))
        case .resellerEdited(let name): return tr("flash.resellerEdited", safe(name))
        case .resellerRemoved(let name): return tr("flash.resellerRemoved", safe(name))
        case .requestedMany(let count): return tr("flash.requestedMany", count)
        }
    }
}
