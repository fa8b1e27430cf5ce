import StreamTapTestSupport
import Testing

@testable import StreamTapTerminal

@Suite struct CellBufferClippingTests {
    let pane = Rect(x: 2, y: 1, width: 4, height: 2)

    func background() -> CellBuffer {
        var buffer = CellBuffer(size: TerminalSize(columns: 8, rows: 4))
        buffer.fill(buffer.area, with: Cell("."))
        return buffer
    }

    @Test func writingThroughAnAreaStaysInsideIt() {
        var buffer = background()
        #expect(buffer.write("abcdefgh", x: 2, y: 1, clip: pane) == 4)
        #expect(buffer.write("far above", x: 2, y: 0, clip: pane) == 4)
        #expect(buffer.snapshot() == "........\n..abcd..\n........\n........")
    }

    @Test func wideGlyphAtTheAreaEdgeLeavesASpaceInside() {
        var buffer = background()
        #expect(buffer.write("a日本", x: 2, y: 2, clip: pane) == 4)
        #expect(buffer.snapshot() == "........\n........\n..a日 ..\n........")
    }

    @Test func textStartingLeftOfTheAreaIsScrolled() {
        var buffer = background()
        #expect(buffer.write("0123456", x: 0, y: 1, clip: pane) == 6)
        #expect(buffer.snapshot() == "........\n..2345..\n........\n........")
        #expect(buffer.write("日本語", x: 1, y: 2, clip: pane) == 5)
        #expect(buffer.snapshot() == "........\n..2345..\n.. 本 ..\n........")
    }

    @Test func maxWidthAndAreaTogether() {
        var buffer = background()
        #expect(buffer.write("abcdef", x: 3, y: 1, maxWidth: 2, clip: pane) == 2)
        #expect(buffer.snapshot() == "........\n...ab...\n........\n........")
    }

    @Test func emptyAreaDrawsNothing() {
        var buffer = background()
        #expect(buffer.write("abc", x: 2, y: 1, clip: Rect(x: 2, y: 1, width: 0, height: 2)) == 0)
        #expect(buffer == background())
    }

    @Test func randomWritesNeverChangeCellsOutsideTheArea() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<500 {
            var buffer = CellBuffer(size: TerminalSize(columns: 12, rows: 5))
            buffer.fill(buffer.area, with: Cell("."))
            let area = Rect(
                x: Int.random(in: -2...12, using: &generator),
                y: Int.random(in: -1...5, using: &generator),
                width: Int.random(in: 0...10, using: &generator),
                height: Int.random(in: 0...4, using: &generator)
            )
            let before = buffer
            for _ in 0..<4 {
                buffer.write(
                    generator.text(pieces: 8),
                    x: Int.random(in: -4...14, using: &generator),
                    y: Int.random(in: -1...5, using: &generator),
                    style: generator.style(),
                    maxWidth: Int.random(in: 0...14, using: &generator),
                    clip: area
                )
            }
            for y in 0..<5 {
                for x in 0..<12 where !area.contains(x: x, y: y) {
                    #expect(buffer[x, y] == before[x, y], "\(x),\(y) outside \(area)")
                }
            }
            #expect(buffer.wideGlyphsAreWhole)
        }
    }

    @Test func aWideGlyphCutByTheAreaEdgeIsBlankedWhole() {
        var buffer = background()
        buffer.write("日", x: 1, y: 1)
        buffer.write("x", x: 2, y: 1, clip: pane)
        #expect(buffer.snapshot() == "........\n. x.....\n........\n........")
        #expect(buffer.wideGlyphsAreWhole)
    }
}
