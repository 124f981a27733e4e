/// An event kind as a person reads it in a message ("customer added"), never the stored
/// name (`customerAdded`) or the code scripts use (`customer-added`).
extension EventKind {
    /// The kind in words, in the current language.
    public var words: String { tr("eventKind.\(rawValue)") }
}

extension ConsentEvent {
    /// The words for a stored kind in the current language; a kind this build does not
    /// know is named "an event of another kind" rather than by its stored name.
    public static func kindInWords(_ stored: String) -> String {
        EventKind(rawValue: stored)?.words ?? tr("eventKind.unknown")
    }
}
