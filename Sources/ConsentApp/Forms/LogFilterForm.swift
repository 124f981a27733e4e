import ConsentModel
import ConsentStore

/// The activity log's filters (the same as `consentdesk log`): days (YYYY-MM-DD), an
/// employee, a customer (tenant id, domain or name) and a kind. Empty fields filter nothing.
struct LogFilterForm: LocalFormSpec {
    let query: ActivityQuery

    func title(in state: AppState) -> String { tr("form.logFilter.title") }

    func fields(in state: AppState) -> [FormField] {
        let kinds = [Choice(value: "", label: tr("log.allKinds"))]
            + ConsentEvent.storedKinds.map { Choice(value: $0, label: ConsentEvent.kebabKind($0)) }
        return [
            FormField(.since, query.since?.iso ?? ""),
            FormField(.until, query.until?.iso ?? ""),
            FormField(.employee, query.employee ?? ""),
            FormField(.customer, query.customer ?? ""),
            FormField(.kind, choices: kinds, selected: query.kinds?.first ?? "", required: false),
        ]
    }

    func submit(_ form: inout FormState, app: inout AppState) -> [Effect] {
        var query = ActivityQuery(limit: LogScreen.pageSize)
        form.errors = [:]
        func day(_ field: Field) -> Day? {
            let text = form.value(field).trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return nil }
            guard let day = Day(strict: text) else {
                form.errors[field] = tr("log.badDay", UntrustedText.escaped(text))
                return nil
            }
            return day
        }
        query.since = day(.since)
        query.until = day(.until)
        if let first = form.errors.values.first {
            form.message = tr("form.cannotSave", first)
            return []
        }
        func text(_ field: Field) -> String? {
            let value = form.value(field).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        query.employee = text(.employee)
        query.customer = text(.customer)
        query.kinds = text(.kind).map { [$0] }
        app.modal = nil
        guard var log = app.logScreen else { return [] }
        log.query = query
        return log.reading(app: &app, after: nil)
    }
}
