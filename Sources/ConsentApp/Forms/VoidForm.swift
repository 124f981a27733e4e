import ConsentModel
import ConsentStore

/// Void the selected history entry (rule 12): asks for the reason; dangerous, so the app
/// asks first, saying what will happen.
struct VoidForm: FormSpec {
    /// The entry to void.
    let entry: HistoryEntry
    let tenantId: String?

    init(entry: HistoryEntry, tenantId: String?) {
        self.entry = entry
        self.tenantId = tenantId
    }

    func title(in state: AppState) -> String { tr("form.void.title", entry.seq) }

    func fields(in state: AppState) -> [FormField] {
        [FormField(.reason, required: true)]
    }

    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning]) {
        (.void(seq: entry.seq, reason: try ConsentRules.voidReason(form.value(.reason))), [])
    }

    func done(_ form: FormState, in state: AppState) -> CompletedChange { .voided(seq: entry.seq) }

    var dangerousAction: Action? { .voidEvent }

    func consequence(in state: AppState) -> String {
        // The summary is already escaped (`HistoryEntry.summary`).
        tr("modal.void", entry.seq, entry.summary, UntrustedText.escaped(state.companyName(tenantId)))
    }
}
