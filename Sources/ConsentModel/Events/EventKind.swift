/// The kind of an event, as stored beside its payload (the `kind` column) and compared in
/// Swift and in SQL: one name per kind, so a new kind is added here and every switch over
/// kinds and events (no `default:`) says where it must be handled.
public enum EventKind: String, CaseIterable, Hashable, Sendable {
    case profileSet, templateAdded, templateRetired, customerAdded, customerEdited
    case confirmed, requested, withdrawn, imported, voided, noted, keyAdded, keyRetired

    /// The stored kind as an SQL string literal, for a query: `'confirmed'`.
    public var sql: String { "'\(rawValue)'" }

    /// The kinds as an SQL list for `IN (…)`: `'keyAdded', 'keyRetired'`.
    public static func sqlList(_ kinds: [EventKind]) -> String { kinds.map(\.sql).joined(separator: ", ") }

    /// Whether events of this kind are about one customer (stored with its tenant id).
    public var isAboutACustomer: Bool {
        switch self {
        case .customerAdded, .customerEdited, .confirmed, .requested, .withdrawn, .voided, .noted: return true
        case .profileSet, .templateAdded, .templateRetired, .imported, .keyAdded, .keyRetired: return false
        }
    }
}
