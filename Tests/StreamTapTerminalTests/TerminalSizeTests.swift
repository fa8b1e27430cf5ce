import Testing

@testable import StreamTapTerminal

@Suite struct TerminalSizeTests {
    @Test func negativeSizesClampToZero() {
        #expect(TerminalSize(columns: -3, rows: -1) == TerminalSize(columns: 0, rows: 0))
        #expect(TerminalSize(columns: 80, rows: 24).description == "80x24")
    }
}
