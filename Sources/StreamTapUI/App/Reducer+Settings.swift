import StreamTapCore

/// Flips the focused connection's runtime switches: automatic pong and
/// auto-reconnect.
extension Reducer {
    static func toggleAutoPong(state: inout AppState, effects: inout [Effect]) {
        guard let index = state.focusedPaneIndex else {
            state.notice = Notice("no connection: press : and type connect URL", isError: true)
            return
        }
        guard state.panes[index].capabilities.contains(.ping) else {
            state.notice = Notice(
                "this connection has no pings to answer (automatic pong is for WebSocket)",
                isError: true
            )
            return
        }
        let on = !state.panes[index].settings.autoPong
        guard send(.webSocket(.setAutoPong(on)), to: index, state: &state, effects: &effects) else { return }
        state.panes[index].settings.autoPong = on
        state.notice = Notice(on ? "auto-pong on: pings are answered" : "auto-pong off: pings go unanswered")
    }

    static func toggleAutoReconnect(state: inout AppState, effects: inout [Effect]) {
        guard let index = state.focusedPaneIndex else {
            state.notice = Notice("no connection: press : and type connect URL", isError: true)
            return
        }
        let pane = state.panes[index]
        let policy = pane.settings.reconnect.mode == .off ? pane.reconnectWhenOn : .off
        guard send(.setReconnect(policy), to: index, state: &state, effects: &effects) else { return }
        state.panes[index].settings.reconnect = policy
        state.notice = Notice(policy.mode == .off ? "reconnect off" : "reconnect on (\(policy))")
    }

    /// Sends `command` to pane `index`'s connection; whether it could.
    private static func send(
        _ command: ConnectionCommand,
        to index: Int,
        state: inout AppState,
        effects: inout [Effect]
    ) -> Bool {
        guard state.panes[index].isConnected else {
            state.notice = Notice("this pane has no live connection", isError: true)
            return false
        }
        effects.append(.perform(command, connection: state.panes[index].id))
        return true
    }
}
