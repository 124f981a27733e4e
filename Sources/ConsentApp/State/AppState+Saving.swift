import ConsentModel
import ConsentStore
import Foundation
import TerminalKit

/// A save the store is working on, off the key path.
public struct PendingSave: Sendable, Hashable {
    /// Which save: answers to any other are stale.
    public let request: Int
    /// Whether the store has said it waits for another desk's write lock.
    public var waiting = false
    /// The customer the list's cursor moves to once saved (one being added).
    public var follow: String?
}

extension AppState {
    /// Asks the runner to save `command`; its answer comes back tagged with the request.
    mutating func startSave(_ command: StoreCommand, expecting: Int64?, done: CompletedChange) -> [Effect] {
        lastRequest += 1
        saving = PendingSave(request: lastRequest)
        if case .addCustomer = command { saving?.follow = command.tenantId }
        return [.save(command, expecting: expecting, done: done, request: lastRequest)]
    }

    /// A change of policy: first counts whom it moves; saved at once when nobody moves,
    /// else the app asks (`Modal.confirmImpact`).
    mutating func startPolicySave(_ command: StoreCommand, done: CompletedChange) -> [Effect] {
        lastRequest += 1
        saving = PendingSave(request: lastRequest)
        return [.previewImpact(command, done: done, request: lastRequest)]
    }

    /// While a save runs: Esc (or Ctrl-C) cancels it and keeps the form as typed; other keys
    /// are ignored, so nothing typed changes a form that is being saved.
    mutating func handleWhileSaving(_ key: Key, _ pending: PendingSave) -> [Effect] {
        guard key == .escape || key == .control("c") else { return [] }
        saving = nil
        work = nil
        cancelledRequest = pending.request
        if case .form(var form) = modal {
            form.message = tr("form.saveCancelled")
            modal = .form(form)
        } else {
            flash = Flash(text: tr("flash.saveCancelled"), role: .warning)
        }
        return [.cancelSave(request: pending.request)]
    }

    /// An answer to a save that is no longer awaited. A cancelled save that was written
    /// anyway (the lock came free as Esc was pressed) is said so; other stale answers are dropped.
    mutating func lateSave(_ outcome: SaveOutcome, done: CompletedChange, request: Int) -> [Effect] {
        guard request == cancelledRequest, outcome.seq != nil else { return [] }
        cancelledRequest = nil
        if case .form = modal { modal = nil }
        flash = Flash(text: tr("flash.savedBeforeCancel", done.message), role: .warning)
        return []
    }

    /// Characters typed or pasted at once: into the focused text field of a form in one go
    /// (cut at the field's limit); anywhere else, key by key.
    mutating func type(_ characters: [Character]) -> [Effect] {
        if saving == nil, case .form(var form) = modal, form.fields[form.focus].acceptsText {
            modal = nil // the form is changed in place, not copied with every paste
            form.type(characters)
            modal = .form(form)
            return []
        }
        var effects: [Effect] = []
        for character in characters where !quitting { effects += update(.key(.character(character))) }
        return effects
    }

    /// Whether typed characters go into a text field now (so a paste can be taken at once).
    public var acceptsText: Bool {
        guard saving == nil, case .form(let form) = modal else { return false }
        return form.fields[form.focus].acceptsText
    }
}
