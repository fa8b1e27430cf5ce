import StreamTapCore
import StreamTapTerminal
import Testing

@testable import StreamTapUI

/// Automatic pong and auto-reconnect switched from the palette and keys.
@Suite struct SettingsToggleTests {
    let size = TerminalSize(columns: 120, rows: 40)

    /// Runs `query` from the palette; returns the effects of Enter.
    func runFromPalette(_ query: String, state: inout AppState) -> [Effect] {
        Fixtures.press(.character(":"), into: &state)
        for character in query {
            Reducer.reduce(&state, .key(.character(character)))
        }
        return Reducer.reduce(&state, .key(.enter))
    }

    func title(_ state: AppState, pane: Int) -> String {
        PaneView.title(state.panes[pane], focused: pane == state.focus, state.theme).text
    }

    @Test func thePaletteSwitchesAutoPongOffAndOnAndTheTitleSaysSo() {
        var state = Fixtures.twoPaneState(size: size)
        #expect(!title(state, pane: 0).contains("auto-pong"))
        #expect(
            runFromPalette("automatic pong", state: &state) == [
                .perform(.webSocket(.setAutoPong(false)), connection: 1)
            ]
        )
        #expect(state.panes[0].settings.autoPong == false)
        #expect(title(state, pane: 0).contains("auto-pong off"))
        #expect(
            runFromPalette("automatic pong", state: &state) == [.perform(.webSocket(.setAutoPong(true)), connection: 1)]
        )
        #expect(!title(state, pane: 0).contains("auto-pong"))
    }

    @Test func thePaletteSwitchesReconnectOffThenBackToTheConfiguredPolicy() {
        var state = Fixtures.twoPaneState(size: size)
        #expect(runFromPalette("auto-reconnect", state: &state) == [.perform(.setReconnect(.off), connection: 1)])
        #expect(title(state, pane: 0).contains("reconnect off"))
        #expect(
            runFromPalette("auto-reconnect", state: &state) == [
                .perform(.setReconnect(ReconnectPolicy(mode: .backoff)), connection: 1)
            ]
        )
        #expect(!title(state, pane: 0).contains("reconnect off"))
    }

    @Test func keysToggleAndSSEComesBackWithTheSpecPolicy() {
        var state = Fixtures.twoPaneState(size: size)
        Reducer.reduce(
            &state,
            .connectionKnown(id: 2, ConnectionSettings(autoPong: false, reconnect: .off), .eventStream)
        )
        state.focus = 1
        #expect(title(state, pane: 1).contains("reconnect off"))
        #expect(!title(state, pane: 1).contains("auto-pong"))
        #expect(
            Reducer.reduce(&state, .key(.character("R")))
                == [.perform(.setReconnect(ReconnectPolicy(mode: .spec)), connection: 2)]
        )
        #expect(Reducer.reduce(&state, .key(.character("P"))).isEmpty)
        #expect(state.notice?.isError == true)
        state.focus = 0
        #expect(
            Reducer.reduce(&state, .key(.character("P"))) == [.perform(.webSocket(.setAutoPong(false)), connection: 1)]
        )
    }

    @Test func aPaneWithoutAConnectionRefuses() {
        var state = Fixtures.state(size: size)
        Reducer.reduce(
            &state,
            .addPane(
                PaneSpecification(id: 5, title: "x", url: "ws://x/", protocolKind: .websocket, isConnected: false)
            )
        )
        #expect(Reducer.reduce(&state, .command(.toggleAutoPong)).isEmpty)
        #expect(state.panes[0].settings.autoPong)
        #expect(state.notice?.isError == true)
    }
}
