import StreamTapCore
import StreamTapTerminal
import Testing

@testable import StreamTapUI

/// The UI offers what a connection says it can do, not what its protocol
/// suggests: sends, pings and faults by capability, and a warning in the
/// title when reconnecting would repeat a request that is not safe to.
@Suite struct CapabilityTests {
    let size = TerminalSize(columns: 120, rows: 40)

    private func state(with capabilities: ConnectionCapabilities, settings: ConnectionSettings) -> AppState {
        var state = Fixtures.state(size: size)
        Reducer.reduce(
            &state,
            .addPane(
                PaneSpecification(
                    id: 9,
                    title: "stream",
                    url: "http://127.0.0.1:8080/v1/chat",
                    protocolKind: .sse,
                    isConnected: true,
                    settings: settings,
                    capabilities: capabilities
                )
            )
        )
        return state
    }

    private func title(_ state: AppState) -> String {
        PaneView.title(state.panes[0], focused: true, state.theme).text
    }

    @Test func aPostThatReconnectionWouldRepeatSaysSoInTheTitle() {
        let post: ConnectionCapabilities = ConnectionCapabilities.eventStream.union(.repeatsUnsafeRequest)
        let repeating = state(with: post, settings: ConnectionSettings(reconnect: ReconnectPolicy(mode: .spec)))
        #expect(title(repeating).contains("reconnect re-sends the request"))
        let safe = state(with: post, settings: ConnectionSettings(reconnect: .off))
        #expect(title(safe).contains("reconnect off") && !title(safe).contains("re-sends"))
        let get = state(with: .eventStream, settings: ConnectionSettings(reconnect: ReconnectPolicy(mode: .spec)))
        #expect(!title(get).contains("reconnect"))
    }

    @Test func aConnectionThatCannotSendRefusesTheComposerAndWebSocketFaults() {
        var state = state(with: .eventStream, settings: ConnectionSettings(reconnect: .off))
        #expect(Reducer.reduce(&state, .key(.character("i"))).isEmpty)
        #expect(state.notice?.text == "Server-Sent Events only flow from the server: nothing to send")
        #expect(Reducer.reduce(&state, .command(.fault(.withholdPongs))).isEmpty)
        #expect(Reducer.reduce(&state, .command(.fault(.invalidFrame(.unmasked)))).isEmpty)
        #expect(Reducer.reduce(&state, .command(.fault(.drop))) == [.perform(.dropTransport, connection: 9)])
        #expect(Reducer.reduce(&state, .key(.character("P"))).isEmpty)
        #expect(state.notice?.isError == true)
    }

    @Test func aConnectionThatCanDoNothingIsReadOnly() {
        var state = state(with: [], settings: ConnectionSettings(reconnect: .off))
        #expect(Reducer.reduce(&state, .key(.character("i"))).isEmpty)
        #expect(state.notice?.text.hasPrefix("this is a recording") == true)
        for fault in Fault.allCases {
            #expect(!fault.applies(to: []), "\(fault.title)")
        }
        #expect(!title(state).contains("reconnect off"))
    }

    @Test func everyFaultAppliesToAWebSocket() {
        for fault in Fault.allCases {
            #expect(fault.applies(to: .webSocket), "\(fault.title)")
        }
    }
}
