import ConsentModel
import ConsentStore
import Foundation
import TerminalKit

extension AppState {
    /// The one place state changes: an event in, the new state and the effects out.
    public mutating func update(_ event: AppEvent) -> [Effect] {
        switch event {
        case .key(let key):
            if let saving { return handleWhileSaving(key, saving) }
            return handle(key)
        case .typed(let characters):
            return type(characters)
        case .pasted(let text):
            return paste(text)
        case .resize(let w, let h):
            width = w
            height = h
            if window.lastRequest > 0 { return readingList(window.resize(height: listHeight)) }
        case .loaded(let snapshot):
            return apply(snapshot)
        case .changed(let changes):
            let before = headSeq
            if before > 0, changes.headSeq > before, changes.customersTouched > 0, flash == nil {
                flash = Flash(text: tr("flash.otherDesk", changes.customersTouched), role: .accent)
            }
            // The window's page and counts are read again, the cursor on its customer.
            return apply(changes)
        case .saved(let outcome, let done, let request):
            guard let pending = saving, request == pending.request else { return lateSave(outcome, done: done, request: request) }
            saving = nil
            work = nil
            if case .form = modal { modal = nil }
            flash = Flash(text: outcome.seq == nil ? tr("flash.unchanged") : done.message, role: .accent)
            if let warning = outcome.warnings.first { flash = Flash(text: done.message + " — " + warning.description, role: .warning) }
            // A customer just added: the cursor moves to it.
            if let added = pending.follow, outcome.seq != nil { return readingList(window.follow(added)) }
            if case .detail(let detail) = screen { return reloadDetail(detail) }
        case .saveFailed(let error, let request):
            guard request == saving?.request else { return [] }
            saving = nil
            work = nil
            var before: Customer?, tenantId: String?
            if case .form(var form) = modal {
                if case .invalid(let validation) = error { form.show(validation) } else { form.message = error.description }
                (before, tenantId) = (form.original, form.tenantId)
                modal = .form(form)
            } else {
                flash = Flash(text: error.description, role: .error)
            }
            // Another desk changed the customer: read it again and say what changed.
            if case .conflict = error { return reloadAfterConflict(tenantId, before: before) }
        case .saveWaiting(let request):
            if request == saving?.request { saving?.waiting = true }
        case .saveProgress(let progress, let request):
            if request == saving?.request { work = progress }
        case .listProgress(let progress):
            work = progress
        case .impactPreviewed(let command, let impact, let done, let request):
            guard request == saving?.request else { return [] }
            saving = nil
            guard let impact, impact.movesAnyone else { return startSave(command, expecting: nil, done: done) }
            var form: FormState?
            if case .form(let shown) = modal { form = shown }
            modal = .confirmImpact(command, impact, done: done, form: form)
        case .detailLoaded(let customer, let lastSeq, let history, let request):
            conflictLoaded(customer, lastSeq: lastSeq, request: request)
            // An answer to an older read (another customer opened since, or reloaded) is dropped.
            if case .detail(var detail) = screen, detail.request == request, detail.tenantId == customer.tenantId {
                detail.customer = customer
                detail.lastSeq = lastSeq
                detail.history = history
                screen = .detail(detail)
            }
        case .markAllRead(let ids, let request):
            markAllRead(ids, request: request)
        case .listRead(let answer):
            // The read that re-evaluated has answered (later reads wait for it).
            if saving == nil { work = nil }
            window.apply(answer)
            // An answer for a place the cursor has left: the rows it is on now are read.
            return readingList(window.refill())
        case .roomAnswer(let answer):
            // To the room showing; it keeps only the answer to its newest request.
            guard case .room(let room) = screen else { return [] }
            switch answer.result {
            case .success(let value): return room.received(value, request: answer.request, app: &self)
            case .failure(let error):
                if saving == nil { work = nil }
                flash = Flash(text: error.description, role: .error)
            }
        case .evidenceWritten(let path, let seq):
            flash = Flash(text: tr("flash.evidenceWritten", UntrustedText.escaped(path), seq), role: .accent)
        case .failed(let message):
            // A read that failed after it reported progress reports nothing more.
            if saving == nil { work = nil }
            flash = Flash(text: message, role: .error)
        case .notice(let message):
            flash = Flash(text: message, role: .accent)
        case .exported(let count, let path, let request):
            exported(count: count, path: path, request: request)
        case .tick(let date):
            let day = today
            now = date
            if today != day && loaded { return newDay() }
        }
        return []
    }

    mutating func handle(_ key: Key) -> [Effect] {
        if case .mouse(let event) = key { return handleMouse(event) }
        if let modal, case .form(let form) = modal { return handleForm(form, key) }
        if let modal {
            guard let action = Keymap.action(for: key, in: .question) else { return [] }
            return answer(modal, action)
        }
        if case .character = key { flash = nil }
        if filtering { return handleFilter(key) }
        guard let action = Keymap.action(for: key, in: keyContext) else { return [] }
        if case .unavailable(let reason) = Keymap.availability(of: action, in: self) {
            flash = Flash(text: tr("app.unavailable", tr("action.\(action.rawValue)"), reason.description), role: .warning)
            return []
        }
        switch action {
        case .quit:
            quitting = true
            return [.quit]
        case .back:
            screen = .list
        case .loadDemo:
            // Asked first (`Modal.loadDemo`): demo customers stay in this store's history for good.
            modal = .loadDemo
            return []
        default:
            // An action that opens a screen (ScreenRegistry) or a form (FormRegistry) opens it here.
            if let room = ScreenRegistry.screen(for: action, in: self) {
                screen = .room(room)
                return room.opening(app: &self)
            }
            if let spec = FormRegistry.form(for: action, in: self) {
                modal = .form(FormState(spec, in: self))
                return []
            }
        }
        switch screen {
        case .list: return handleList(action)
        case .detail(let detail): return handleDetail(action, detail)
        case .room(let room): return room.handle(action, app: &self)
        }
    }

    /// Reads the shown customer again (after a save, or another desk's change), as a new request.
    mutating func reloadDetail(_ detail: DetailState, keepingChanges: Bool = false) -> [Effect] {
        lastRequest += 1
        var detail = detail
        detail.request = lastRequest
        // A save went through: what another desk changed before it is old news now. (When
        // the poll notices that other desk's change, what it changed stays said.)
        if !keepingChanges { detail.changes = [] }
        screen = .detail(detail)
        return [.loadDetail(tenantId: detail.tenantId, request: lastRequest)]
    }

}
