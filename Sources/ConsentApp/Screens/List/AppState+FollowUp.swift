import ConsentModel
import ConsentStore
import TerminalKit

/// The follow-up views (waiting, renewing), the reseller filter and marks for bulk work.
extension AppState {
    /// The store query for what the list shows: the list's own, with the follow-up of its
    /// view (the profile's thresholds) and the reseller filter.
    var followUpQuery: ListQuery {
        var query = list.listQuery
        let thresholds = profile.thresholds
        switch list.view {
        case .waiting: query.followUp = .waitingOver(days: thresholds.waitingDays)
        case .renewing: query.followUp = .renewingWithin(days: thresholds.renewingDays)
        default: query.followUp = nil
        }
        query.reseller = resellerFilter
        return query
    }

    /// What the view line says: the view (with its threshold) and the reseller shown.
    public var viewLabel: String {
        let thresholds = profile.thresholds
        var text: String
        switch view {
        case .waiting: text = tr("view.waitingDays", thresholds.waitingDays)
        case .renewing: text = tr("view.renewingDays", thresholds.renewingDays)
        default: text = view.label
        }
        if let id = resellerFilter {
            text += " · " + tr("app.resellerFilter", UntrustedText.escaped(profile.reseller(id)?.name ?? id))
        }
        return text
    }

    /// Whether `tenantId` is marked.
    public func isMarked(_ tenantId: String) -> Bool { marked.contains(tenantId) }

    mutating func handleFollowUp(_ action: Action) -> [Effect] {
        switch action {
        case .viewWaiting:
            list.toggleView(.waiting)
            return listQueryChanged()
        case .viewRenewing:
            list.toggleView(.renewing)
            return listQueryChanged()
        case .cycleReseller:
            let resellers = profile.resellers
            guard !resellers.isEmpty else {
                flash = Flash(text: tr("flash.noResellers"), role: .warning)
                return []
            }
            let index = resellerFilter.flatMap { id in resellers.firstIndex { $0.id == id } }
            switch index {
            case nil: resellerFilter = resellers[0].id
            case let i? where i + 1 < resellers.count: resellerFilter = resellers[i + 1].id
            default: resellerFilter = nil
            }
            return listQueryChanged()
        case .mark:
            guard let row = selectedRow else { return [] }
            let id = row.customer.tenantId
            if marked.contains(id) { marked.remove(id) } else { marked.insert(id) }
            return readingList(window.move(by: 1))
        case .markAllShown:
            // Every customer of the view and filter, read off the key path (ids only).
            lastRequest += 1
            markAllRequest = lastRequest
            flash = Flash(text: tr("flash.markingAll"), role: .accent)
            return [.readMarkAll(followUpQuery, limit: Self.markLimit + 1, request: lastRequest)]
        case .clearMarks:
            marked = []
            flash = Flash(text: tr("flash.marksCleared"), role: .accent)
        case .exportMarked:
            // With marks the form opens (FormRegistry); without, say how to mark.
            flash = Flash(text: tr("flash.nothingMarked"), role: .warning)
        default:
            break
        }
        return []
    }

    /// The most customers "mark all shown" marks at once (one bulk request or export).
    static let markLimit = 10_000

    /// The view's customers to mark arrived: marked (all of them, or the first
    /// `markLimit` with a word that the view holds more).
    mutating func markAllRead(_ ids: [String], request: Int) {
        guard request == markAllRequest else { return }
        markAllRequest = nil
        let taken = ids.prefix(Self.markLimit)
        marked.formUnion(taken)
        flash = ids.count > Self.markLimit
            ? Flash(text: tr("flash.markedLimit", Self.markLimit, marked.count), role: .warning)
            : Flash(text: tr("flash.markedShown", taken.count, marked.count), role: .accent)
    }
}

extension Keymap {
    /// A request with customers marked asks for all of them (whatever the one under the
    /// cursor is); nil when marks change nothing about `action`.
    static func markAvailability(of action: Action, in state: AppState) -> Availability? {
        guard action == .request, !state.marked.isEmpty, case .list = state.screen else { return nil }
        return .available
    }
}
