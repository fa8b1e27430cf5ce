import StreamTapCore
import StreamTapTerminal

/// The connection list: one row per connection with its protocol, URL,
/// state (in colour and as a symbol), reconnections and message rate.
enum ConnectionListView {
    static func render(_ state: AppState, into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let rows = min(area.height, state.panes.count)
        let start = min(max(0, state.focus - rows + 1), max(0, state.panes.count - rows))
        for row in 0..<rows {
            let index = start + row
            let pane = state.panes[index]
            let y = area.y + row
            let focused = index == state.focus
            var line = StyledLine(focused ? "\u{25B6} " : "  ", state.theme.key)
            line.append("\(pane.id) ", state.theme.muted)
            line.append(DisplayWidth.pad(protocolName(pane.protocolKind), to: 4), state.theme.muted)
            line.append(
                pane.status.symbol + " " + DisplayWidth.fit(pane.status.label, to: 13),
                statusStyle(pane.status, state.theme)
            )
            let tail = trailer(pane, state)
            let urlWidth = max(0, area.width - DisplayWidth.of(line.text) - DisplayWidth.of(tail) - 1)
            line.append(DisplayWidth.fit(pane.url, to: urlWidth) + " ", focused ? state.theme.title : state.theme.plain)
            line.append(tail, state.theme.muted)
            line.draw(into: &buffer, x: area.x, y: y, width: area.width, clip: area)
        }
    }

    private static func trailer(_ pane: Pane, _ state: AppState) -> String {
        var parts: [String] = []
        if pane.reconnects > 0 { parts.append("\u{21BB}\(pane.reconnects)") }
        parts.append(DisplayWidth.pad("\(pane.rate.perSecond(at: state.now)) msg/s", to: 10, alignment: .right))
        return parts.joined(separator: " ")
    }

    static func protocolName(_ kind: StreamProtocol?) -> String {
        switch kind {
        case .websocket: "ws"
        case .sse: "sse"
        case nil: "?"
        }
    }

    static func statusStyle(_ status: ConnectionStatus, _ theme: Theme) -> Style {
        switch status {
        case .open: theme.success
        case .connecting, .reconnecting: theme.warning
        case .closed(let code): code == CloseCode.normal ? theme.muted : theme.error
        case .failed, .unavailable: theme.error
        case .idle: theme.muted
        }
    }
}
