import CNcursesw
import Foundation

/// Gives the terminal back when the process is told to stop or crashes. The first SIGTERM,
/// SIGINT or SIGHUP asks the app to end as if the user had quit (the backend reports
/// `TerminalEvent.stop`; a demo store is removed, a save under way finishes); a second SIGTERM
/// or SIGINT ends the program at once. A crash restores the screen, then dies as it would have.
enum TerminalGuard {
    /// The first stop signal received (0: none), kept in C as a `volatile sig_atomic_t`.
    static var stopSignal: Int32 { cd_stop_signal() }

    /// A parent may have left SIGWINCH ignored or signals blocked; ncurses only watches
    /// resizes when SIGWINCH is at its default, so put them back.
    static func resetInheritedSignals() {
        signal(SIGWINCH, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGWINCH, SIGTERM, SIGINT, SIGHUP] { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func install() {
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            signal(sig) { received in
                // A second SIGTERM or SIGINT ends the program at once; a closing terminal can
                // send SIGHUP more than once, and that is still the one request to stop.
                if cd_stop_signal() != 0 {
                    if received == SIGHUP { return }
                    endwin()
                    _exit(128 + received)
                }
                cd_set_stop_signal(received)
            }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { received in
                endwin()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}
