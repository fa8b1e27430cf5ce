import StreamTapCore

/// "Copy as command": the focused connection as the command lines that
/// open it with websocat, wscat or curl, in an overlay to copy from.
extension Reducer {
    static func showCommandLines(state: inout AppState) {
        guard let index = state.focusedPaneIndex else {
            state.notice = Notice("no connection yet: press : and type connect URL", isError: true)
            return
        }
        let pane = state.panes[index]
        var events: [StreamEvent] = []
        if let handshake = pane.handshake {
            events.append(StreamEvent(timestamp: state.now, connectionID: pane.id, kind: .open(handshake)))
        } else {
            events.append(
                StreamEvent(timestamp: state.now, connectionID: pane.id, kind: .connecting(url: pane.url, attempt: 1))
            )
        }
        guard let connection = ConnectionHistory.group(events.map(Redaction.redact)).first else { return }
        let theme = state.theme
        var lines: [StyledLine] = [
            StyledLine("The same connection with another tool (secrets shown as REDACTED):", theme.muted),
            StyledLine(),
        ]
        for tool in CommandLineEquivalent.Tool.allCases {
            lines.append(StyledLine(tool.rawValue, theme.title))
            do throws(CommandLineEquivalent.Unsupported) {
                lines.append(StyledLine(try CommandLineEquivalent.command(for: connection, tool: tool), theme.plain))
            } catch {
                lines.append(StyledLine(error.description, theme.muted))
            }
            lines.append(StyledLine())
        }
        lines.append(
            StyledLine("streamtap export FILE --command TOOL --include-secrets prints them with secrets.", theme.muted)
        )
        state.input = .teaching(.explain(Explanation(title: "Copy as command", lines: lines)))
    }
}
