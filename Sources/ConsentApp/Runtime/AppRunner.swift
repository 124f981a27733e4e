import ConsentModel
import ConsentStore
import Foundation
import TerminalKit

/// Runs the app: draws the state, feeds keys to `update`, carries out its effects
/// against the store, and notices other desks' changes without a keystroke.
public final class AppRunner {
    let backend: any ScreenBackend
    let store: ConsentStore
    let clock: any Clock
    public private(set) var state: AppState
    /// How often the store is asked whether another process wrote.
    let pollInterval: TimeInterval
    /// Where to append how long each key took, from arrival to drawn screen (the benchmark reads it).
    let timings: FileHandle?

    public init(backend: any ScreenBackend, store: ConsentStore, clock: any Clock, pollInterval: TimeInterval = 1,
                timingsPath: String? = nil) {
        self.backend = backend
        self.store = store
        self.clock = clock
        self.pollInterval = pollInterval
        if let timingsPath, FileManager.default.createFile(atPath: timingsPath, contents: nil) {
            timings = FileHandle(forWritingAtPath: timingsPath)
        } else {
            timings = nil
        }
        let size = backend.size
        state = AppState(width: size.width, height: size.height, now: clock.now(), employee: store.actor.employee,
                         storePath: store.location.file.path)
    }

    /// The loop; returns when the user quits.
    public func run() throws {
        // A first page at once, then everything (counts, filter, sort need all rows).
        state.apply(try store.snapshot(limit: max(state.height, 50)))
        backend.draw(Renderer.render(state))
        if state.loadingTotal != nil {
            let (rows, header) = try allRows()
            dispatch(.rowsLoaded(rows, header: header))
        }
        var lastPoll = Date()
        var needsDraw = true
        while !state.quitting {
            if needsDraw { backend.draw(Renderer.render(state)) }
            let event = backend.nextEvent(timeoutMilliseconds: 200)
            _ = state.update(.tick(clock.now()))
            needsDraw = event != nil
            switch event {
            case .key(let key):
                let start = DispatchTime.now().uptimeNanoseconds
                dispatch(.key(key))
                if let timings {
                    backend.draw(Renderer.render(state))
                    let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                    timings.write(Data(String(format: "key %.3f\n", ms).utf8))
                }
            case .resize(let width, let height): dispatch(.resize(width: width, height: height))
            case nil: break
            }
            if Date().timeIntervalSince(lastPoll) >= pollInterval {
                lastPoll = Date()
                needsDraw = refreshIfChanged() || needsDraw
            }
        }
    }

    /// Every customer as a list row, built while the store reads them, with the header of
    /// the same read (so no write can fall between the rows and the sequence number).
    func allRows() throws -> ([CustomerRow], StoreSnapshot) {
        var rows: [CustomerRow] = []
        rows.reserveCapacity(state.loadingTotal ?? 0)
        let evaluator = state.evaluator, today = state.today
        let header = try store.readCustomers { customer, seq in
            rows.append(CustomerRow(customer: customer, lastSeq: seq, evaluator: evaluator, today: today))
        }
        return (rows, header)
    }

    /// Applies one event and carries out the effects it asks for.
    public func dispatch(_ event: AppEvent) {
        var pending = state.update(event)
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            for result in perform(effect) { pending += state.update(result) }
        }
    }

    /// Pulls in what changed since the list was last read, if anything did; true when it did.
    @discardableResult
    public func refreshIfChanged() -> Bool {
        guard let head = try? store.headSeq(), head != state.headSeq,
              let changes = try? store.changes(since: state.headSeq) else { return false }
        dispatch(.changed(changes))
        return true
    }

    func perform(_ effect: Effect) -> [AppEvent] {
        switch effect {
        case .quit:
            return []
        case .save(let command, let expecting, let done):
            do {
                let outcome = try store.execute(command, expectingCustomerSeq: expecting)
                let changes = try store.changes(since: state.headSeq)
                return [.saved(outcome, done: done), .changed(changes)]
            } catch {
                return [.saveFailed(error)]
            }
        case .previewImpact(let command, let done):
            do {
                if let impact = try store.statusImpact(of: command), impact.movesAnyone {
                    return [.impactPreviewed(command, impact, done: done)]
                }
            } catch {
                return [.saveFailed(error)]
            }
            return perform(.save(command, expecting: nil, done: done))
        case .loadDetail(let tenantId):
            do {
                guard let (customer, seq) = try store.customer(tenantId) else { return [] }
                let history = try store.history(of: tenantId).map {
                    HistoryEntry(seq: $0.seq, at: $0.at, employee: $0.employee, summary: (try? $0.event().summary) ?? $0.kind)
                }
                return [.detailLoaded(customer, lastSeq: seq, history: history)]
            } catch {
                return [.failed(error.description)]
            }
        case .loadDemo:
            do {
                let events = DemoGenerator(customers: 300, seed: 2018, today: clock.today()).events()
                try store.appendGenerated(events)
                return [.loaded(try store.snapshot()), .failed(tr("flash.demoLoaded", 300))]
            } catch {
                return [.failed(error.description)]
            }
        }
    }
}
