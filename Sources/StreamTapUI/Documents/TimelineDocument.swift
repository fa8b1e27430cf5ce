import StreamTapCore
import StreamTapTerminal

/// The timeline view: each step of the connection's life with the time
/// since the previous step, so drops and backoff delays read at a glance.
public enum TimelineDocument {
    public static func lines(for pane: Pane, _ state: AppState) -> [StyledLine] {
        let theme = state.theme
        var lines = [StyledLine("Timeline of \(pane.url)", theme.title)]
        if pane.timeline.isEmpty {
            lines.append(StyledLine("Nothing has happened yet.", theme.muted))
            return lines
        }
        var previous: Timestamp?
        var openedAt: Timestamp?
        for entry in pane.timeline {
            var line = StyledLine(
                TimeFormat.clock(entry.timestamp, utcOffsetSeconds: state.utcOffsetSeconds),
                theme.muted
            )
            let gap = previous.map { entry.timestamp.milliseconds(since: $0) }
            line.append(
                DisplayWidth.pad(
                    gap.map { "+" + TimeFormat.duration(milliseconds: $0) } ?? "",
                    to: 11,
                    alignment: .right
                ) + "  ",
                theme.muted
            )
            previous = entry.timestamp
            switch entry.kind {
            case .connecting(let url, let attempt):
                line.append("\u{25CC} connecting ", theme.lifecycle)
                line.append("attempt \(attempt) to \(url)")
            case .open(let handshake):
                openedAt = entry.timestamp
                line.append("\u{25CF} open ", theme.success)
                line.append(EventSummary.describe(handshake))
                lines.append(line)
                line = StyledLine(String(repeating: " ", count: 25))
                line.append(phaseSummary(handshake.timings), theme.muted)
            case .close(let close):
                line.append("\u{25A0} close ", close.code == CloseCode.normal ? theme.lifecycle : theme.error)
                let by = close.initiator == .server ? "by the server" : "by us"
                line.append("\(close.code) \(CloseCode.meaning(of: close.code)), \(by)")
                if !close.reason.isEmpty { line.append(": " + close.reason) }
                if let openedAt {
                    let open = entry.timestamp.milliseconds(since: openedAt)
                    line.append(" (open for \(TimeFormat.duration(milliseconds: open)))", theme.muted)
                }
                openedAt = nil
            case .reconnect(let attempt, let delay, let reason):
                line.append("\u{21BB} reconnect ", theme.warning)
                line.append("attempt \(attempt) in \(TimeFormat.duration(milliseconds: Double(delay))): \(reason)")
            case .error(let error):
                line.append("\u{2716} error ", theme.error)
                line.append(error.message)
                if let response = error.response {
                    line.append(" (HTTP \(response.status) \(response.reason))")
                }
            case .retry(let milliseconds):
                line.append("\u{23F1} retry ", theme.lifecycle)
                line.append(
                    "server set the reconnection time to \(TimeFormat.duration(milliseconds: Double(milliseconds)))"
                )
            case .frame, .message, .event, .latency, .chunk, .comment:
                continue
            }
            lines.append(line)
        }
        return lines
    }

    private static func phaseSummary(_ timings: ConnectionTimings) -> String {
        let parts: [(String, Double?)] = [
            ("DNS", timings.dnsMilliseconds), ("TCP", timings.connectMilliseconds), ("TLS", timings.tlsMilliseconds),
            ("handshake", timings.handshakeMilliseconds),
        ]
        return parts.compactMap { name, value in value.map { "\(name) \(TimeFormat.duration(milliseconds: $0))" } }
            .joined(separator: " \u{00B7} ")
    }
}
