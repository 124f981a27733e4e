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
    /// While only a first page is shown: how many customers the store holds.
    public var loadingTotal: Int?
    public var headSeq: Int64 = 0

    public internal(set) var rows: [CustomerRow] = []
    var indexByTenant: [String: Int] = [:]
    /// What the filter scans; rebuilt whenever rows change.
    var searchIndex = SearchIndex([])
    /// Whether `rows` is in the store's company order (so the default sort is free).
    var rowsInCompanyOrder = false
    /// Row indices in sort order, for the current sort.
    var sortedOrder: [Int] = []
    /// Row indices shown: the sorted order, filtered by view and search.
    public internal(set) var visible: [Int] = []
    /// The query `visible` was filtered with, to narrow it incrementally.
    var visibleQuery: [UInt8] = []
    var visibleView: QuickView = .all
    /// The results of the shorter queries typed since the last full filter, so that
    /// Backspace goes back to one instead of scanning every row again.
    var filterSteps: [(query: [UInt8], visible: [Int])] = []

    public var filter = TextField()
    public var filtering = false
    public var view: QuickView = .all
    public var sort: Column = .company
    public var ascending = true
    /// Index into `visible`.
    public var selection = 0
    public var scroll = 0

    public var screen: Screen = .list
    public var modal: Modal?
    /// A one-line message above the status bar.
    public var flash: Flash?
    public var quitting = false

    public init(width: Int, height: Int, now: Date, employee: String, storePath: String) {
        self.width = width
        self.height = height
        self.now = now
        self.employee = employee
        self.storePath = storePath
    }

    /// The customer under the cursor.
    public var selectedRow: CustomerRow? {
        guard selection >= 0, selection < visible.count else { return nil }
        return rows[visible[selection]]
    }

    /// Counts per status for the header; recounted when rows change, not per frame.
    public internal(set) var counts: [ConsentStatus: Int] = [:]

    /// The context keys are looked up in.
    public var keyContext: KeyContext {
        if case .form = modal { return .form }
        switch screen {
        case .list:
            if filtering { return .filter }
            return loaded && rows.isEmpty ? .welcome : .list
        case .detail: return .detail
        case .help: return .help
        case .templates: return .templates
        }
    }
}

/// Which screen is showing.
public enum Screen: Sendable {
    case list
    case detail(DetailState)
    case help(scroll: Int)
    case templates(selection: Int)
}

/// The customer detail screen.
public struct DetailState: Sendable {
    public var tenantId: String
    /// Loaded with subscriptions; nil until the store answers.
    public var customer: Customer?
    public var history: [HistoryEntry] = []
    public var scroll = 0
}

/// One line of a customer's history.
public struct HistoryEntry: Sendable, Hashable {
    public let seq: Int64
    public let at: Date
    public let employee: String
    public let summary: String
}

/// A dialog over the screen.
public enum Modal: Sendable {
    case form(FormState)
    /// "Throw away your changes?" over `form`.
    case discard(FormState)
    /// "Quit?"; the form is kept in case the answer is no.
    case quit(FormState?)
    case retire(templateId: String)
    /// "These customers change status — save anyway?" before a change of policy is
    /// saved; the form it came from (if any) is kept for the answer no.
    case confirmImpact(StoreCommand, StatusImpact, done: String, form: FormState?)
}

/// A message above the status bar.
public struct Flash: Sendable, Hashable {
    public let text: String
    public let role: StyleRole
}

/// What the runner does for `update`: talk to the store, quit.
public enum Effect: Sendable, Equatable {
    case save(StoreCommand, expecting: Int64?, done: String)
    /// Count whom a change of policy moves; save at once when nobody, else ask first.
    case previewImpact(StoreCommand, done: String)
    case loadDetail(tenantId: String)
    case loadDemo
    case quit
}

/// What reaches `update`: keys, sizes, and the store's answers.
public enum AppEvent: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case loaded(StoreSnapshot)
    /// Every row, built while reading (see `ConsentStore.readCustomers`), with the header.
    case rowsLoaded([CustomerRow], header: StoreSnapshot)
    case changed(StoreChanges)
    case saved(SaveOutcome, done: String)
    case saveFailed(StoreError)
    /// A change of policy would move customers from one status to another.
    case impactPreviewed(StoreCommand, StatusImpact, done: String)
    case detailLoaded(Customer, lastSeq: Int64, history: [HistoryEntry])
    case failed(String)
    case tick(Date)
}
