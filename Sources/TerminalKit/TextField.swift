/// A single-line text editor: cursor movement, insert, delete, wide characters.
///
/// Edits cost time in proportion to what changes, never to the whole text re-walked per
/// key: the text is kept as an array of grapheme clusters, its length in Unicode scalars
/// is kept up to date, and drawing looks only at the characters around the cursor. A
/// `limit` caps the text; what does not fit is cut and reported.
public struct TextField: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// Cursor position in characters (0…count).
    public private(set) var cursor: Int
    /// The most Unicode scalars the field holds; nil for no limit.
    public let limit: Int?
    /// Unicode scalars in `characters`, kept as edits happen.
    public private(set) var scalarCount: Int
    /// The whole text is selected (a pre-filled value): the first character typed or pasted
    /// replaces it, Backspace or Delete clears it; the arrows, Home and End keep the text
    /// and end the selection.
    public private(set) var selected: Bool

    /// A field holding `text` with the cursor at its end. The limit applies to what is
    /// typed: `text` itself is kept whole, so opening a form never changes a stored value.
    public init(_ text: String = "", limit: Int? = nil, selected: Bool = false) {
        self.limit = limit
        characters = Array(text)
        cursor = characters.count
        scalarCount = text.unicodeScalars.count
        self.selected = selected && !text.isEmpty
    }

    public var text: String { String(characters) }

    /// Whether the field holds as much as its limit allows.
    public var isFull: Bool { limit.map { scalarCount >= $0 } ?? false }

    /// Inserts `text` at the cursor, as far as the limit allows; returns false when some
    /// of it was cut. A combining mark or joiner typed after a character joins it, so the
    /// cursor never stands inside a grapheme cluster.
    @discardableResult
    public mutating func insert<S: Sequence>(contentsOf text: S) -> Bool where S.Element == Character {
        if selected {
            selected = false
            remove(0..<characters.count)
        }
        var added: [Character] = []
        var addedScalars = 0
        var cut = false
        // The character before the insertion point, which a combining mark may join.
        var previous: Character? = cursor > 0 ? characters[cursor - 1] : nil
        for character in text {
            let scalars = character.isASCII ? 1 : character.unicodeScalars.count
            if let limit, scalarCount + addedScalars + scalars > limit {
                cut = true
                break
            }
            addedScalars += scalars
            if let before = previous, !character.isASCII, let joined = Self.joined(before, character) {
                if added.isEmpty { characters[cursor - 1] = joined } else { added[added.count - 1] = joined }
                previous = joined
                continue
            }
            added.append(character)
            previous = character
        }
        if !added.isEmpty {
            if cursor == characters.count { characters.append(contentsOf: added) } else { characters.insert(contentsOf: added, at: cursor) }
            cursor += added.count
        }
        scalarCount += addedScalars
        return !cut
    }

    /// `first` and `second` as one grapheme cluster, when they form one.
    static func joined(_ first: Character, _ second: Character) -> Character? {
        var text = String(first)
        text.append(second)
        return text.count == 1 ? text.first : nil
    }

    /// Applies an editing key; returns false when the key is not an editing key, or is a
    /// character that does not fit under the limit (it is not inserted).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        if selected {
            switch key {
            case .character:
                break
            case .backspace, .delete, .control("u"), .control("k"), .control("w"):
                // Deleting a selection deletes all of it.
                selected = false
                remove(0..<characters.count)
                return true
            case .left, .right, .home, .end, .control("a"), .control("e"):
                selected = false
            default:
                return false
            }
        }
        switch key {
        case .character(let c):
            return insert(contentsOf: CollectionOfOne(c))
        case .backspace:
            if cursor > 0 { remove(cursor - 1..<cursor) }
        case .delete:
            if cursor < characters.count { remove(cursor..<cursor + 1) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .control("u"): remove(0..<cursor)
        case .control("k"): remove(cursor..<characters.count)
        case .control("w"): remove(wordStart(before: cursor)..<cursor)
        default:
            return false
        }
        return true
    }

    /// Removes `range` and keeps the cursor on the same text.
    private mutating func remove(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        for character in characters[range] { scalarCount -= character.isASCII ? 1 : character.unicodeScalars.count }
        characters.removeSubrange(range)
        if cursor >= range.upperBound { cursor -= range.count } else if cursor > range.lowerBound { cursor = range.lowerBound }
    }

    /// Where the word before `index` starts: spaces before it are skipped, then the word —
    /// letters and digits, or a run of punctuation — so Ctrl-W takes "com" off
    /// "anna@contoso.com" and "S.A." off a name a piece at a time, as editors do.
    func wordStart(before index: Int) -> Int {
        func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "-" || c == "'" }
        var start = index
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        guard start > 0 else { return start }
        let word = isWordCharacter(characters[start - 1])
        while start > 0, !characters[start - 1].isWhitespace, isWordCharacter(characters[start - 1]) == word { start -= 1 }
        return start
    }

    /// What to draw in `width` columns so the cursor stays visible, and the cursor's
    /// column within it. Looks only at the characters that can be shown.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        // The first shown character: as far left of the cursor as fits in width - 1 columns.
        var start = cursor
        var cursorColumn = 0
        while start > 0 {
            let w = DisplayWidth.of(characters[start - 1])
            if cursorColumn + w > width - 1 { break }
            cursorColumn += w
            start -= 1
        }
        var shown = ""
        var used = 0
        var index = start
        while index < characters.count {
            let w = DisplayWidth.of(characters[index])
            if used + w > width { break }
            shown.append(characters[index])
            used += w
            index += 1
        }
        return (shown, cursorColumn)
    }
}
