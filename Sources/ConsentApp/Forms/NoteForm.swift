import ConsentModel
import ConsentStore

/// Write a note on a customer (issue 15.1): one text field, checked by the model like
/// every other free text; recorded with the employee and the time.
struct NoteForm: FormSpec {
    let tenantId: String?

    init(tenantId: String) { self.tenantId = tenantId }

    func title(in state: AppState) -> String { tr("form.note.title", UntrustedText.escaped(state.companyName(tenantId))) }

    func fields(in state: AppState) -> [FormField] {
        [FormField(.note, required: true)]
    }

    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning]) {
        (.note(tenantId: tenantId ?? "", text: try ConsentRules.note(form.value(.note))), [])
    }

    func done(_ form: FormState, in state: AppState) -> CompletedChange { .noted(company: state.companyName(tenantId)) }
}
