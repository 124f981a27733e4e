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
    /// Throws away input typed and not read yet (keys waiting when a question appears are
    /// not answers to it).
    func discardTypeahead()
    /// Gives the terminal back as it was.
    func shutdown()
}

extension ScreenBackend {
    /// A backend without typeahead of its own has nothing to throw away.
    public func discardTypeahead() {}

    public func nextEvents(timeoutMilliseconds: Int32, limit: Int) -> [TerminalEvent] {
        guard let first = nextEvent(timeoutMilliseconds: timeoutMilliseconds) else { return [] }
        var events = [first]
        while events.count < limit, let next = nextEvent(timeoutMilliseconds: 0) { events.append(next) }
        return events
    }
}
