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

    /// The text without leading and trailing spaces and tabs (what `.whitespaces` trims),
    /// without even building the character set when there is nothing to trim: a text that
    /// starts and ends with a printable ASCII character is returned as it is.
    public var trimmedOfSpaces: String {
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        func plain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
        if plain(first) && plain(last) { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
