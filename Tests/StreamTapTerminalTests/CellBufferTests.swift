import StreamTapTestSupport
import Testing

@testable import StreamTapTerminal

@Suite struct CellBufferTests {
    func buffer(_ columns: Int, _ rows: Int) -> CellBuffer {
        CellBuffer(size: TerminalSize(columns: columns, rows: rows))
    }

    @Test func newBufferIsBlank() {
        let buffer = buffer(3, 2)
        #expect(buffer.snapshot() == "\n")
        #expect(buffer[0, 0] == .blank())
        #expect(buffer[2, 1].glyph == " ")
    }

    @Test func writesTextAndReturnsColumnsUsed() {
        var buffer = buffer(10, 2)
        let used = buffer.write("hello", x: 1, y: 0)
        #expect(used == 5)
        #expect(buffer.snapshot() == " hello\n")
        #expect(buffer.write("日本", x: 0, y: 1) == 4)
        #expect(buffer.snapshot() == " hello\n日本")
        #expect(buffer[0, 1].width == 2)
        #expect(buffer[1, 1].isContinuation)
    }

    @Test func piecesWrittenOneAfterAnotherFormALine() {
        var buffer = buffer(20, 1)
        var x = 0
        for (text, style) in [("GET ", Style.plain), ("101", Style().foreground(.green)), (" 日本", Style().bold)] {
            x += buffer.write(text, x: x, y: 0, style: style)
        }
        #expect(x == 12)
        #expect(buffer.styledSnapshot() == "GET [fg=green]101[/][bold] 日本[/]")
    }

    @Test func clipsAtTheRightEdge() {
        var buffer = buffer(5, 1)
        #expect(buffer.write("abcdefgh", x: 2, y: 0) == 3)
        #expect(buffer.snapshot() == "  abc")
    }

    @Test func clipsAtMaxWidth() {
        var buffer = buffer(10, 1)
        #expect(buffer.write("abcdefgh", x: 1, y: 0, maxWidth: 4) == 4)
        #expect(buffer.snapshot() == " abcd")
        #expect(buffer.write("xyz", x: 0, y: 0, maxWidth: 0) == 0)
        #expect(buffer.write("xyz", x: 0, y: 0, maxWidth: -3) == 0)
        #expect(buffer.snapshot() == " abcd")
    }

    @Test func wideGlyphThatDoesNotFitLeavesASpace() {
        var buffer = buffer(5, 1)
        buffer.fill(buffer.area, with: Cell("."))
        #expect(buffer.write("ab日本", x: 0, y: 0) == 5)
        #expect(buffer.snapshot() == "ab日")
        #expect(buffer[4, 0] == .blank())
        #expect(buffer.wideGlyphsAreWhole)

        var narrow = self.buffer(10, 1)
        narrow.fill(narrow.area, with: Cell("."))
        #expect(narrow.write("日本語", x: 0, y: 0, maxWidth: 3) == 3)
        #expect(narrow.snapshot() == "日 .......")
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var buffer = buffer(4, 1)
        #expect(buffer.write("e\u{301}a\u{308}", x: 0, y: 0) == 2)
        #expect(buffer[0, 0].glyph == "e\u{301}")
        #expect(buffer[1, 0].glyph == "a\u{308}")
        #expect(buffer[2, 0] == .blank())
    }

    @Test func zeroWidthCharactersJoinThePreviousGlyph() {
        var buffer = buffer(4, 1)
        #expect(buffer.write("a\u{200B}b", x: 0, y: 0) == 2)
        #expect(buffer[0, 0].glyph == "a\u{200B}")
        #expect(buffer[1, 0].glyph == "b")
    }

    @Test func leadingCombiningMarkIsDrawnOnADottedCircle() {
        var buffer = buffer(4, 1)
        #expect(buffer.write("\u{301}x", x: 0, y: 0) == 2)
        #expect(buffer.snapshot() == "\u{25CC}\u{301}x")
    }

    @Test func emojiSequencesTakeTwoColumns() {
        var buffer = buffer(8, 1)
        #expect(buffer.write("👨‍👩‍👧👍🏽|", x: 0, y: 0) == 5)
        #expect(buffer[0, 0].glyph == "👨‍👩‍👧")
        #expect(buffer[2, 0].glyph == "👍🏽")
        #expect(buffer[4, 0].glyph == "|")
        #expect(buffer.snapshot() == "👨‍👩‍👧👍🏽|")
    }

    @Test func controlsAreWrittenAsVisibleStandIns() {
        var buffer = buffer(20, 1)
        #expect(buffer.write("\u{1b}[31mred\u{9b}", x: 0, y: 0) == 12)
        #expect(buffer.snapshot() == "␛[31mred\\x9b")
        #expect(buffer.cells.allSatisfy { cell in cell.glyph.unicodeScalars.allSatisfy { $0.value >= 0x20 } })
    }

    @Test func overwritingHalfOfAWideGlyphBlanksTheOtherHalf() {
        var buffer = buffer(6, 1)
        buffer.write("日本語", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)
        #expect(buffer.snapshot() == " x本語")
        buffer.write("y", x: 2, y: 0)
        #expect(buffer.snapshot() == " xy 語")
        buffer.write("漢", x: 3, y: 0)
        #expect(buffer.snapshot() == " xy漢")
        #expect(buffer.wideGlyphsAreWhole)
    }

    @Test func setKeepsWideGlyphsWhole() {
        var buffer = buffer(3, 1)
        buffer.set(Cell("日"), x: 2, y: 0)
        #expect(buffer[2, 0] == .blank())
        buffer.set(Cell("日"), x: 1, y: 0)
        #expect(buffer.snapshot() == " 日")
        buffer.set(Cell("日"), x: 0, y: 0)
        #expect(buffer.snapshot() == "日")
        #expect(buffer.wideGlyphsAreWhole)
        buffer.set(Cell("x"), x: 5, y: 0)
        buffer.set(Cell("x"), x: -1, y: 0)
        #expect(buffer.snapshot() == "日")
    }

    @Test func cellsAreAlwaysInertAndOneOrTwoWide() {
        #expect(Cell("a").width == 1)
        #expect(Cell("日").width == 2)
        #expect(Cell("\u{1b}").glyph == "␛")
        #expect(Cell("\u{9b}").glyph == "\u{FFFD}")
        #expect(Cell("\r\n").glyph == "\u{FFFD}")
        #expect(Cell("\u{301}").glyph == "\u{25CC}\u{301}")
        #expect(Cell("\u{301}").width == 1)
    }

    @Test func fillAndClear() {
        var buffer = buffer(5, 3)
        buffer.fill(Rect(x: 1, y: 1, width: 3, height: 5), with: Cell("#", style: Style().bold))
        #expect(buffer.snapshot() == "\n ###\n ###")
        #expect(buffer[2, 2].style == Style().bold)
        buffer.fill(Rect(x: 0, y: 0, width: 5, height: 1), with: Cell("日"))
        #expect(buffer.snapshot() == "日日\n ###\n ###")
        buffer.clear()
        #expect(buffer == CellBuffer(size: buffer.size))
    }

    @Test func patchStyleLayersOverWhatIsThere() {
        var buffer = buffer(6, 1)
        buffer.write("ab", x: 0, y: 0, style: Style().foreground(.red))
        buffer.write("日", x: 2, y: 0)
        buffer.patchStyle(Style().reverse, in: Rect(x: 1, y: 0, width: 2, height: 1))
        #expect(buffer.styledSnapshot() == "[fg=red]a[/][reverse,fg=red]b[/][reverse]日[/]")
        #expect(buffer[3, 0].style == Style().reverse)
        #expect(buffer.wideGlyphsAreWhole)
    }

    @Test func patchStyleLeavesAWideGlyphWhoseLeftHalfIsOutside() {
        var buffer = buffer(4, 1)
        buffer.write("日本", x: 0, y: 0)
        buffer.patchStyle(Style().underline, in: Rect(x: 1, y: 0, width: 3, height: 1))
        #expect(buffer.styledSnapshot() == "日[underline]本[/]")
        #expect(buffer.wideGlyphsAreWhole)
    }

    @Test func styledSnapshotKeepsStyledTrailingSpaces() {
        var buffer = buffer(6, 2)
        buffer.write("ok  ", x: 0, y: 0, style: Style().background(.blue))
        #expect(buffer.styledSnapshot() == "[bg=blue]ok  [/]\n")
        #expect(buffer.snapshot() == "ok\n")
    }

    @Test(arguments: [(0, 0), (1, 1), (2, 1), (1, 3), (3, 2), (80, 24)])
    func writesAtAnySizeStayInsideAndKeepGlyphsWhole(columns: Int, rows: Int) {
        var generator = SplitMix64(seed: UInt64(columns * 100 + rows))
        var buffer = buffer(columns, rows)
        for _ in 0..<200 {
            let x = Int.random(in: -3...(columns + 2), using: &generator)
            let y = Int.random(in: -1...(rows + 1), using: &generator)
            let text = generator.text(pieces: 6)
            let maxWidth = Int.random(in: -1...12, using: &generator)
            let used = buffer.write(text, x: x, y: y, style: generator.style(), maxWidth: maxWidth)
            #expect(used >= 0 && used <= max(0, min(maxWidth, DisplayWidth.of(text))))
            #expect(buffer.wideGlyphsAreWhole)
        }
        #expect(buffer.cells.count == columns * rows)
    }

    @Test func oneByOneBuffer() {
        var buffer = buffer(1, 1)
        #expect(buffer.write("日", x: 0, y: 0) == 1)
        #expect(buffer.snapshot() == "")
        #expect(buffer.write("ab", x: 0, y: 0) == 1)
        #expect(buffer.snapshot() == "a")
        #expect(buffer.write("e\u{301}", x: 0, y: 0) == 1)
        #expect(buffer.snapshot() == "e\u{301}")
    }

    @Test func emptyBufferIgnoresEverything() {
        var buffer = buffer(0, 0)
        #expect(buffer.write("hello", x: 0, y: 0) == 0)
        buffer.fill(Rect(x: -5, y: -5, width: 50, height: 50), with: Cell("x"))
        buffer.patchStyle(Style().bold, in: Rect(x: 0, y: 0, width: 9, height: 9))
        buffer.set(Cell("x"), x: 0, y: 0)
        #expect(buffer[0, 0] == .blank())
        #expect(buffer.snapshot() == "")
    }

    @Test func extremeCoordinatesDoNotTrap() {
        var buffer = buffer(4, 2)
        #expect(buffer.write("abc", x: .max, y: .max, maxWidth: .max) == 0)
        #expect(buffer.write("abc", x: .min, y: 0, maxWidth: .max) == 3)
        #expect(buffer.write("abc", x: 1, y: .min) == 3)
        #expect(buffer.write("abc", x: 0, y: 0, clip: Rect(x: .max, y: .max, width: .max, height: .max)) == 0)
        #expect(buffer.write("abc", x: 0, y: 0, clip: Rect(x: -100, y: -100, width: .max, height: .max)) == 3)
        #expect(buffer.snapshot() == "abc\n")
    }

    @Test func onlyTheVisibleStartOfAHugeLineIsProcessed() {
        var buffer = buffer(80, 1)
        let huge = String(repeating: "x\u{1b}日", count: 200_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<100 {
                buffer.write(huge, x: 0, y: 0)
            }
        }
        #expect(buffer.snapshot().hasPrefix("x␛日x␛日"))
        #expect(elapsed < .seconds(2))
    }
}
