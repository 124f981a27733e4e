import ConsentModel
import ConsentStore
import Foundation

/// Where to write the customer's evidence pack (issue 15.6): one field, the file's path
/// (HTML; a name ending in `.json` gives the JSON pack). Written through the one writer:
/// an existing file, a link or the store's own files are refused.
struct EvidenceForm: LocalFormSpec {
    let tenantId: String?

    init(tenantId: String) { self.tenantId = tenantId }

    func title(in state: AppState) -> String { tr("form.evidence.title", UntrustedText.escaped(state.companyName(tenantId))) }

    func fields(in state: AppState) -> [FormField] {
        let name = state.row(tenantId)?.customer.primaryDomain ?? ""
        let safe = (name.isEmpty ? tenantId ?? "customer" : name).filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
        return [FormField(.outputFile, "evidence-\(safe)-\(state.today.iso).html", required: true)]
    }

    func submit(_ form: inout FormState, app: inout AppState) -> [Effect] {
        let path = form.value(.outputFile).trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty, let tenantId else {
            form.errors[.outputFile] = tr("evidence.pathRequired")
            form.message = tr("form.cannotSave", tr("evidence.pathRequired"))
            return []
        }
        // The file's full path, so the message says where it went (relative to the folder
        // the app was started in).
        let full = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        // An existing file is kept (the writer refuses it too): said here, the form stays
        // open with the name to change.
        if FileManager.default.fileExists(atPath: full) {
            form.errors[.outputFile] = tr("evidence.exists", UntrustedText.escaped(full))
            form.message = tr("form.cannotSave", tr("evidence.exists", UntrustedText.escaped(full)))
            return []
        }
        app.modal = nil
        app.flash = Flash(text: tr("flash.evidenceWriting"), role: .accent)
        app.lastRequest += 1
        return [.writeEvidence(tenantId: tenantId, path: full, request: app.lastRequest)]
    }
}
