import Foundation

extension String {
    /// Foundation's `trimmingCharacters(in:)`, without its cost when there is nothing to
    /// trim (the usual case: every field of every imported row is trimmed, several times).
    /// When neither end is in `set` the text is returned as it is, which is what Foundation
    /// returns; otherwise Foundation trims. Declared on `String` so it is chosen over
    /// Foundation's `StringProtocol` method wherever ConsentModel is imported.
    public func trimmingCharacters(in set: CharacterSet) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !set.contains(first) && !set.contains(last) { return self }
        return Substring(self).trimmingCharacters(in: set)
    }
}
