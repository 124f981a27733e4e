import ConsentModel
import ConsentStore

/// A form whose answer is not a change to the store (the log's filters, where to write an
/// evidence pack): saving it hands the form to `submit`, which checks it and acts.
protocol LocalFormSpec: FormSpec {
    /// Checks `form` (showing what is wrong in it) and does what it asks; the form closes
    /// unless `submit` leaves it open.
    func submit(_ form: inout FormState, app: inout AppState) -> [Effect]
}

extension LocalFormSpec {
    /// Never saved through the store.
    func command(from form: FormState, in state: AppState) throws -> (StoreCommand, [ConsentWarning]) {
        throw ValidationError([])
    }

    func done(_ form: FormState, in state: AppState) -> CompletedChange { .profileSaved }
}
