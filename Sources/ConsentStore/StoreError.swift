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
    /// A read found no store at the path; nothing was created.
    case noStore(path: String)
    /// Where the store file should be there is something else (a folder, a named pipe, an
    /// empty file); it was left as it is.
    case notAStoreFile(path: String, kind: StoreFileKind)
    /// A row of the store cannot be read: `table`, the row (tenant id, key or row number)
    /// and what is wrong with it, without its content.
    case damaged(table: String, row: String, detail: String)
    /// A file (backup, export) could not be written; the store was not changed.
    case file(FileWriteError)
    /// This computer's clock is before the last recorded change; nothing was written.
    case clockBehind(lastRecorded: String, now: String)
    /// Demo data goes only into a store without customers (another desk may just have loaded it).
    case demoNeedsEmptyStore(path: String)
    /// Demo data never goes into a store that holds a real partner's profile.
    case demoKeepsProfile(name: String, path: String)
    /// A change for several customers refused for some of them: nothing was written.
    /// Each line names a customer and why.
    case bulkRefused([String])
    /// An evidence pack whose text could not be made (nothing was written).
    case evidenceNotMade
    /// A signing key, checkpoint or proof could not be made or does not hold.
    case proof(ProofError)

    public var description: String {
        switch self {
        case .invalid(let error): return error.description
        case .notAStore(let path): return tr("store.notAStore", UntrustedText.escaped(path))
        case .corrupted(let path): return tr("store.corrupted", UntrustedText.escaped(path))
        case .newerSchema(let path): return tr("store.newerSchema", UntrustedText.escaped(path))
        case .insecurePermissions(let path, let mode): return tr("store.insecure", UntrustedText.escaped(path), mode)
        case .readOnly(let path): return tr("store.readOnly", UntrustedText.escaped(path))
        case .diskFull: return tr("store.diskFull")
        case .busy: return tr("store.busy")
        case .conflict(let company, let employee): return tr("store.conflict", UntrustedText.escaped(company), UntrustedText.escaped(employee))
        case .unknownCustomer(let text): return tr("violation.unknownCustomer", UntrustedText.escaped(text))
        case .io(let message): return tr("store.io", message)
        case .noStore(let path): return tr("store.noStore", UntrustedText.escaped(path))
        case .notAStoreFile(let path, let kind): return tr("store.kind.\(kind.rawValue)", UntrustedText.escaped(path))
        case .damaged(let table, let row, let detail):
            return tr("store.damaged", table, UntrustedText.escaped(row), detail)
        case .file(let error): return error.description
        case .clockBehind(let last, let now): return tr("store.clockBehind", last, now)
        case .demoNeedsEmptyStore(let path): return tr("cli.demo.notEmpty", UntrustedText.escaped(path))
        case .demoKeepsProfile(let name, let path): return tr("store.demoHasProfile", UntrustedText.escaped(name), UntrustedText.escaped(path))
        case .bulkRefused(let lines): return tr("store.bulkRefused", lines.count) + " " + lines.joined(separator: "; ")
        case .evidenceNotMade: return tr("store.evidenceNotMade")
        case .proof(let error): return error.description
        }
    }
}

/// What stands where a store file should be, when it is not one.
public enum StoreFileKind: String, Sendable {
    /// A folder.
    case folder
    /// A named pipe (FIFO).
    case namedPipe
    /// A file of 0 bytes (an interrupted copy, a `touch`).
    case empty
    /// A device, socket or other special file.
    case special
}
