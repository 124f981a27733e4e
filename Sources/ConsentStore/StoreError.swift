import ConsentModel

/// Why the store could not do what was asked. Every message says what to do.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model refused the input; nothing was written.
    case invalid(ValidationError)
    /// The file exists but is not a ConsentDesk store; it was not touched.
    case notAStore(path: String)
    /// SQLite reports the file damaged.
    case corrupted(path: String)
    /// The file was written by a newer ConsentDesk.
    case newerSchema(path: String)
    /// Group or others can write the store or its directory.
    case insecurePermissions(path: String, mode: String)
    /// The location cannot be written.
    case readOnly(path: String)
    /// The disk is full; nothing was written.
    case diskFull
    /// Another desk held the store for too long.
    case busy
    /// Another desk changed the customer since it was shown; nothing was written.
    case conflict(company: String, employee: String)
    /// No customer matches.
    case unknownCustomer(String)
    /// Any other failure of the file, with SQLite's words.
    case io(String)
    /// This computer's clock is before the last recorded change; nothing was written.
    case clockBehind(lastRecorded: String, now: String)
    /// Demo data goes only into a store without customers (another desk may just have loaded it).
    case demoNeedsEmptyStore(path: String)
    /// Demo data never goes into a store that holds a real partner's profile.
    case demoKeepsProfile(name: String, path: String)

    public var description: String {
        switch self {
        case .invalid(let error): return error.description
        case .notAStore(let path): return tr("store.notAStore", path)
        case .corrupted(let path): return tr("store.corrupted", path)
        case .newerSchema(let path): return tr("store.newerSchema", path)
        case .insecurePermissions(let path, let mode): return tr("store.insecure", path, mode)
        case .readOnly(let path): return tr("store.readOnly", path)
        case .diskFull: return tr("store.diskFull")
        case .busy: return tr("store.busy")
        case .conflict(let company, let employee): return tr("store.conflict", UntrustedText.escaped(company), UntrustedText.escaped(employee))
        case .unknownCustomer(let text): return tr("violation.unknownCustomer", UntrustedText.escaped(text))
        case .io(let message): return tr("store.io", message)
        case .clockBehind(let last, let now): return tr("store.clockBehind", last, now)
        case .demoNeedsEmptyStore(let path): return tr("cli.demo.notEmpty", UntrustedText.escaped(path))
        case .demoKeepsProfile(let name, let path): return tr("store.demoHasProfile", UntrustedText.escaped(name), UntrustedText.escaped(path))
        }
    }
}
