import ConsentModel
import ConsentStore
import Foundation
import TerminalKit

/// The whole state of the app: a value. Keys and store results produce a new state
/// plus effects (`update`); the screen is a pure function of it (`Renderer`).
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    /// The current time, given by the runner (the model's clock is injected).
    public var now: Date
    public var today: Day { Day(utcOf: now) }
    public var employee: String
    public var storePath: String

    public var profile: PartnerProfile = .unnamed
    public var catalog: TemplateCatalog = .default
    var evaluator = ConsentEvaluator(profile: .unnamed, catalog: .default, day: Day.earliestPlausible)
    /// Whether the first snapshot has arrived.
    public var loaded = false
    public var headSeq: Int64 = 0

    /// What the customer list asks for (filter, view, sort).
    public internal(set) var list = CustomerListState()
    /// The list as a window onto the store: the page it shows, the cursor, the counts. Its
    /// reads run on the runner's reader and answer as `listRead`.
    public internal(set) var window = ListWindow(height: 1)
    /// The customers marked for bulk work (tenant ids), kept across views and filters.
    public internal(set) var marked: Set<String> = []
    /// The "mark all shown" read asked for last (its answer marks; others are dropped).
    var markAllRequest: Int?
    /// The reseller whose customers the list shows (its id), or nil for every customer.
    public internal(set) var resellerFilter: String?
    /// When set, list reads are answered at once on this store instead of being returned as
    /// effects: for tests and tools that drive the state without a runner.
    public var inlineStore: (any ListReading)?

    public var screen: Screen = .list
    public var modal: Modal? {
        didSet { if modal?.asksQuestion == true { questionsAsked &+= 1 } }
    }
    /// How many yes/no questions have been put (each time `modal` becomes one): the runner
    /// discards the keys of the input burst that asked one, so no question is answered by
    /// keys that were already there when it appeared.
    public private(set) var questionsAsked = 0
    /// A one-line message above the status bar.
    public var flash: Flash?
    public var quitting = false
    /// The save the store is working on; keys other than Esc and Ctrl-C wait for it.
    public internal(set) var saving: PendingSave?
    /// Long work the app waits for (statuses re-evaluated), shown in the status line until
    /// the save or the list read doing it answers.
    public internal(set) var work: WorkProgress?
    /// The number of the last save asked for, so answers to older ones are told apart.
    var lastRequest = 0
    /// The last save cancelled with Esc (its answer may still come).
    var cancelledRequest: Int?
    /// A save refused because another desk changed the customer: the read of it as it is now.
    var conflictReload: ConflictReload?

    public init(width: Int, height: Int, now: Date, employee: String, storePath: String) {
        self.width = width
        self.height = height
        self.now = now
        self.employee = employee
        self.storePath = storePath
        window = ListWindow(height: listHeight)
    }

    /// The customer under the cursor (when its row is held).
    public var selectedRow: CustomerListRow? { window.selectedRow.map(CustomerListRow.init) }

    // The list's state as the screens read it (`CustomerListState` and `ListWindow` own it).
    /// The rows shown in the list's window, top first.
    public var windowRows: [ListRow] { window.windowRows }
    /// How many customers the list's query selects (nil while a new query is read).
    public var shownCount: Int? { window.total }
    public var filter: TextField { list.filter }
    public var filtering: Bool {
        get { list.filtering }
        set { list.filtering = newValue }
    }
    public var view: QuickView { list.view }
    public var sort: Column { list.sort }
    public var ascending: Bool { list.ascending }
    public var scroll: Int { window.scroll }
    /// The cursor: a position in the list's query.
    public var selection: Int { window.selection }
    /// Counts per status for the header; nil until the store has counted ("counting…").
    public var counts: [ConsentStatus: Int]? { window.counts }
    /// Whether the store holds no customer (the welcome screen): known once counted.
    public var storeIsEmpty: Bool {
        if let counts { return counts.values.reduce(0, +) == 0 }
        return window.total == 0 && list.view == .all && list.filter.text.isEmpty
    }

    /// The customer the keys act on: the list's selection, or the one the detail shows.
    public var focusedRow: CustomerListRow? {
        switch screen {
        case .list: return selectedRow
        case .detail(let detail): return row(detail.tenantId)
        default: return nil
        }
    }

    /// The context keys are looked up in.
    public var keyContext: KeyContext {
        if let modal {
            if case .form = modal { return .form }
            return .question
        }
        switch screen {
        case .list:
            if filtering { return .filter }
            return loaded && storeIsEmpty ? .welcome : .list
        case .detail: return .detail
        case .room(let room): return room.context
        }
    }
}

/// Which screen is showing.
public enum Screen: Sendable {
    case list
    case detail(DetailState)
    /// Any other screen, in its own folder (`ScreenRoom`).
    case room(any ScreenRoom)
}

/// A dialog over the screen.
public enum Modal: Sendable {
    case form(FormState)
    /// "Throw away your changes?" over `form`.
    case discard(FormState)
    /// "Quit?"; the form is kept in case the answer is no.
    case quit(FormState?)
    /// A dangerous change (its binding is `dangerous`), asked about first, saying what will happen.
    case dangerous(DangerousChange)
    /// "These customers change status — save anyway?" before a change of policy is
    /// saved; the form it came from (if any) is kept for the answer no.
    case confirmImpact(StoreCommand, StatusImpact, done: CompletedChange, form: FormState?)
    /// "Load demo data into this store?": demo customers can never be removed from an
    /// append-only store, so `d` on the welcome screen asks first.
    case loadDemo

    /// Whether this is a yes/no question (anything but a form).
    public var asksQuestion: Bool {
        if case .form = self { return false }
        return true
    }
}

/// A message above the status bar.
public struct Flash: Sendable, Hashable {
    public let text: String
    public let role: StyleRole
}

/// What the runner does for `update`: talk to the store, quit.
public enum Effect: Sendable, Equatable {
    /// Runs `StoreCommand` off the key path; its answer comes back tagged with `request`.
    case save(StoreCommand, expecting: Int64?, done: CompletedChange, request: Int)
    /// Stops save `request` if it still waits for another desk.
    case cancelSave(request: Int)
    /// Counts whom a change of policy moves; the answer (`impactPreviewed`) decides
    /// whether to save at once or ask first.
    case previewImpact(StoreCommand, done: CompletedChange, request: Int)
    /// Reads one customer with its history off the key path; answered by `detailLoaded`.
    case loadDetail(tenantId: String, request: Int)
    /// Reads a page of the list (and counts) off the key path; answered by `listRead`.
    case readList(ListRead)
    /// A screen room's read, run off the key path; answered by `roomAnswer` to the room showing.
    case read(RoomRead)
    /// Writes customer `tenantId`'s evidence pack to `path` off the key path; answered by `evidenceWritten`.
    case writeEvidence(tenantId: String, path: String, request: Int)
    /// Reads the tenant ids of every customer `query` selects (at most `limit`) off the key
    /// path, to mark them all; answered by `markAllRead`.
    case readMarkAll(ListQuery, limit: Int, request: Int)
    case loadDemo
    case quit
    /// Writes these customers to a CSV file off the key path; answered by `exported`.
    case exportCustomers([String], path: String, request: Int)
}

/// What reaches `update`: keys, sizes, and the store's answers.
public enum AppEvent: Sendable {
    case key(Key)
    /// Several characters typed at once (a burst of keys into a text field).
    case typed([Character])
    /// Text the terminal pasted (bracketed paste): into the focused text field as one line,
    /// never keys; ignored (and said) where no text field has the focus.
    case pasted(String)
    case resize(width: Int, height: Int)
    /// The profile, catalogue and head (`ConsentStore.snapshot(limit: 0)`); the list is read
    /// through its window.
    case loaded(StoreSnapshot)
    /// Another desk (or this one) wrote: the policy, the head and how many customers changed.
    case changed(ListChanges)
    case saved(SaveOutcome, done: CompletedChange, request: Int)
    case saveFailed(StoreError, request: Int)
    /// Save `request` waits for another desk's write lock.
    case saveWaiting(request: Int)
    /// Save `request` re-evaluates every status (a change of policy) and has come this far.
    case saveProgress(WorkProgress, request: Int)
    /// A list read re-evaluates every status (the first read of a new day) and has come this far.
    case listProgress(WorkProgress)
    /// Whom a change of policy would move (nil: it changes no policy).
    case impactPreviewed(StoreCommand, StatusImpact?, done: CompletedChange, request: Int)
    case detailLoaded(Customer, lastSeq: Int64, history: [HistoryEntry], request: Int)
    /// The store's answer to a `readList`; dropped unless it answers the window's latest read.
    case listRead(ListAnswer)
    /// The answer to a screen room's `RoomRead`.
    case roomAnswer(RoomAnswer)
    /// An evidence pack was written to `path` (its head: event `seq`).
    case evidenceWritten(path: String, seq: Int64)
    /// The customers of the view to mark ("mark all shown"), answering `readMarkAll`.
    case markAllRead([String], request: Int)
    case failed(String)
    /// Work done off the key path succeeded (the demo loaded): said as news, not as a failure.
    case notice(String)
    case tick(Date)
    /// An `exportCustomers` written: how many customers, where.
    case exported(count: Int, path: String, request: Int)
}
