import StreamTapCore
import StreamTapTerminal
import StreamTapUI
import Testing

/// "Copy as command" from the palette: the focused connection as websocat,
/// wscat and curl lines, secrets hidden.
@Suite struct CommandLinesTests {
    func overlayText(_ state: AppState) -> String {
        guard case .teaching(.explain(let explanation)) = state.input else { return "" }
        return explanation.lines.map(\.text).joined(separator: "\n")
    }

    @Test func aWebSocketConnectionBecomesThreeCommandLinesWithoutItsSecret() {
        var state = Fixtures.state(size: TerminalSize(columns: 100, rows: 30))
        Fixtures.addWebSocketPane(to: &state)
        var handshake = Fixtures.webSocketHandshake
        handshake.request.headers.append(name: "Authorization", value: "Bearer s3cret")
        Reducer.reduce(&state, .events([Fixtures.event(1, 100, .open(handshake))]))
        Reducer.reduce(&state, .command(.commandLines))
        let text = overlayText(state)
        #expect(
            text.contains(
                "websocat -H 'Authorization: REDACTED' --protocol 'chat.v2, chat.v1' ws://127.0.0.1:8080/echo"
            )
        )
        #expect(text.contains("wscat -c ws://127.0.0.1:8080/echo"))
        #expect(text.contains("curl -N --http1.1 -i"))
        #expect(!text.contains("s3cret"))
        let screen = AppView.render(state).snapshot()
        #expect(screen.contains("Copy as command"))
    }

    @Test func theCommandIsInThePalette() {
        let titles = Palette.entries(for: "copy as command", keymap: Keymap()).map(\.title)
        #expect(titles.first == "Copy as command: this connection for websocat, wscat, curl")
    }
}
