import ConsentModel
import ConsentStore
import Foundation

/// Where to write the marked customers as CSV (the customers CSV `import` reads back).
struct ExportMarkedForm: FormSpec {
    let tenantIds: [String]

    /// The form for the marked customers, when any are marked and the list is showing.
    static func forMarked(in state: AppState) -> ExportMarkedForm? {
        guard !state.marked.isEmpty, case .list = state.screen else { return nil }
        return ExportMarkedForm(tenantIds: state.marked.sorted())
    }

    func title(in state: AppState) -> String { tr("form.exportMarked.title", tenantIds.count) }

    func fields(in state: AppState) -> [FormField] {
        [FormField(.exportFile, "consentdesk-marked-\(state.today.iso).csv", required: true)]
    }

    /// Nothing is saved in the store: the file is written by `AppState.saveFile`. Only an
    /// empty path is a mistake the form shows.
    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning]) {
        if form.value(.exportFile).trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError([.missing(.exportFile)]) }
        throw ValidationError([])
    }

    /// Never shown: `AppState.exported` says what the export did.
    func done(_ form: FormState, in state: AppState) -> CompletedChange { .requestedMany(count: tenantIds.count) }
}

extension AppState {
    /// Saving a form that writes a file rather than the store (the export of marked
    /// customers): the write runs off the key path; nil for every other form.
    mutating func saveFile(_ form: inout FormState) -> [Effect]? {
        guard let export = form.spec as? ExportMarkedForm else { return nil }
        let typed = form.value(.exportFile).trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else {
            form.touched.insert(.exportFile)
            form.revalidate(in: self)
            form.message = tr("form.cannotSave", ConsentViolation.missing(.exportFile).description)
            return []
        }
        // A relative path is beside where the app was started, as on the command line.
        let path = (typed as NSString).expandingTildeInPath
        form.message = tr("form.saving")
        lastRequest += 1
        saving = PendingSave(request: lastRequest)
        return [.exportCustomers(export.tenantIds, path: path, request: lastRequest)]
    }

    /// The export's answer: the form closes and the flash says how many and where.
    mutating func exported(count: Int, path: String, request: Int) {
        guard request == saving?.request else { return }
        saving = nil
        if case .form = modal { modal = nil }
        flash = Flash(text: tr("flash.exported", count, UntrustedText.escaped(path)), role: .accent)
    }
}
