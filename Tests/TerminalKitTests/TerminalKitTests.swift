import Testing
@testable import TerminalKit

@Suite("Display width: one function everywhere")
struct DisplayWidthTests {
    @Test func asciiIsOneColumnAndCJKTwo() {
        #expect("Contoso".displayWidth == 7)
        #expect("北京云端".displayWidth == 8)
        #expect("서울".displayWidth == 4)
        #expect("ＡＢ".displayWidth == 4)
    }

    @Test func combiningMarksTakeNoColumn() {
        #expect("e\u{301}cole".displayWidth == 5)
        #expect("Müller".displayWidth == 6)
    }

    @Test func emojiPresentationIsWide() {
        #expect("✅".displayWidth == 2)
        #expect("❤\u{FE0F}".displayWidth == 2)
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        #expect("北京云端科技".truncated(toWidth: 7) == "北京云…")
        #expect("北京云端科技".truncated(toWidth: 7).displayWidth <= 7)
        #expect("北京云端科技".truncated(toWidth: 6, ellipsis: false) == "北京云")
        #expect("Contoso".truncated(toWidth: 10) == "Contoso")
    }

    @Test func paddingUsesDisplayWidth() {
        #expect("北京".padded(toWidth: 6) == "北京  ")
        #expect("北京".padded(toWidth: 6).displayWidth == 6)
        #expect("7".padded(toWidth: 3, alignRight: true) == "  7")
    }
}

@Suite("Screen buffer")
struct ScreenBufferTests {
    @Test func textAndRolesAreRecordedPerCell() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        buffer.put("ab", x: 1, y: 0, role: .blocked)
        #expect(buffer.lines[0] == " ab       ")
        #expect(buffer.roleGrid[0] == ".BB.......")
    }

    @Test func wideCharactersTakeTwoCellsAndAreNotCutAtTheEdge() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        let used = buffer.put("北京云", x: 0, y: 0, role: .normal)
        #expect(used == 4)
        #expect(buffer.lines[0] == "北京 ")
        #expect(buffer[1, 0].isContinuation)
    }

    @Test func maxWidthClips() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        buffer.put("Contoso Ltd", x: 2, y: 0, maxWidth: 4)
        #expect(buffer.text == "  Cont")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("北京", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)
        #expect(buffer.lines[0] == " x京  ")
        #expect(buffer.lines[0].displayWidth == 6)
    }

    @Test func fillAndPaint() {
        var buffer = ScreenBuffer(width: 4, height: 2)
        buffer.fill(x: 0, y: 1, width: 4, height: 1, role: .statusBar)
        buffer.paint(x: 1, y: 0, width: 2, role: .selected)
        #expect(buffer.roleGrid == [".SS.", "ssss"])
    }

    @Test func writesOutsideTheScreenAreIgnored() {
        var buffer = ScreenBuffer(width: 3, height: 1)
        #expect(buffer.put("abc", x: 0, y: 5) == 0)
        #expect(buffer.put("abc", x: 7, y: 0) == 0)
        #expect(buffer.text == "")
    }
}

@Suite("Text field editing")
struct TextFieldTests {
    @Test func typingInsertsAtTheCursor() {
        var field = TextField("Ana")
        field.handle(.left)
        field.handle(.left)
        field.handle(.character("n"))
        #expect(field.text == "Anna")
        #expect(field.cursor == 2)
    }

    @Test func backspaceAndDelete() {
        var field = TextField("Smith")
        field.handle(.backspace)
        #expect(field.text == "Smit")
        field.handle(.home)
        field.handle(.delete)
        #expect(field.text == "mit")
    }

    @Test func wideCharactersAreOneCharacterEach() {
        var field = TextField("王芳")
        field.handle(.backspace)
        #expect(field.text == "王")
        field.handle(.character("伟"))
        #expect(field.text == "王伟")
        #expect(field.visible(width: 10).cursorColumn == 4)
    }

    @Test func controlUAndKClearAroundTheCursor() {
        var field = TextField("2026-11-25")
        field.handle(.control("u"))
        #expect(field.text == "")
        field = TextField("abcdef")
        field.handle(.home)
        field.handle(.right)
        field.handle(.control("k"))
        #expect(field.text == "a")
    }

    @Test func longTextScrollsToKeepTheCursorVisible() {
        let field = TextField(String(repeating: "x", count: 30) + "END")
        let shown = field.visible(width: 10)
        #expect(shown.text.hasSuffix("END"))
        #expect(shown.cursorColumn <= 9)
    }

    @Test func nonEditingKeysAreNotConsumed() {
        var field = TextField("a")
        let tab = field.handle(.tab)
        let enter = field.handle(.enter)
        #expect(!tab && !enter)
        #expect(field.text == "a")
    }
}

@Suite("Text field: long text, the cap, words")
struct TextFieldEditingTests {
    @Test func typingInTheMiddleKeepsTheRestAndTheCursorOnIt() {
        var field = TextField("Ana Souza")
        for _ in 0..<5 { field.handle(.left) }
        field.insert(contentsOf: "Maria ")
        #expect(field.text == "Ana Maria Souza")
        #expect(field.cursor == 10)
        field.handle(.delete)
        #expect(field.text == "Ana Maria ouza")
        field.handle(.backspace)
        #expect(field.text == "Ana Mariaouza")
        #expect(field.cursor == 9)
    }

    @Test func cursorStopsAtBothEnds() {
        var field = TextField("ab")
        field.handle(.right)
        #expect(field.cursor == 2)
        field.handle(.home)
        field.handle(.left)
        #expect(field.cursor == 0)
        field.handle(.control("e"))
        #expect(field.cursor == 2)
        field.handle(.control("a"))
        field.handle(.backspace)
        #expect(field.text == "ab")
    }

    @Test func controlWDeletesTheWordBeforeTheCursor() {
        var field = TextField("Ana Maria Souza")
        field.handle(.control("w"))
        #expect(field.text == "Ana Maria ")
        field.handle(.control("w"))
        #expect(field.text == "Ana ")
        // In the middle: only the word before the cursor goes, spaces after it too.
        field = TextField("one two  three")
        for _ in 0..<5 { field.handle(.left) }
        field.handle(.control("w"))
        #expect(field.text == "one three")
        #expect(field.cursor == 4)
    }

    @Test func wideCharactersScrollWithoutSplittingAndTheCursorLandsAfterThem() {
        var field = TextField(String(repeating: "北京云端", count: 10))
        let end = field.visible(width: 11)
        // Ten columns hold five wide characters before the cursor's column.
        #expect(end.text == "端北京云端")
        #expect(end.cursorColumn == 10)
        field.handle(.home)
        let start = field.visible(width: 11)
        #expect(start.text == "北京云端北")
        #expect(start.cursorColumn == 0)
        field.handle(.right)
        field.handle(.character("x"))
        #expect(field.text.hasPrefix("北x京"))
        #expect(field.visible(width: 11).cursorColumn == 3)
    }

    @Test func aCombiningMarkJoinsTheCharacterBeforeIt() {
        var field = TextField()
        field.handle(.character("e"))
        field.handle(.character("\u{301}"))
        field.handle(.character("t"))
        #expect(field.characters.count == 2)
        #expect(field.text == "e\u{301}t")
        field.handle(.left)
        field.handle(.backspace)
        #expect(field.text == "t")
    }

    @Test func theCapCutsAPasteAndSaysSo() {
        var field = TextField(limit: 10)
        #expect(field.insert(contentsOf: "Ana Souza") == true)
        #expect(!field.isFull)
        #expect(field.insert(contentsOf: "-Pereira") == false)
        #expect(field.text == "Ana Souza-")
        #expect(field.isFull)
        // A typed key beyond the cap is refused; deleting makes room again.
        #expect(field.handle(.character("x")) == false)
        #expect(field.text == "Ana Souza-")
        field.handle(.backspace)
        field.handle(.character("!"))
        #expect(field.text == "Ana Souza!")
    }

    @Test func theCapCountsUnicodeScalarsAndNeverSplitsACharacter() {
        var field = TextField(limit: 5)
        // A family emoji is five scalars: it fits exactly; nothing more does.
        #expect(field.insert(contentsOf: "👨‍👩‍👧") == true)
        #expect(field.scalarCount == 5)
        #expect(field.insert(contentsOf: "a") == false)
        field = TextField("ab", limit: 3)
        #expect(field.insert(contentsOf: "👍🏽") == false)
        #expect(field.text == "ab")
    }

    @Test func aMegabytePasteIsCutAtTheLimit() {
        var field = TextField("x", limit: 2000)
        field.handle(.home)
        let paste = String(repeating: "abcdefghij", count: 100_000)
        #expect(field.insert(contentsOf: paste) == false)
        #expect(field.characters.count == 2000)
        #expect(field.text.hasSuffix("abcdefghix"))
        #expect(field.cursor == 1999)
    }

    @Test func aStoredValueLongerThanTheCapIsKeptWhole() {
        let long = String(repeating: "n", count: 120)
        let field = TextField(long, limit: 100)
        #expect(field.text == long)
        #expect(field.isFull)
    }

    @Test func aLongFieldShowsOnlyWhatFitsAroundTheCursor() {
        var field = TextField(String(repeating: "a", count: 5000) + "END")
        #expect(field.visible(width: 20).text == String(repeating: "a", count: 16) + "END")
        for _ in 0..<3 { field.handle(.left) }
        let shown = field.visible(width: 20)
        // The cursor keeps the last column; "END" starts under it.
        #expect(shown.cursorColumn == 19)
        #expect(shown.text == String(repeating: "a", count: 19) + "E")
    }
}
