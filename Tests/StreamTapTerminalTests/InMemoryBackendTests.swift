import Testing

@testable import StreamTapTerminal

@Suite struct InMemoryBackendTests {
    func frame(_ size: TerminalSize, _ lines: [String], style: Style = .plain) -> CellBuffer {
        var buffer = CellBuffer(size: size)
        for (row, line) in lines.enumerated() {
            buffer.write(line, x: 0, y: row, style: style)
        }
        return buffer
    }

    @Test func snapshotShowsWhatWasDrawn() {
        let size = TerminalSize(columns: 12, rows: 3)
        let backend = InMemoryBackend(size: size)
        #expect(backend.snapshot() == "\n\n")
        backend.draw(frame(size, ["┌ events", "│ 日本 😀", "└ \u{1b}[2J"]))
        #expect(backend.snapshot() == "┌ events\n│ 日本 😀\n└ ␛[2J")
        #expect(backend.drawCount == 1)
    }

    @Test func styledSnapshotShowsStyles() {
        let size = TerminalSize(columns: 10, rows: 1)
        let backend = InMemoryBackend(size: size)
        var buffer = CellBuffer(size: size)
        buffer.write("ws", x: 0, y: 0, style: Style().foreground(.cyan).bold)
        buffer.write(" open", x: 2, y: 0)
        backend.draw(buffer)
        #expect(backend.styledSnapshot() == "[bold,fg=cyan]ws[/] open")
    }

    @Test func drawsOnlyWhatChanged() {
        let size = TerminalSize(columns: 10, rows: 2)
        let backend = InMemoryBackend(size: size)
        backend.draw(frame(size, ["count 1", "static"]))
        #expect(backend.lastDiff?.isFullRedraw == false)
        backend.draw(frame(size, ["count 2", "static"]))
        #expect(backend.lastDiff?.cellCount == 1)
        backend.draw(frame(size, ["count 2", "static"]))
        #expect(backend.lastDiff?.isEmpty == true)
        #expect(backend.snapshot() == "count 2\nstatic")
    }

    @Test func resizeIsReportedAndRedrawsEverything() {
        let backend = InMemoryBackend(size: TerminalSize(columns: 10, rows: 2))
        backend.draw(frame(backend.size, ["before"]))
        let newSize = TerminalSize(columns: 4, rows: 1)
        backend.resize(to: newSize)
        #expect(backend.size == newSize)
        #expect(backend.readInput() == [.resize(newSize)])
        #expect(backend.readInput() == [])
        backend.draw(frame(newSize, ["after"]))
        #expect(backend.lastDiff?.isFullRedraw == true)
        #expect(backend.snapshot() == "afte")
    }

    @Test func frameOfAnotherSizeIsCutToTheScreen() {
        let backend = InMemoryBackend(size: TerminalSize(columns: 3, rows: 1))
        backend.draw(frame(TerminalSize(columns: 8, rows: 2), ["ab日本", "second"]))
        #expect(backend.snapshot() == "ab")
        #expect(backend.screen.size == TerminalSize(columns: 3, rows: 1))
        backend.draw(frame(TerminalSize(columns: 1, rows: 1), ["x"]))
        #expect(backend.snapshot() == "x")
    }

    @Test func scriptedInput() {
        let backend = InMemoryBackend(size: TerminalSize(columns: 1, rows: 1))
        backend.enqueue(.character("q"), .ctrl("c"))
        backend.enqueue(bytes: input("^[[A^[x^["))
        #expect(backend.readInput() == [.character("q"), .ctrl("c"), .up, .alt("x"), .escape])
        #expect(backend.inputFileDescriptor == nil)
    }

    @Test func restoreIsIdempotentAndStopsDrawing() {
        let size = TerminalSize(columns: 4, rows: 1)
        let backend = InMemoryBackend(size: size)
        backend.draw(frame(size, ["one"]))
        backend.restore()
        backend.restore()
        #expect(backend.isRestored)
        backend.draw(frame(size, ["two"]))
        backend.enqueue(.enter)
        #expect(backend.snapshot() == "one")
        #expect(backend.readInput() == [])
    }

    @Test func zeroSizedScreen() {
        let backend = InMemoryBackend(size: TerminalSize(columns: 0, rows: 0))
        backend.draw(frame(TerminalSize(columns: 5, rows: 5), ["hello"]))
        #expect(backend.snapshot() == "")
    }
}
