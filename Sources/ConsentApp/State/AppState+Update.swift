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
        case .resize(let w, let h):
            width = w
            height = h
        case .loaded(let snapshot):
            apply(snapshot)
        case .rowsLoaded(let rows, let header):
            install(rows, header: header)
        case .changed(let changes):
            let before = headSeq
            apply(changes)
            if before > 0, changes.headSeq > before, !changes.customers.isEmpty, flash == nil {
                flash = Flash(text: tr("flash.otherDesk", changes.customers.count), role: .accent)
            }
        case .saved(let outcome, let done, let request):
            guard request == saving?.request else { return lateSave(outcome, done: done, request: request) }
            saving = nil
            if case .form = modal { modal = nil }
            flash = Flash(text: outcome.seq == nil ? tr("flash.unchanged") : done.message, role: .accent)
            if let warning = outcome.warnings.first { flash = Flash(text: done.message + " — " + warning.description, role: .warning) }
            if case .detail(let detail) = screen { return reloadDetail(detail) }
        case .saveFailed(let error, let request):
            guard request == saving?.request else { return [] }
            saving = nil
            if case .form(var form) = modal {
                if case .invalid(let validation) = error { form.show(validation) } else { form.message = error.description }
                modal = .form(form)
            } else {
                flash = Flash(text: error.description, role: .error)
            }
        case .saveWaiting(let request):
            if request == saving?.request { saving?.waiting = true }
        case .impactPreviewed(let command, let impact, let done, let request):
            guard request == saving?.request else { return [] }
            saving = nil
            guard let impact, impact.movesAnyone else { return startSave(command, expecting: nil, done: done) }
            var form: FormState?
            if case .form(let shown) = modal { form = shown }
            modal = .confirmImpact(command, impact, done: done, form: form)
        case .detailLoaded(let customer, _, let history, let request):
            // An answer to an older read (another customer opened since, or reloaded) is dropped.
            if case .detail(var detail) = screen, detail.request == request, detail.tenantId == customer.tenantId {
                detail.customer = customer
                detail.history = history
                screen = .detail(detail)
            }
        case .failed(let message):
            flash = Flash(text: message, role: .error)
        case .tick(let date):
            let day = today
            now = date
            if today != day && loaded { newDay() }
        }
        return []
    }

    mutating func handle(_ key: Key) -> [Effect] {
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
        case .help:
            screen = .help(scroll: 0)
        case .back:
            screen = .list
        case .loadDemo:
            flash = Flash(text: tr("flash.loadingDemo"), role: .accent)
            return [.loadDemo]
        default:
            // An action that opens a form (FormRegistry) opens it here, on any screen.
            if let spec = FormRegistry.form(for: action, in: self) {
                modal = .form(FormState(spec, in: self))
                return []
            }
        }
        switch screen {
        case .list: return handleList(action)
        case .detail(let detail): return handleDetail(action, detail)
        case .help(let scroll):
            let step = action == .down ? 1 : action == .up ? -1 : action == .pageDown ? height - 3 : action == .pageUp ? 3 - height : 0
            screen = .help(scroll: max(0, scroll + step))
        case .templates(let selection):
            return handleTemplates(action, selection)
        }
        return []
    }

    mutating func handleFilter(_ key: Key) -> [Effect] {
        switch Keymap.action(for: key, in: .filter) {
        case .acceptFilter:
            filtering = false
        case .clearFilter:
            filtering = false
            list.clearFilter()
        case .quit:
            quitting = true
            return [.quit]
        case .some(let action):
            // Moving the cursor while the filter stays open.
            return handleList(action)
        case nil:
            _ = list.editFilter(key)
        }
        return []
    }

    /// The answer to a yes/no question (`Keymap`'s question bindings).
    mutating func answer(_ modal: Modal, _ action: Action) -> [Effect] {
        let yes = action == .yes
        guard yes || action == .no || action == .cancel else { return [] }
        switch modal {
        case .form:
            break
        case .discard(let form):
            self.modal = yes ? nil : .form(form)
        case .quit(let form):
            if yes {
                quitting = true
                return [.quit]
            }
            self.modal = form.map { .form($0) }
        case .dangerous(let change):
            if yes {
                self.modal = change.form.map { .form($0) }
                if change.changesPolicy { return startPolicySave(change.command, done: change.done) }
                return startSave(change.command, expecting: change.expecting, done: change.done)
            }
            notSaved(keeping: change.form)
        case .confirmImpact(let command, _, let done, let form):
            if yes {
                self.modal = form.map { .form($0) }
                return startSave(command, expecting: nil, done: done)
            }
            notSaved(keeping: form)
        }
        return []
    }

    /// After no: back to the form with "Nothing was saved", or the message alone.
    mutating func notSaved(keeping form: FormState?) {
        if var form {
            form.message = tr("impact.cancelled")
            modal = .form(form)
        } else {
            modal = nil
            flash = Flash(text: tr("impact.cancelled"), role: .accent)
        }
    }

    mutating func handleForm(_ form: FormState, _ key: Key) -> [Effect] {
        var form = form
        defer { if case .form = modal { modal = .form(form) } }
        let action = Keymap.action(for: key, in: .form)
        let field = form.fields[form.focus]
        // Text editing comes first, so letters and Space type into text fields.
        let navigation: Set<Action> = [.nextField, .previousField, .save, .cancel, .quit]
        if field.acceptsText, case .character(let character) = key {
            form.type(CollectionOfOne(character))
            return []
        }
        if field.acceptsText, action != .advance, !(action.map(navigation.contains) ?? false),
           form.fields[form.focus].input.handle(key) {
            form.message = nil
            return []
        }
        switch action {
        case .cycleChoice, .previousChoice:
            guard let count = field.choices?.count, count > 0 else { return [] }
            form.fields[form.focus].selected = (field.selected + (action == .cycleChoice ? 1 : count - 1)) % count
            form.revalidate(in: self)
        case .nextField, .previousField:
            form.touched.insert(field.field)
            form.focus = nextFocus(form, forward: action == .nextField)
            form.revalidate(in: self)
        case .save:
            return save(&form)
        case .cancel:
            if form.isDirty { modal = .discard(form); return [] }
            modal = nil
        case .quit:
            modal = .quit(form.isDirty ? form : nil)
            if !form.isDirty { quitting = true; return [.quit] }
        case .advance:
            // Enter moves on; on the last field it saves.
            if form.focus == form.fields.count - 1 { return save(&form) }
            form.touched.insert(field.field)
            form.focus = nextFocus(form, forward: true)
            form.revalidate(in: self)
        default:
            break
        }
        return []
    }

    func nextFocus(_ form: FormState, forward: Bool) -> Int {
        var index = form.focus
        for _ in form.fields.indices {
            index = (index + (forward ? 1 : form.fields.count - 1)) % form.fields.count
            if !form.fields[index].readOnly { return index }
        }
        return form.focus
    }

    mutating func save(_ form: inout FormState) -> [Effect] {
        form.touched = Set(form.fields.map(\.field))
        let result = form.validated(in: self)
        guard let command = result.command else {
            form.revalidate(in: self)
            if let error = result.error { form.show(error) }
            return []
        }
        let done = form.spec.done(form, in: self)
        if let action = form.spec.dangerousAction, Keymap.isDangerous(action) {
            // Dangerous: ask first, saying what will happen; the form stays for the answer no.
            modal = .dangerous(DangerousChange(action: action, consequence: form.spec.consequence(in: self), command: command,
                                               expecting: form.expectingSeq, done: done, changesPolicy: form.spec.changesPolicy, form: form))
            return []
        }
        form.message = tr("form.saving")
        // A change of policy: first count whom it moves (saved at once when nobody moves).
        if form.spec.changesPolicy { return startPolicySave(command, done: done) }
        return startSave(command, expecting: form.expectingSeq, done: done)
    }

    /// Reads the shown customer again (after a save), as a new request.
    mutating func reloadDetail(_ detail: DetailState) -> [Effect] {
        lastRequest += 1
        var detail = detail
        detail.request = lastRequest
        screen = .detail(detail)
        return [.loadDetail(tenantId: detail.tenantId, request: lastRequest)]
    }

}
