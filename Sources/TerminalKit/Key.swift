/// A key press, as the app understands it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    /// Control plus a letter (Ctrl-C is `.control("c")`).
    case control(Character)
    case function(Int)
    /// A mouse click, double click or wheel turn, where the terminal reports them.
    case mouse(MouseEvent)

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
        case .mouse: return "Mouse"
        }
    }
}

/// What the mouse did, and where (column and row of the screen, 0 first).
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case click, doubleClick, wheelUp, wheelDown
    }
    public let kind: Kind
    public let x: Int
    public let y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// What the terminal reports.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// Text the terminal pasted (bracketed paste: between ESC[200~ and ESC[201~), as it
    /// came: text for the focused field, never keys.
    case paste(String)
    /// The process was told to stop (`signal`: SIGTERM, SIGINT, SIGHUP or SIGQUIT): the app
    /// ends as if the user had quit.
    case stop(signal: Int32)
}
