import StreamTapTestSupport
import Testing

@testable import StreamTapTerminal

@Suite struct BufferDiffTests {
    let size = TerminalSize(columns: 10, rows: 3)

    @Test func identicalFramesHaveNoChanges() {
        var frame = CellBuffer(size: size)
        frame.write("hello", x: 0, y: 1)
        let diff = BufferDiff(from: frame, to: frame)
        #expect(diff.isEmpty)
        #expect(diff.cellCount == 0)
    }

    @Test func onlyChangedCellsAreListed() {
        var old = CellBuffer(size: size)
        old.write("hello world", x: 0, y: 0)
        var new = old
        new.write("J", x: 0, y: 0)
        new.write("ow", x: 7, y: 0)
        new.write("!", x: 5, y: 2)
        let diff = BufferDiff(from: old, to: new)
        #expect(!diff.isFullRedraw)
        #expect(diff.runs.map { [$0.x, $0.y, $0.cells.count] } == [[0, 0, 1], [8, 0, 1], [5, 2, 1]])
        #expect(diff.runs[1].cells.map(\.glyph) == ["w"])
        #expect(diff.applied(to: old) == new)
    }

    @Test func styleChangesAreChanges() {
        var old = CellBuffer(size: size)
        old.write("abc", x: 0, y: 0)
        var new = old
        new.patchStyle(Style().reverse, in: Rect(x: 1, y: 0, width: 2, height: 1))
        let diff = BufferDiff(from: old, to: new)
        #expect(diff.runs.map(\.x) == [1])
        #expect(diff.runs.first?.cells.count == 2)
    }

    @Test func firstFrameAndResizeAreFullRedraws() {
        var new = CellBuffer(size: size)
        new.write("x", x: 9, y: 2)
        let first = BufferDiff(from: nil, to: new)
        #expect(first.isFullRedraw)
        #expect(first.cellCount == 30)
        #expect(first.applied(to: nil) == new)
        let resized = BufferDiff(from: CellBuffer(size: TerminalSize(columns: 4, rows: 4)), to: new)
        #expect(resized.isFullRedraw)
        #expect(resized.applied(to: CellBuffer(size: TerminalSize(columns: 4, rows: 4))) == new)
        #expect(!BufferDiff(from: nil, to: CellBuffer(size: TerminalSize(columns: 0, rows: 0))).isEmpty)
    }

    @Test func runsKeepWideGlyphsWhole() {
        var old = CellBuffer(size: size)
        old.write("日本", x: 0, y: 0)
        var new = old
        new.write("日x", x: 2, y: 0)
        let diff = BufferDiff(from: old, to: new)
        for run in diff.runs {
            #expect(run.cells.first?.isContinuation == false)
            #expect(run.cells.last?.width != 2)
        }
        #expect(diff.applied(to: old) == new)
    }

    @Test func applyingTheDiffToTheOldFrameGivesTheNewOne() {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<300 {
            let size = TerminalSize(
                columns: Int.random(in: 0...12, using: &generator),
                rows: Int.random(in: 0...4, using: &generator)
            )
            var old = CellBuffer(size: size)
            for _ in 0..<6 {
                old.write(
                    generator.text(pieces: 6),
                    x: Int.random(in: -2...12, using: &generator),
                    y: Int.random(in: 0...4, using: &generator),
                    style: generator.style()
                )
            }
            var new = old
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                new.write(
                    generator.text(pieces: 4),
                    x: Int.random(in: -2...12, using: &generator),
                    y: Int.random(in: 0...4, using: &generator),
                    style: generator.style()
                )
            }
            let diff = BufferDiff(from: old, to: new)
            #expect(diff.applied(to: old) == new)
            #expect(diff.isEmpty == (old == new))
            for run in diff.runs {
                #expect(run.cells.first?.isContinuation == false)
            }
        }
    }
}
