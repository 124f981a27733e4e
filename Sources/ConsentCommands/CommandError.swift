import ConsentModel
import ConsentStore

/// Why a command failed, with the exit code scripts can rely on.
public enum CommandError: Error, CustomStringConvertible {
    /// The store could not be opened, read or written.
    case store(StoreError)
    /// The rules refused the input; nothing was written.
    case invalid(ValidationError)
    /// An import had bad rows; the report says which.
    case badRows(count: Int)
    /// `verify`: the history or the state is not intact.
    case verifyFailed(String)
    /// An input file that cannot be used, or input the desk refused.
    case input(String)
    /// The command line itself is wrong: an option value that is not one of its choices,
    /// a value in the wrong form, options that do not go together (exit 64).
    case usage(String)
    /// The app cannot draw on this terminal (`TERM` unset, unknown, or unable to place the
    /// cursor); the message says which values work and how to set one (exit 6).
    case terminal(String)

    /// The exit codes, documented in `--help` and the README.
    public var exitCode: Int32 {
        switch self {
        case .store(.conflict), .store(.busy): return ExitCodes.conflict
        case .store(.invalid), .invalid, .badRows, .input, .store(.unknownCustomer): return ExitCodes.invalid
        case .store(.demoNeedsEmptyStore), .store(.demoKeepsProfile), .store(.proof): return ExitCodes.invalid
        case .store: return ExitCodes.store
        case .verifyFailed: return ExitCodes.verifyFailed
        case .usage: return ExitCodes.usage
        case .terminal: return ExitCodes.terminal
        }
    }

    public var description: String {
        switch self {
        case .store(.invalid(let error)), .invalid(let error): return Self.explained(error)
        case .store(let error): return error.description
        case .badRows(let count): return tr("cli.import.badRows", count)
        case .verifyFailed(let report): return report
        case .input(let message), .usage(let message), .terminal(let message): return message
        }
    }

    /// The rules' refusal; a first confirmation on a fresh store also says what a partner
    /// user id is, where to find it and how to set it.
    static func explained(_ error: ValidationError) -> String {
        guard error.violations.contains(.missing(.partnerUserId)) else { return error.description }
        return error.description + "\n" + tr("cli.import.userId.what") + "\n" + tr("cli.userId.fix")
    }

    /// Wraps any error a command meets.
    public static func wrap(_ error: any Error) -> CommandError {
        switch error {
        case let error as CommandError: return error
        case let error as StoreError: return .store(error)
        case let error as FileWriteError: return .store(.file(error))
        case let error as ValidationError: return .invalid(error)
        default: return .input(String(describing: error))
        }
    }
}

/// The process exit codes.
public enum ExitCodes {
    public static let success: Int32 = 0
    /// The store could not be opened, read or written (permissions, disk full, not a store).
    public static let store: Int32 = 1
    /// The input was refused by the rules, no customer or several matched what was typed
    /// (each listed), or an import had bad rows; nothing was written.
    public static let invalid: Int32 = 2
    /// `check`: the transaction is blocked for this customer.
    public static let blocked: Int32 = 3
    /// `verify`: the history or the current state is not intact.
    public static let verifyFailed: Int32 = 4
    /// Another desk changed the same customer or held the store; try again.
    public static let conflict: Int32 = 5
    /// The app cannot draw on this terminal (`TERM` not set, unknown, or `dumb`).
    public static let terminal: Int32 = 6
    /// The command line itself is wrong (an unknown option, a missing argument, an option
    /// value that is not one of its choices).
    public static let usage: Int32 = 64
}
