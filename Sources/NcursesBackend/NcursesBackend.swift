import CNcursesw
import CTerminalSignals
import Foundation
import TerminalKit

/// The ncurses screen backend: the only code that talks to the terminal.
public final class NcursesBackend: ScreenBackend {
    private let theme: [StyleRole: Int32]
    /// Whether the terminal shows colour (false for TERM=vt100 and the like).
    public let hasColour: Bool
    private var active = true

    /// The key codes the terminal's paste brackets (ESC[200~, ESC[201~) are read as: far
    /// above ncurses' own codes and the extended keys it numbers from KEY_MAX up.
    static let pasteStartCode: Int32 = 0x7A00
    static let pasteEndCode: Int32 = 0x7A01
    /// The most characters of one paste kept (a form's field holds far fewer; the rest is read and dropped).
    static let largestPaste = 1_000_000
    /// How long a paste's next part is waited for before the paste is taken as ended
    /// (a terminal that lost the closing bracket).
    static let pastePartWait: Int32 = 500

    /// Takes over the terminal. Restores it on `shutdown()`, the stop signals, suspend and
    /// crashes. Throws, before anything is drawn, when the terminal cannot be drawn on
    /// (ncurses neither prints nor exits).
    public init() throws(TerminalProblem) {
        NcursesBackend.ensureUTF8Locale()
        TerminalGuard.resetInheritedSignals()
        try NcursesBackend.checkTerminal()
        setenv("ESCDELAY", "25", 1)
        guard cd_newterm() != nil else { throw TerminalProblem.unknown(NcursesBackend.termValue ?? "") }
        raw()
        noecho()
        nonl()
        _ = cd_keypad()
        set_escdelay(25)
        curs_set(0)
        // A paste arrives as text between two brackets, never as keys.
        define_key("\u{1B}[200~", Self.pasteStartCode)
        define_key("\u{1B}[201~", Self.pasteEndCode)
        // Clicks and the wheel where the terminal reports them; without, nothing changes.
        _ = cd_mouse_on()
        hasColour = has_colors()
        if hasColour {
            start_color()
            use_default_colors()
            theme = NcursesBackend.colourTheme()
        } else {
            theme = NcursesBackend.monoTheme()
        }
        TerminalGuard.install()
        TerminalGuard.writeBracketedPaste(on: true)
    }

    /// `TERM` as the environment gives it (nil when unset or empty).
    static var termValue: String? {
        guard let value = getenv("TERM"), value.pointee != 0 else { return nil }
        return String(cString: value)
    }

    /// Whether the app can draw on the terminal `TERM` names, asked of terminfo without
    /// starting curses: unset, unknown, or unable to place the cursor (`dumb`) is refused.
    public static func checkTerminal() throws(TerminalProblem) {
        guard let term = termValue else { throw TerminalProblem.unset }
        switch cd_check_terminal(term) {
        case 0: return
        case 2: throw TerminalProblem.cannotDraw(term)
        default: throw TerminalProblem.unknown(term)
        }
    }

    /// From the moment the app is asked for: the first stop signal is noted (the app ends as
    /// quitting does), not obeyed at once.
    public static func catchStopSignals() {
        TerminalGuard.resetInheritedSignals()
        TerminalGuard.catchStopSignals()
    }

    /// The stop signal received so far, if any (the app then is not started at all).
    public static var stopSignal: Int32? {
        TerminalGuard.stopSignal == 0 ? nil : TerminalGuard.stopSignal
    }

    /// What a second stop signal removes before the process ends at once: `files`, then
    /// `folders` (deepest first). Only unlink and rmdir: nothing else is touched.
    public static func removeOnForcedExit(files: [String], folders: [String]) {
        cd_clear_cleanup_paths()
        for file in files { _ = cd_add_cleanup_path(file, 0) }
        for folder in folders { _ = cd_add_cleanup_path(folder, 1) }
    }

    public var size: (width: Int, height: Int) { (Int(cd_cols()), Int(cd_lines())) }

    public func draw(_ buffer: ScreenBuffer) {
        _ = cd_erase()
        var utf8: [CChar] = []
        for y in 0..<buffer.height {
            var x = 0
            while x < buffer.width {
                let role = buffer[x, y].role
                let start = x
                var text = ""
                while x < buffer.width, buffer[x, y].role == role {
                    text += buffer[x, y].text
                    x += 1
                }
                _ = cd_attrset(theme[role] ?? 0)
                utf8 = Array(text.utf8CString)
                _ = cd_mvaddstr(Int32(y), Int32(start), utf8)
            }
        }
        _ = cd_attrset(0)
        if let cursor = buffer.cursor {
            curs_set(1)
            _ = cd_move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        _ = cd_refresh()
    }

    public func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent? {
        if let pending = pendingEvent { return pending }
        _ = cd_timeout(timeoutMilliseconds)
        return read() ?? pendingEvent
    }

    /// What the signals ask for, before any key: stop (SIGTERM, SIGINT, SIGHUP, SIGQUIT, or
    /// the terminal gone), suspend (SIGTSTP), or the whole screen again (SIGCONT).
    private var pendingEvent: TerminalEvent? {
        if let stop = stopEvent { return stop }
        if cd_take_suspend_request() != 0 { return suspend() }
        if cd_take_continued() != 0 { return resumed() }
        return nil
    }

    /// `.stop` once the process has been told to stop (SIGTERM, SIGINT, SIGHUP, SIGQUIT), or
    /// once its terminal is gone (a closed window or tmux server: reading gives end-of-file
    /// from then on, and an app that went on reading would spin).
    private var stopEvent: TerminalEvent? {
        if TerminalGuard.stopSignal != 0 { return .stop(signal: TerminalGuard.stopSignal) }
        return terminalGone ? .stop(signal: SIGHUP) : nil
    }

    /// Whether standard input has hung up (asked only when a read found nothing, never on a key).
    private var terminalGone: Bool {
        var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&input, 1, 0) == 1 else { return false }
        return input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Everything already typed or pasted, up to `limit`, read in one go: the app handles
    /// the batch and draws once, instead of drawing after every key.
    public func nextEvents(timeoutMilliseconds: Int32, limit: Int) -> [TerminalEvent] {
        if TerminalGuard.stopSignal != 0, let stop = stopEvent { return [stop] }
        if let pending = pendingEvent { return [pending] }
        _ = cd_timeout(timeoutMilliseconds)
        var events: [TerminalEvent] = []
        guard let first = read() else { return pendingEvent.map { [$0] } ?? events }
        if let first { events.append(first) }
        _ = cd_timeout(0)
        while events.count < limit, let next = read() {
            if let next { events.append(next) }
        }
        return events
    }

    /// Throws away what was typed and not read yet: keys already waiting when a question
    /// appears are not answers to it.
    public func discardTypeahead() {
        flushinp()
    }

    /// One input: nil when none came, `.some(nil)` for a key the app does not know.
    private func read() -> TerminalEvent?? {
        var character: wint_t = 0
        let result = cd_get_wch(&character)
        if result == ERR { return nil }
        if result == cd_key_code_yes() {
            let code = Int32(character)
            if code == KEY_RESIZE { return .some(.resize(width: size.width, height: size.height)) }
            if code == cd_key_mouse() { return .some(NcursesBackend.mouseKey().map { .key($0) }) }
            if code == Self.pasteStartCode { return .some(.paste(readPaste())) }
            if code == Self.pasteEndCode { return .some(nil) }
            return .some(NcursesBackend.functionKey(code).map { .key($0) })
        }
        // Ctrl-Z: the terminal's suspend key (raw mode reads it as a key).
        if character == 26 { return .some(suspend()) }
        return .some(NcursesBackend.characterKey(UInt32(character)).map { .key($0) })
    }

    /// The text of a paste, up to its closing bracket: every character as it came (the app
    /// decides what a field takes); a key sequence inside it (an escape sequence in the
    /// pasted text) is dropped.
    private func readPaste() -> String {
        var text = String.UnicodeScalarView()
        var count = 0
        _ = cd_timeout(Self.pastePartWait)
        defer { _ = cd_timeout(0) }
        while true {
            var character: wint_t = 0
            let result = cd_get_wch(&character)
            if result == ERR { break }
            if result == cd_key_code_yes() {
                if Int32(character) == Self.pasteEndCode { break }
                continue
            }
            if count < Self.largestPaste, let scalar = Unicode.Scalar(UInt32(character)) {
                text.append(scalar)
                count += 1
            }
        }
        return String(text)
    }

    /// Ctrl-Z or SIGTSTP: gives the terminal back (bracketed paste off, curses ended), stops
    /// the process group as the terminal's suspend key would, and once continued takes the
    /// terminal again; the event asks for the whole screen to be drawn again.
    private func suspend() -> TerminalEvent {
        TerminalGuard.writeBracketedPaste(on: false)
        endwin()
        signal(SIGTSTP, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTSTP)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        kill(0, SIGTSTP)
        // Continued (`fg`) from here.
        TerminalGuard.catchSuspend()
        _ = cd_take_suspend_request()
        _ = cd_take_continued()
        return resumed()
    }

    /// After SIGCONT: the terminal in the app's modes again, bracketed paste on, and the
    /// whole screen drawn at the next draw (a resize event, at the size the terminal has now).
    private func resumed() -> TerminalEvent {
        _ = cd_refresh()
        _ = cd_clear_on_next_refresh()
        TerminalGuard.writeBracketedPaste(on: true)
        return .resize(width: size.width, height: size.height)
    }

    public func shutdown() {
        guard active else { return }
        active = false
        endwin()
        TerminalGuard.writeBracketedPaste(on: false)
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// The mouse event ncurses holds, when it is one the app uses.
    static func mouseKey() -> Key? {
        var kind: Int32 = 0, x: Int32 = 0, y: Int32 = 0
        guard cd_get_mouse(&kind, &x, &y) != 0 else { return nil }
        let kinds: [Int32: MouseEvent.Kind] = [1: .click, 2: .doubleClick, 3: .wheelUp, 4: .wheelDown]
        return kinds[kind].map { .mouse(MouseEvent($0, x: Int(x), y: Int(y))) }
    }

    static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return Unicode.Scalar(value + 96).map { .control(Character($0)) }
        default:
            // Any other control character (Ctrl-@, Ctrl-\, Ctrl-], C1 controls) is no key
            // the app knows, and never text typed into a field.
            guard let scalar = Unicode.Scalar(value), !(value < 0x20 || (0x7F...0x9F).contains(value)) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// ncursesw needs a UTF-8 locale to draw CJK; fall back to C.UTF-8 if the
    /// environment's is not one.
    static func ensureUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    static func colourTheme() -> [StyleRole: Int32] {
        let pairs: [(StyleRole, Int16, Int16, Int32)] = [
            (.title, Int16(COLOR_BLACK), Int16(COLOR_CYAN), 0),
            (.header, -1, -1, cd_a_bold() | cd_a_underline()),
            (.selected, Int16(COLOR_BLACK), Int16(COLOR_WHITE), 0),
            (.blocked, Int16(COLOR_RED), -1, cd_a_bold()),
            (.blockedSelected, Int16(COLOR_WHITE), Int16(COLOR_RED), cd_a_bold()),
            (.outdated, Int16(COLOR_YELLOW), -1, 0),
            (.outdatedSelected, Int16(COLOR_BLACK), Int16(COLOR_YELLOW), 0),
            (.confirmed, Int16(COLOR_GREEN), -1, 0),
            (.statusBar, Int16(COLOR_BLACK), Int16(COLOR_WHITE), 0),
            (.key, Int16(COLOR_WHITE), Int16(COLOR_BLUE), cd_a_bold()),
            (.error, Int16(COLOR_RED), -1, cd_a_bold()),
            (.warning, Int16(COLOR_YELLOW), -1, 0),
            (.field, -1, -1, cd_a_underline()),
            (.fieldFocused, Int16(COLOR_BLACK), Int16(COLOR_CYAN), 0),
            (.border, Int16(COLOR_CYAN), -1, 0),
            (.accent, Int16(COLOR_GREEN), -1, cd_a_bold()),
        ]
        var theme: [StyleRole: Int32] = [.normal: 0, .dim: cd_a_dim()]
        for (index, (role, fg, bg, attrs)) in pairs.enumerated() {
            let pair = Int16(index + 1)
            init_pair(pair, fg, bg)
            theme[role] = Int32(cd_color_pair(pair)) | attrs
        }
        return theme
    }

    /// Without colour: bold and reverse; the text markers carry the meaning.
    static func monoTheme() -> [StyleRole: Int32] {
        [
            .normal: 0, .dim: 0, .title: cd_a_reverse(), .header: cd_a_bold() | cd_a_underline(),
            .selected: cd_a_reverse(), .blocked: cd_a_bold(), .blockedSelected: cd_a_reverse() | cd_a_bold(),
            .outdated: cd_a_underline(), .outdatedSelected: cd_a_reverse() | cd_a_underline(), .confirmed: 0,
            .statusBar: cd_a_reverse(), .key: cd_a_bold(), .error: cd_a_bold(), .warning: cd_a_bold(),
            .field: cd_a_underline(), .fieldFocused: cd_a_reverse(), .border: 0, .accent: cd_a_bold(),
        ]
    }
}
