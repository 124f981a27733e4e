import ConsentModel
import ConsentStore
import Foundation
import TerminalKit

/// Runs the app: draws the state, feeds keys to `update`, carries out its effects
/// against the store, and notices other desks' changes without a keystroke.
public final class AppRunner {
    let backend: any ScreenBackend
    /// The store, held through its seam (`DeskStore`): one connection pool per file for
    /// this process. Reads run on the pool's reader connections beside a save, so neither
    /// the reader queue nor the key path waits behind a write.
    let store: any DeskStore
    let clock: any ConsentClock
    public private(set) var state: AppState
    /// How often the store is asked whether another process wrote.
    let pollInterval: TimeInterval
    /// Where to append how long each key took, from arrival to drawn screen (the benchmark reads it).
    let timings: SafeFileWriter?
    /// Where saves run, one after another, off the key path.
    let writer = DispatchQueue(label: "ConsentDesk.writer")
    /// The store saves use (the one store: a save waiting for another desk's lock holds its
    /// writer connection only; reads go on beside it).
    var writeStore: any DeskStore { store }
    /// The store's answers to saves, collected from the writer for the loop.
    let answers = Mailbox()
    /// Where reads run (a customer's detail, a policy's impact, the first full load), off the
    /// key path, one after another on the store's reader connections.
    let reader = DispatchQueue(label: "ConsentDesk.reader")
    /// The store reads use (the one store: its reads never wait behind a save, WAL).
    var readStore: any DeskStore { store }
    /// The store's answers to reads, collected for the loop.
    let readAnswers = Mailbox()
    /// Reads asked for and not answered yet.
    var readsInFlight = 0
    /// The newest list read asked for: a queued page read older than it is not run (its
    /// answer would be dropped), so typing a filter costs one read, not one per key.
    let newestListRead = NewestRequest()
    /// The head whose changes were last asked for (so a poll does not ask twice).
    var askedHead: Int64?
    /// Saves under way, to cancel them.
    var inFlight: [Int: WriteCancellation] = [:]
    /// The most keys handled before the screen is drawn again.
    static let batchLimit = 4096

    public init(backend: any ScreenBackend, store: any DeskStore, clock: any ConsentClock, pollInterval: TimeInterval = 1,
                timingsPath: String? = nil) {
        self.backend = backend
        self.store = store
        self.clock = clock
        self.pollInterval = pollInterval
        // The benchmark's timings go through the one writer: never over the store or an
        // existing file, never through a link; a failure to write them stops the timing only.
        timings = timingsPath.flatMap { try? SafeFileWriter(path: $0, force: false, protecting: store.location) }
        let size = backend.size
        state = AppState(width: size.width, height: size.height, now: clock.now(), employee: store.actor.employee,
                         storePath: store.location.file.path)
    }

    /// The signal that stopped the app (SIGTERM, SIGINT, SIGHUP), if one did.
    public private(set) var stoppedBy: Int32?

    /// The loop; returns when the user quits or the process is told to stop.
    public func run() throws {
        // The timings file is there once the app ends (written whole, through the one writer).
        defer { try? timings?.commit() }
        // The profile, catalogue and head (no customers); the list is a window onto the store.
        let effects = state.update(.loaded(try store.snapshot(limit: 0)))
        // The first page at once, on this thread; the same read with the counts follows on
        // the reader (the header says "counting…" until it answers).
        for case .readList(let read) in effects {
            let first = ListRead(request: read.request, query: read.query, place: read.place, limit: read.limit, counting: false)
            if let answer = try? first.run(on: readStore) { _ = state.update(.listRead(answer)) }
        }
        for effect in effects { for result in perform(effect) { dispatch(result) } }
        var lastPoll = Date()
        var needsDraw = true
        while !state.quitting && stoppedBy == nil {
            if needsDraw { backend.draw(Renderer.render(state)) }
            // While a save runs, look for its answer often.
            let events = backend.nextEvents(timeoutMilliseconds: inFlight.isEmpty && readsInFlight == 0 ? 200 : 20,
                                            limit: Self.batchLimit)
            _ = state.update(.tick(clock.now()))
            needsDraw = !events.isEmpty
            let start = DispatchTime.now().uptimeNanoseconds
            handle(events)
            if let timings, events.contains(where: { if case .key = $0 { return true } else { return false } }) {
                backend.draw(Renderer.render(state))
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                try? timings.write(Data(String(format: "key %.3f\n", ms).utf8))
            }
            needsDraw = collectAnswers() || needsDraw
            if Date().timeIntervalSince(lastPoll) >= pollInterval {
                lastPoll = Date()
                needsDraw = refreshIfChanged() || needsDraw
            }
        }
        // A cancelled save may still be stopping; let it end before the process does.
        writer.sync {}
        reader.sync {}
    }

    /// Handles a batch of input (one read of the terminal: a burst) in order. Characters
    /// typed into a form's text field are taken at once; everything else key by key, as the
    /// user pressed it; a paste is text (`AppEvent.pasted`). Once a key of the burst puts a
    /// question, the rest of the burst's keys and pastes are discarded (and the terminal's
    /// typeahead with them): they were there before the question, so none answers it.
    func handle(_ events: [TerminalEvent]) {
        var run: [Character] = []
        var discarding = false
        func send(_ event: AppEvent) {
            guard !discarding, !state.quitting else { return }
            let asked = state.questionsAsked
            dispatch(event)
            if state.questionsAsked != asked, state.keyContext == .question {
                discarding = true
                backend.discardTypeahead()
            }
        }
        func flush() {
            if run.count > 1, state.acceptsText, !discarding {
                send(.typed(run))
            } else {
                for character in run { send(.key(.character(character))) }
            }
            run.removeAll(keepingCapacity: true)
        }
        for event in events {
            if state.quitting { break }
            switch event {
            case .key(.character(let character)):
                run.append(character)
                continue
            case .key(let key):
                flush()
                send(.key(key))
            case .paste(let text):
                flush()
                send(.pasted(text))
            case .resize(let width, let height):
                flush()
                dispatch(.resize(width: width, height: height))
            case .stop(let signal):
                flush()
                stoppedBy = signal
                return
            }
        }
        if !state.quitting { flush() }
    }

    /// Applies the answers of saves that have come in; true when any did.
    @discardableResult
    func collectAnswers() -> Bool {
        let asked = state.questionsAsked
        // A question an answer puts (whom a change of policy moves): keys typed before it
        // appeared are not answers to it.
        defer { if state.questionsAsked != asked, state.keyContext == .question { backend.discardTypeahead() } }
        let reads = readAnswers.takeAll()
        readsInFlight -= reads.count
        for event in reads { dispatch(event) }
        let events = answers.takeAll()
        for event in events {
            switch event {
            case .saved(_, _, let request), .saveFailed(_, let request): inFlight[request] = nil
            default: break
            }
            dispatch(event)
            if case .saved = event {
                // The saved change shows in the list in the same frame as "Saved: …" (one
                // page read on the reader, milliseconds).
                refreshIfChanged()
                settleListReads()
            }
        }
        return !events.isEmpty || !reads.isEmpty
    }

    /// Waits until every save and read asked for has been answered (reads a save's answer
    /// asks for too), and applies the answers.
    func waitForSaves() {
        repeat {
            writer.sync {}
            reader.sync {}
            collectAnswers()
        } while readsInFlight > 0 || !inFlight.isEmpty
    }

    /// Waits for the reads asked so far (the list's page among them) and applies their answers.
    func settleListReads() {
        while readsInFlight > 0 {
            reader.sync {}
            collectAnswers()
        }
    }

    /// Applies one event and carries out the effects it asks for. A key that acts on the
    /// customer under the cursor first lets a pending list read answer (reads take
    /// milliseconds), so keys typed ahead ("b" then "c") act on the row they were meant for.
    public func dispatch(_ event: AppEvent) {
        if case .key(let key) = event, state.window.reading, state.actsOnSelection(key) { settleListReads() }
        var pending = state.update(event)
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            for result in perform(effect) { pending += state.update(result) }
        }
    }

    /// Opens the list window onto the store; its first page and counts are read on the reader.
    public func openListWindow() {
        for effect in state.openListWindow() { for result in perform(effect) { dispatch(result) } }
    }

    /// Pulls in what changed since the list was last read, if anything did; true when it
    /// did. Only the head is read here; what changed is read on the reader, and the window
    /// reads its page and counts again from there.
    @discardableResult
    public func refreshIfChanged() -> Bool {
        guard let head = try? store.headSeq(), head != state.headSeq, head != askedHead else { return false }
        askedHead = head
        let store = readStore, answers = readAnswers, since = state.headSeq
        readsInFlight += 1
        reader.async {
            do throws(StoreError) {
                answers.post(.changed(try store.listChanges(since: since)))
            } catch {
                answers.post(.failed(error.description))
            }
        }
        return true
    }

    /// A store callback for long work's (done, total) that posts it as `WorkProgress` at most
    /// ten times a second (and once at the end), timed from when it is made (just before the
    /// work starts). Called on one thread only (the writer's or the reader's).
    static func reporting(_ label: String, now clock: @escaping () -> Date = Date.init,
                          _ post: @escaping (WorkProgress) -> Void) -> (Int, Int) -> Void {
        let started = clock()
        var lastPosted = Date.distantPast
        return { done, total in
            let now = clock()
            guard now.timeIntervalSince(lastPosted) >= 0.1 || done >= total else { return }
            lastPosted = now
            post(WorkProgress(label: label, done: done, total: total, elapsed: now.timeIntervalSince(started)))
        }
    }

    func perform(_ effect: Effect) -> [AppEvent] {
        switch effect {
        case .quit:
            return []
        case .save(let command, let expecting, let done, let request):
            let cancellation = WriteCancellation()
            inFlight[request] = cancellation
            let store = writeStore, answers = answers
            writer.async {
                do throws(StoreError) {
                    let progress = Self.reporting(tr("progress.recompute")) { answers.post(.saveProgress($0, request: request)) }
                    let outcome = try store.cancellable(cancellation, onWait: { answers.post(.saveWaiting(request: request)) }) {
                        () throws(StoreError) -> SaveOutcome in
                        try store.execute(command, expectingCustomerSeq: expecting, progress: progress)
                    }
                    answers.post(.saved(outcome, done: done, request: request))
                    // The commit stands; a journal that could not take its anchor is said.
                    if let warning = store.anchorJournal?.takeWarning() { answers.post(.failed(warning)) }
                } catch {
                    answers.post(.saveFailed(error, request: request))
                }
            }
            return []
        case .exportCustomers(let ids, let path, let request):
            exportCustomers(ids, path: path, request: request)
            return []
        case .cancelSave(let request):
            inFlight[request]?.cancel()
            return []
        case .previewImpact(let command, let done, let request):
            let store = readStore, answers = readAnswers
            readsInFlight += 1
            reader.async {
                do throws(StoreError) {
                    let impact = try store.statusImpact(of: command)
                    answers.post(.impactPreviewed(command, impact, done: done, request: request))
                } catch {
                    answers.post(.saveFailed(error, request: request))
                }
            }
            return []
        case .loadDetail(let tenantId, let request):
            let store = readStore, answers = readAnswers
            readsInFlight += 1
            reader.async {
                do throws(StoreError) {
                    guard let (customer, seq) = try store.customer(tenantId) else {
                        answers.post(.failed(tr("app.customerGone")))
                        return
                    }
                    let history = StoredEvent.historyEntries(try store.history(of: tenantId))
                    answers.post(.detailLoaded(customer, lastSeq: seq, history: history, request: request))
                } catch {
                    answers.post(.failed(error.description))
                }
            }
            return []
        case .readList(let read):
            let store = readStore, answers = readAnswers, newest = newestListRead
            newest.note(read.request)
            readsInFlight += 1
            reader.async {
                if !read.counting, read.request < newest.value {
                    // Superseded while queued: an empty answer the window drops as stale.
                    answers.post(.listRead(ListAnswer(request: read.request, rows: [], start: 0, total: 0, selected: nil, counts: nil)))
                    return
                }
                do throws(StoreError) {
                    let progress = Self.reporting(tr("progress.recompute")) { answers.post(.listProgress($0)) }
                    answers.post(.listRead(try read.run(on: store, progress: progress)))
                } catch {
                    answers.post(.failed(error.description))
                }
            }
            return []
        case .read(let read):
            let store = readStore, answers = readAnswers
            readsInFlight += 1
            reader.async {
                do throws(StoreError) {
                    answers.post(.roomAnswer(RoomAnswer(request: read.request, result: .success(try read.run(store)))))
                } catch {
                    answers.post(.roomAnswer(RoomAnswer(request: read.request, result: .failure(error))))
                }
            }
            return []
        case .readMarkAll(let query, let limit, let request):
            let store = readStore, answers = readAnswers
            readsInFlight += 1
            reader.async {
                do throws(StoreError) {
                    answers.post(.markAllRead(try store.listTenantIds(query, limit: limit), request: request))
                } catch {
                    answers.post(.failed(error.description))
                }
            }
            return []
        case .writeEvidence(let tenantId, let path, _):
            let store = readStore, answers = readAnswers, now = clock.now()
            readsInFlight += 1
            reader.async {
                do throws(StoreError) {
                    let head = try EvidencePack.write(store: store, tenantId: tenantId, path: path, now: now)
                    answers.post(.evidenceWritten(path: path, seq: head.seq))
                } catch {
                    answers.post(.failed(error.description))
                }
            }
            return []
        case .loadDemo:
            // Off the key path, on the writer's queue like every other write.
            let store = writeStore, answers = answers, today = clock.today()
            writer.async {
                do throws(StoreError) {
                    try store.loadDemo(DemoGenerator(customers: 300, seed: 2018, today: today))
                    answers.post(.loaded(try store.snapshot(limit: 0)))
                    answers.post(.notice(tr("flash.demoLoaded", 300)))
                    if let warning = store.anchorJournal?.takeWarning() { answers.post(.failed(warning)) }
                } catch {
                    answers.post(.failed(error.description))
                }
            }
            return []
        }
    }
}

/// The newest request number noted, read from the reader thread.
final class NewestRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var newest = 0

    func note(_ request: Int) {
        lock.lock()
        newest = max(newest, request)
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return newest
    }
}

/// Events handed from the writer thread to the loop.
final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [AppEvent] = []

    func post(_ event: AppEvent) {
        lock.lock()
        events.append(event)
        lock.unlock()
    }

    func takeAll() -> [AppEvent] {
        lock.lock()
        defer { lock.unlock() }
        let taken = events
        events = []
        return taken
    }
}
