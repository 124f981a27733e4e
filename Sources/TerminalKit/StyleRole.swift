/// What a cell means, not what colour it is: the backend maps roles to colours, or to
/// bold and reverse on a terminal without colour.
public enum StyleRole: Character, CaseIterable, Sendable {
    case normal = "."
    case dim = "d"
    case title = "T"
    case header = "H"
    case selected = "S"
    case blocked = "B"
    case blockedSelected = "b"
    case outdated = "O"
    case outdatedSelected = "o"
    case confirmed = "C"
    case statusBar = "s"
    case key = "K"
    case error = "E"
    case warning = "W"
    case field = "F"
    case fieldFocused = "f"
    case border = "|"
    case accent = "A"

    /// The code used in snapshot grids.
    public var code: Character { rawValue }
}
