import StreamTapCore
import StreamTapTerminal
import Testing

@testable import StreamTapUI

/// Whole-app renders from fixed states, compared with stored snapshots at
/// the sizes people use (and the smallest that still shows a pane).
@Suite struct AppSnapshotTests {
    static let sizes = [
        TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40), TerminalSize(columns: 40, rows: 10),
    ]

    private func screen(_ state: AppState) -> String {
        AppView.render(state).snapshot()
    }

    private func name(_ scenario: String, _ size: TerminalSize) -> String {
        "\(scenario)-\(size.columns)x\(size.rows)"
    }

    @Test(arguments: sizes)
    func twoPanesWithWebSocketAndSSE(size: TerminalSize) {
        let state = Fixtures.twoPaneState(size: size)
        let text = screen(state)
        assertSnapshot(text, named: name("two-panes", size))
        #expect(text.contains("\u{2193}"))
        if size.columns >= 80 {
            #expect(text.contains("127.0.0.1:8080/echo") && text.contains("127.0.0.1:8080/events"))
            #expect(text.contains("00:00.102"))
            #expect(text.contains("tick"))
        } else {
            #expect(text.contains("pane 1/2 shown (too small)"))
        }
    }

    @Test(arguments: sizes)
    func inspectorShowsPrettyJSONAndFrameBits(size: TerminalSize) {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character("k"), .character("k"), .character("k"), .enter, into: &state)
        let text = screen(state)
        assertSnapshot(text, named: name("inspector-json", size))
        #expect(text.contains("Payload, JSON"))
        if size.rows >= 24 {
            #expect(text.contains("\"type\": \"tick\""))
        }
    }

    @Test(arguments: sizes)
    func inspectorShowsHexDumpOfBinary(size: TerminalSize) {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.enter, into: &state)
        let text = screen(state)
        assertSnapshot(text, named: name("inspector-hex", size))
        #expect(text.contains("hex dump"))
        if size.rows >= 24 {
            #expect(text.contains("00 01 02 ff"))
        }
    }

    @Test(arguments: sizes)
    func handshakeExplainsTheAcceptKey(size: TerminalSize) {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character("z"), .character("h"), into: &state)
        let text = screen(state)
        assertSnapshot(text, named: name("handshake", size))
        if size.rows >= 24 {
            #expect(text.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))
            #expect(text.contains("Sec-WebSocket-Key"))
        }
    }

    @Test(arguments: sizes)
    func timelineShowsDropAndReconnect(size: TerminalSize) {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.tab, .character("z"), .character("t"), into: &state)
        let text = screen(state)
        assertSnapshot(text, named: name("timeline", size))
        if size.rows >= 24 {
            #expect(text.contains("1006"))
            #expect(text.contains("reconnect"))
            #expect(text.contains("attempt 2 in 2 s"))
        }
    }

    @Test(arguments: sizes)
    func helpOverlayListsKeys(size: TerminalSize) {
        var state = Fixtures.twoPaneState(size: size)
        Fixtures.press(.character("?"), into: &state)
        let text = screen(state)
        assertSnapshot(text, named: name("help", size))
        #expect(text.contains("Quit") || size.rows < 10)
    }

    @Test(arguments: sizes)
    func hostilePayloadIsInertAndAligned(size: TerminalSize) {
        var state = Fixtures.state(size: size)
        Fixtures.addWebSocketPane(to: &state)
        let hostile = [
            "\u{1B}[2J\u{1B}]0;pwned\u{07}red \u{1B}[31mALERT",
            "bidi \u{202E}gnp.exe\u{202C} end",
            "CJK 漢字テスト and emoji 🎉👩‍👩‍👧 e\u{301}",
            "c1 \u{9B}31m and DEL \u{7F} and tab\tend",
        ]
        Reducer.reduce(
            &state,
            .events(hostile.enumerated().map { Fixtures.text(1, $0.offset * 10, .incoming, $0.element) })
        )
        let buffer = AppView.render(state)
        let text = buffer.snapshot()
        assertSnapshot(text, named: name("hostile", size))
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{202E}"))
        #expect(!text.contains("\u{9B}"))
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false)
        let paneRows = rows.filter { $0.hasPrefix("\u{2502}") }
        for row in paneRows {
            #expect(DisplayWidth.of(String(row)) == size.columns, "row \(row) is not \(size.columns) columns wide")
        }
    }

    @Test func coloursAreSemanticAndNoColorDropsThem() {
        let colored = AppView.render(Fixtures.twoPaneState(size: TerminalSize(columns: 120, rows: 40), colors: true))
        let styled = colored.styledSnapshot()
        assertSnapshot(styled, named: "two-panes-styled-120x40")
        #expect(styled.contains("[fg=cyan]\u{2193} [/]"))
        #expect(styled.contains("[fg=green]\u{2191} [/]"))
        #expect(styled.contains("[fg=magenta]ping"))
        let plain = AppView.render(Fixtures.twoPaneState(size: TerminalSize(columns: 120, rows: 40), colors: false))
        #expect(!plain.styledSnapshot().contains("fg="))
        #expect(plain.snapshot() == colored.snapshot())
    }

    @Test func emptyWorkspaceSaysHowToConnect() {
        let state = Fixtures.state(size: TerminalSize(columns: 80, rows: 24))
        let text = screen(state)
        assertSnapshot(text, named: "empty-80x24")
        #expect(text.contains("connect ws://host:port/path"))
    }
}
