import ConsentModel
import ConsentStore
import TerminalKit

/// What an open form does with a key: text into the focused field, the rest through the keymap.
extension AppState {
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
            if form.suggestsVoid { selectCurrentConfirmation() }
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

    /// In the detail, selects the newest confirmation that can be voided (the way forward a
    /// refused earlier confirmation names).
    mutating func selectCurrentConfirmation() {
        guard case .detail(var detail) = screen, detail.customer != nil,
              let entry = detail.history.last(where: { $0.kind == EventKind.confirmed.rawValue
                  && ConsentRules.voidAvailability(of: $0).isAvailable }) else { return }
        detail.selectedSeq = entry.seq
        if let line = Renderer.historyLine(of: entry.seq, in: self, detail) {
            let visible = Renderer.detailHeight(height)
            if line < detail.scroll || line >= detail.scroll + visible { detail.scroll = max(0, line - visible / 2) }
        }
        screen = .detail(detail)
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
        if let effects = saveFile(&form) { return effects }
        form.touched = Set(form.fields.map(\.field))
        if let local = form.spec as? any LocalFormSpec { return local.submit(&form, app: &self) }
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
}
