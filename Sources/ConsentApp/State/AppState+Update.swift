import ConsentModel
import ConsentStore
import Foundation
import TerminalKit

extension AppState {
    /// The one place state changes: an event in, the new state and the effects out.
    public mutating func update(_ event: AppEvent) -> [Effect] {
        switch event {
        case .key(let key):
            return handle(key)
        case .resize(let w, let h):
            width = w
            height = h
            keepSelectionVisible()
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
        case .saved(let outcome, let done):
            if case .form = modal { modal = nil }
            flash = Flash(text: outcome.seq == nil ? tr("cli.unchanged") : done, role: .accent)
            if let warning = outcome.warnings.first { flash = Flash(text: done + " — " + warning.description, role: .warning) }
            if case .detail(let detail) = screen { return [.loadDetail(tenantId: detail.tenantId)] }
        case .saveFailed(let error):
            if case .form(var form) = modal {
                if case .invalid(let validation) = error { form.show(validation) } else { form.message = error.description }
                modal = .form(form)
            } else {
                flash = Flash(text: error.description, role: .error)
            }
        case .impactPreviewed(let command, let impact, let done):
            var form: FormState?
            if case .form(let shown) = modal { form = shown }
            modal = .confirmImpact(command, impact, done: done, form: form)
        case .detailLoaded(let customer, _, let history):
            if case .detail(var detail) = screen, detail.tenantId == customer.tenantId {
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
        if let modal { return handleModal(modal, key) }
        if case .character = key { flash = nil }
        if filtering { return handleFilter(key) }
        guard let action = Keymap.action(for: key, in: keyContext) else { return [] }
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
        case .profile:
            modal = .form(.profile(in: self))
        case .addCustomer:
            modal = .form(.customer(nil, in: self))
        case .addReseller:
            modal = .form(.addReseller(in: self))
        default:
            break
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

    mutating func handleList(_ action: Action) -> [Effect] {
        switch action {
        case .up: moveSelection(by: -1)
        case .down: moveSelection(by: 1)
        case .pageUp: moveSelection(by: -listHeight)
        case .pageDown: moveSelection(by: listHeight)
        case .top: moveSelection(by: -visible.count)
        case .bottom: moveSelection(by: visible.count)
        case .filter: filtering = true
        case .clearFilter:
            filter = TextField()
            refilter(force: true)
        case .viewAll, .viewBlocked, .viewOutdated:
            let next: QuickView = action == .viewBlocked ? .blocked : action == .viewOutdated ? .outdated : .all
            view = view == next ? .all : next
            refilter(force: true)
        case .sortNext, .sortReverse:
            if action == .sortReverse {
                ascending.toggle()
            } else {
                let all = Column.allCases
                sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
                ascending = true
            }
            resort()
        case .open:
            guard let row = selectedRow else { return [] }
            screen = .detail(DetailState(tenantId: row.customer.tenantId))
            return [.loadDetail(tenantId: row.customer.tenantId)]
        case .confirm, .editCustomer, .withdraw, .request:
            if let row = selectedRow { openForm(action, for: row) }
        case .templates:
            screen = .templates(selection: 0)
        default:
            break
        }
        return []
    }

    mutating func handleDetail(_ action: Action, _ detail: DetailState) -> [Effect] {
        var detail = detail
        switch action {
        case .up: detail.scroll = max(0, detail.scroll - 1)
        case .down: detail.scroll += 1
        case .pageUp: detail.scroll = max(0, detail.scroll - (height - 4))
        case .pageDown: detail.scroll += height - 4
        case .top: detail.scroll = 0
        case .confirm, .editCustomer, .withdraw, .request:
            if let index = indexByTenant[detail.tenantId] { openForm(action, for: rows[index]) }
            return []
        default: return []
        }
        screen = .detail(detail)
        return []
    }

    mutating func handleTemplates(_ action: Action, _ selection: Int) -> [Effect] {
        let count = catalog.templates.count
        switch action {
        case .up: screen = .templates(selection: max(0, selection - 1))
        case .down: screen = .templates(selection: min(max(0, count - 1), selection + 1))
        case .addTemplate: modal = .form(.addTemplate(in: self))
        case .retireTemplate:
            if selection < count, !catalog.templates[selection].retired {
                modal = .retire(templateId: catalog.templates[selection].templateId)
            }
        default: break
        }
        return []
    }

    mutating func openForm(_ action: Action, for row: CustomerRow) {
        switch action {
        case .confirm:
            if !row.customer.cloud.supportsConfirmation {
                flash = Flash(text: ConsentViolation.nationalCloud(row.customer.cloud).description, role: .error)
                return
            }
            modal = .form(.confirm(row, in: self))
        case .editCustomer: modal = .form(.customer(row, in: self))
        case .withdraw:
            if row.customer.confirmation == nil || row.customer.withdrawal != nil {
                flash = Flash(text: (row.customer.withdrawal != nil ? ConsentViolation.alreadyWithdrawn : .nothingToWithdraw).description, role: .error)
                return
            }
            modal = .form(.withdraw(row, in: self))
        case .request: modal = .form(.request(row, in: self))
        default: break
        }
    }

    mutating func handleFilter(_ key: Key) -> [Effect] {
        switch Keymap.action(for: key, in: .filter) {
        case .acceptFilter:
            filtering = false
            return []
        case .clearFilter:
            filtering = false
            filter = TextField()
            refilter(force: true)
            return []
        case .quit:
            quitting = true
            return [.quit]
        default:
            break
        }
        switch key {
        case .up, .down, .pageUp, .pageDown:
            filtering = false
            let effects = handle(key)
            filtering = true
            return effects
        default:
            if filter.handle(key) { refilter() }
            return []
        }
    }

    mutating func handleModal(_ modal: Modal, _ key: Key) -> [Effect] {
        switch modal {
        case .form(let form):
            return handleForm(form, key)
        case .discard(let form):
            if key == .character("y") || key == .character("Y") { self.modal = nil }
            else if key == .character("n") || key == .character("N") || key == .escape { self.modal = .form(form) }
        case .quit(let form):
            if key == .character("y") || key == .character("Y") {
                quitting = true
                return [.quit]
            }
            if key == .character("n") || key == .character("N") || key == .escape { self.modal = form.map { .form($0) } }
        case .retire(let id):
            if key == .character("y") || key == .character("Y") {
                self.modal = nil
                return [.previewImpact(.retireTemplate(templateId: id), done: tr("cli.templates.retired", id))]
            }
            if key == .character("n") || key == .character("N") || key == .escape { self.modal = nil }
        case .confirmImpact(let command, _, let done, let form):
            if key == .character("y") || key == .character("Y") {
                self.modal = form.map { .form($0) }
                return [.save(command, expecting: nil, done: done)]
            }
            if key == .character("n") || key == .character("N") || key == .escape {
                if var form {
                    form.message = tr("impact.cancelled")
                    self.modal = .form(form)
                } else {
                    self.modal = nil
                    flash = Flash(text: tr("impact.cancelled"), role: .accent)
                }
            }
        }
        return []
    }

    mutating func handleForm(_ form: FormState, _ key: Key) -> [Effect] {
        var form = form
        defer { if case .form = modal { modal = .form(form) } }
        let action = Keymap.action(for: key, in: .form)
        let field = form.fields[form.focus]
        // Text editing comes first, so letters and Space type into text fields.
        let navigation: Set<Action> = [.nextField, .previousField, .save, .cancel, .quit]
        if field.choices == nil, !field.readOnly, key != .enter, !(action.map(navigation.contains) ?? false),
           form.fields[form.focus].input.handle(key) {
            form.message = nil
            return []
        }
        if field.choices != nil, let count = field.choices?.count, count > 0 {
            if key == .right || key == .character(" ") {
                form.fields[form.focus].selected = (field.selected + 1) % count
                form.revalidate(in: self)
                return []
            }
            if key == .left {
                form.fields[form.focus].selected = (field.selected + count - 1) % count
                form.revalidate(in: self)
                return []
            }
        }
        switch action {
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
        default:
            if key == .enter {
                // Enter moves on; on the last field it saves.
                if form.focus == form.fields.count - 1 { return save(&form) }
                form.touched.insert(field.field)
                form.focus = nextFocus(form, forward: true)
                form.revalidate(in: self)
            }
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
        form.message = tr("form.saving")
        let done: String
        switch form.kind {
        case .confirm: done = tr("flash.confirmed", nameOf(form.tenantId))
        case .addCustomer: done = tr("cli.add.done", UntrustedText.escaped(form.value(.companyName)))
        case .editCustomer: done = tr("flash.edited", nameOf(form.tenantId))
        case .withdraw: done = tr("cli.withdraw.done", nameOf(form.tenantId))
        case .request: done = tr("cli.request.done", nameOf(form.tenantId))
        case .profile: done = tr("cli.profile.saved")
        case .addTemplate: done = tr("cli.templates.added", form.value(.templateId))
        case .addReseller: done = tr("flash.resellerAdded", UntrustedText.escaped(form.value(.resellerName)))
        }
        switch form.kind {
        case .profile, .addTemplate:
            // A change of policy: first count whom it moves (the runner saves at once when nobody).
            return [.previewImpact(command, done: done)]
        default:
            return [.save(command, expecting: form.expectingSeq, done: done)]
        }
    }

    func nameOf(_ tenantId: String?) -> String {
        guard let tenantId, let index = indexByTenant[tenantId] else { return "" }
        return UntrustedText.escaped(rows[index].customer.companyName)
    }
}
