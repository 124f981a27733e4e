import CNcursesw
import CTerminalSignals
import Foundation

/// Gives the terminal back when the process is told to stop, is suspended, or crashes.
///
/// The first SIGTERM, SIGINT, SIGHUP or SIGQUIT asks the app to end as if the user had quit
/// (the backend reports `TerminalEvent.stop`; a demo store is removed, a save under way
/// finishes; the exit status is 128 + signal); a second SIGTERM, SIGINT or SIGQUIT ends the
/// program at once, after removing what was registered with `removeOnForcedExit` (a closing
/// terminal can send SIGHUP more than once: that is still the one request to stop). SIGTSTP
/// (and Ctrl-Z) suspends the app: the terminal is given back, and drawn whole on SIGCONT.
/// A crash restores the screen, then dies as it would have.
///
/// The flags live in C (`CTerminalSignals`), defined once: the handlers and the loop share them.
enum TerminalGuard {
    /// The signals that end the app as quitting does.
    static let stopSignals = [SIGTERM, SIGINT, SIGHUP, SIGQUIT]

    /// The first stop signal received (0: none).
    static var stopSignal: Int32 { cd_stop_signal() }

    /// A parent may have left SIGWINCH ignored or signals blocked; ncurses only watches
    /// resizes when SIGWINCH is at its default, so put them back.
    static func resetInheritedSignals() {
        signal(SIGWINCH, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGWINCH, SIGTSTP, SIGCONT] + stopSignals { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// From the moment the app is asked for (before a demo store is made): a stop signal is
    /// noted for the loop, not obeyed at once.
    static func catchStopSignals() {
        for sig in stopSignals {
            signal(sig) { received in
                if cd_stop_signal() != 0 {
                    if received == SIGHUP { return }
                    // Only what a handler may call: unlink, rmdir, write, _exit (and endwin,
                    // as ncurses' own handlers do).
                    cd_run_cleanup()
                    TerminalGuard.writeBracketedPaste(on: false)
                    endwin()
                    _exit(128 + received)
                }
                cd_set_stop_signal(received)
            }
        }
    }

    /// Once curses runs: stop signals, suspend and continue, crashes.
    static func install() {
        catchStopSignals()
        catchSuspend()
        signal(SIGCONT) { _ in cd_set_continued() }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { received in
                TerminalGuard.writeBracketedPaste(on: false)
                endwin()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    /// SIGTSTP (`kill -TSTP`) is noted; the loop suspends the app (`NcursesBackend.suspend`).
    static func catchSuspend() {
        signal(SIGTSTP) { _ in cd_set_suspend_request() }
    }

    /// Turns the terminal's bracketed paste on or off (a paste then arrives between
    /// ESC[200~ and ESC[201~). Written straight to the terminal: safe in a signal handler.
    static func writeBracketedPaste(on: Bool) {
        let sequence: StaticString = on ? "\u{1B}[?2004h" : "\u{1B}[?2004l"
        _ = write(STDOUT_FILENO, sequence.utf8Start, sequence.utf8CodeUnitCount)
    }
}
