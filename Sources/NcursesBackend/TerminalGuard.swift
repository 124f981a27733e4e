import CNcursesw
import Foundation

/// Gives the terminal back when the process is told to stop or crashes: SIGTERM,
/// SIGINT and SIGHUP end the program cleanly; a crash restores the screen, then dies
/// as it would have.
enum TerminalGuard {
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
                endwin()
                _exit(128 + received)
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
