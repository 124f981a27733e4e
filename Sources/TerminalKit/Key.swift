/// A key press, as the app understands it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    /// Control plus a letter (Ctrl-C is `.control("c")`).
    case control(Character)
    case function(Int)

    /// The name shown in the status bar and the help ("Enter", "Ctrl-S", "/").
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .control(let c): return "Ctrl-\(String(c).uppercased())"
        case .function(let n): return "F\(n)"
        }
    }
}

/// The screen backend: what draws a buffer and reads keys. The ncurses backend is one;
/// tests drive the app without any.
public protocol ScreenBackend: AnyObject {
    /// Columns and rows of the terminal now.
    var size: (width: Int, height: Int) { get }
    /// Draws `buffer` (only what changed).
    func draw(_ buffer: ScreenBuffer)
    /// The next input, or nil when `timeoutMilliseconds` pass without one.
    func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent?
    /// The inputs that are waiting, at most `limit`: the first is waited for up to
    /// `timeoutMilliseconds`, the rest only taken if already there. A paste arrives as one
    /// batch, so the app handles it at once and draws once.
    func nextEvents(timeoutMilliseconds: Int32, limit: Int) -> [TerminalEvent]
    /// Gives the terminal back as it was.
    func shutdown()
}

extension ScreenBackend {
    public func nextEvents(timeoutMilliseconds: Int32, limit: Int) -> [TerminalEvent] {
        guard let first = nextEvent(timeoutMilliseconds: timeoutMilliseconds) else { return [] }
        var events = [first]
        while events.count < limit, let next = nextEvent(timeoutMilliseconds: 0) { events.append(next) }
        return events
    }
}

/// What the terminal reports.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
}
