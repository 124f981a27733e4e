import ConsentModel
import ConsentStore
import TerminalKit

/// The indirect resellers of the profile with how many customers each has: `a` adds one,
/// `e` edits the selected one, `x` removes it (dangerous: asks first; refused while
/// customers still name it, saying how many and how to reassign them).
struct ResellersScreen: ScreenRoom {
    var selection: Int
    /// Customers per reseller id, once the store has counted them.
    var counts: [String: Int]?
    /// The count asked for; answers to older reads are dropped.
    var request = 0

    var context: KeyContext { .resellers }

    func opening(app: inout AppState) -> [Effect] {
        app.lastRequest += 1
        var screen = self
        screen.request = app.lastRequest
        app.screen = .room(screen)
        return [.read(RoomRead(request: app.lastRequest, "reseller counts") { store throws(StoreError) in try store.resellerCustomerCounts() })]
    }

    /// The store's count of customers per reseller, kept when it answers the newest count.
    func received(_ answer: any Sendable, request: Int, app: inout AppState) -> [Effect] {
        guard request == self.request, let counts = answer as? [String: Int] else { return [] }
        var shown = self
        shown.counts = counts
        app.screen = .room(shown)
        return []
    }

    /// Another desk's change may have moved customers between resellers: counted again.
    func storeChanged(app: inout AppState) -> [Effect] { opening(app: &app) }

    func handle(_ action: Action, app: inout AppState) -> [Effect] {
        let resellers = app.profile.resellers
        var next = self
        switch action {
        case .up: next.selection = max(0, selection - 1)
        case .down: next.selection = min(max(0, resellers.count - 1), selection + 1)
        case .top: next.selection = 0
        case .bottom: next.selection = max(0, resellers.count - 1)
        case .removeReseller:
            guard let reseller = app.selectedReseller else { return [] }
            // Refused at once while customers name it (the store checks again as it saves).
            do {
                _ = try ConsentRules.resellerRemoval(id: reseller.id, in: app.profile, customers: counts?[reseller.id] ?? 0)
            } catch {
                app.flash = Flash(text: error.description, role: .error)
                return []
            }
            app.modal = .dangerous(DangerousChange(
                action: .removeReseller,
                consequence: tr("modal.removeReseller", UntrustedText.escaped(reseller.name), UntrustedText.escaped(reseller.id)),
                command: .removeReseller(id: reseller.id), expecting: nil, done: .resellerRemoved(name: reseller.name),
                changesPolicy: false, form: nil))
        default: return []
        }
        app.screen = .room(next)
        return []
    }

    func draw(_ buffer: inout ScreenBuffer, _ app: AppState) {
        Renderer.drawResellers(&buffer, app, self)
    }
}

extension AppState {
    /// The reseller selected on the resellers screen, if it shows.
    var selectedReseller: Reseller? {
        guard case .room(let room) = screen, let shown = room as? ResellersScreen else { return nil }
        let resellers = profile.resellers
        return resellers.indices.contains(shown.selection) ? resellers[shown.selection] : nil
    }

}
