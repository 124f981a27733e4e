/// Why the app cannot draw on this terminal, found before curses starts.
public enum TerminalProblem: Error, Equatable, Sendable {
    /// `TERM` is not set (or empty): the terminal's kind is unknown.
    case unset
    /// `TERM` names a terminal type terminfo does not know (or there is no terminfo).
    case unknown(String)
    /// `TERM` names a type that cannot place the cursor (`dumb`, a hardcopy terminal).
    case cannotDraw(String)
}
