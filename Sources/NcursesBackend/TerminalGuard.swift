import CNcursesw
import Foundation

/// Gives the terminal back when the process is told to stop or crashes: SIGTERM,
/// SIGINT and SIGHUP end the program cleanly; a crash restores the screen, then dies
/// as it would have.
enum TerminalGuard {
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
