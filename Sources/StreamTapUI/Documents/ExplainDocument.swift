import StreamTapCore
import StreamTapTerminal

/// Short, exact explanations of what a pane shows (`e`): a frame's bits, a
/// close code's meaning, a handshake's key and accept, why `Last-Event-ID`
/// was sent. Pure: the same item always reads the same.
public enum ExplainDocument {
    /// The explanation of `event`.
    public static func lines(for event: StreamEvent, theme: Theme) -> [StyledLine] {
        switch event.kind {
        case .frame(let frame):
            return frameLines(frame, theme: theme)
        case .message(let message):
            return messageLines(message, theme: theme)
        case .event(let sse):
            return sseEventLines(sse, theme: theme)
        case .close(let close):
            return closeLines(close, theme: theme)
        case .open(let handshake):
            return HandshakeExplanation.lines(handshake, theme: theme)
        case .connecting(let url, let attempt):
            return [
                StyledLine("Attempt \(attempt) to open \(url)."),
                StyledLine("DNS, then TCP (and TLS for wss:// and https://), then the HTTP request.", theme.muted),
            ]
        case .reconnect(let attempt, let delay, let reason):
            return [
                StyledLine("Attempt \(attempt) is scheduled in \(delay) ms.", theme.title),
                StyledLine("Why: \(reason)."),
                StyledLine(
                    "SSE reconnects by itself (EventSource, after the retry time); WebSocket has no",
                    theme.muted
                ),
                StyledLine("such rule: the application's reconnect policy decides.", theme.muted),
            ]
        case .retry(let milliseconds):
            return [
                StyledLine(
                    "The server's `retry: \(milliseconds)` field sets the reconnection time to \(milliseconds) ms."
                ),
                StyledLine("EventSource waits this long before reconnecting after a drop.", theme.muted),
            ]
        case .error(let error):
            var lines = [StyledLine(error.message, theme.error)]
            if let response = error.response {
                lines.append(StyledLine("The server answered HTTP \(response.status) \(response.reason)."))
            }
            return lines
        case .latency(let milliseconds):
            return [
                StyledLine(
                    "A keepalive ping came back as a pong after \(TimeFormat.duration(milliseconds: milliseconds))."
                ),
                StyledLine("The round trip includes the server's time to answer the ping.", theme.muted),
            ]
        case .chunk(let length, let events):
            return [
                StyledLine("One read of the response body: \(length) bytes completing \(events) event(s)."),
                StyledLine("Chunked transfer coding wraps each chunk in `size CRLF … CRLF`; a proxy that", theme.muted),
                StyledLine("buffers shows up as few large reads instead of one per event.", theme.muted),
            ]
        case .comment(let text):
            return [
                StyledLine("A comment line of the event stream: `:\(text)`."),
                StyledLine(
                    "Lines starting with a colon are not events; servers send them as heartbeats so",
                    theme.muted
                ),
                StyledLine("proxies and load balancers do not close an idle stream.", theme.muted),
            ]
        }
    }

    /// A frame's header bits and size on the wire.
    static func frameLines(_ frame: FrameInfo, theme: Theme) -> [StyledLine] {
        let header = TrafficCounters.headerLength(of: frame)
        var lines = [
            StyledLine(
                "\(frame.direction == .incoming ? "Incoming" : "Outgoing") \(EventSummary.name(of: frame.opcode)) frame: "
                    + "\(header) header bytes + \(frame.payload.count) payload bytes = \(header + frame.payload.count) on the wire",
                theme.title
            )
        ]
        lines += FrameBits.lines(frame, theme: theme)
        if frame.direction == .outgoing, !frame.masked {
            lines.append(
                StyledLine("A client frame must be masked (§5.1): the server must close with 1002.", theme.error)
            )
        }
        if frame.opcode.isReserved {
            lines.append(
                StyledLine(
                    "Opcode 0x\(String(frame.opcode.rawValue, radix: 16)) is reserved (§5.2): 1002.",
                    theme.error
                )
            )
        }
        if frame.opcode.isControl, !frame.fin {
            lines.append(StyledLine("Control frames must not be fragmented (§5.5): 1002.", theme.error))
        }
        if frame.opcode == .ping {
            lines.append(
                StyledLine("A ping must be answered with a pong carrying the same payload (§5.5.2).", theme.muted)
            )
        }
        if frame.opcode == .close, let code = CloseCode.statusCode(inPayload: frame.payload) {
            lines.append(InspectorDocument.field("close code", "\(code): \(CloseCode.meaning(of: code))", theme))
        }
        return lines
    }

    static func messageLines(_ message: Message, theme: Theme) -> [StyledLine] {
        var lines = [
            StyledLine(
                "A \(EventSummary.name(of: message.opcode)) message of \(message.payload.count) bytes, "
                    + (message.direction == .incoming ? "from the server." : "to the server."),
                theme.title
            )
        ]
        if message.compressed, let wire = message.wireLength {
            lines.append(StyledLine("permessage-deflate carried it in \(wire) bytes (RSV1 set on its first frame)."))
        }
        lines.append(StyledLine("A message is one or more frames: the first with the opcode, the rest", theme.muted))
        lines.append(StyledLine("continuations; FIN marks the last. Press 4 to show data frames.", theme.muted))
        return lines
    }

    static func sseEventLines(_ event: SSEEvent, theme: Theme) -> [StyledLine] {
        let dataLines = event.data.split(separator: "\n", omittingEmptySubsequences: false)
        var lines = [
            StyledLine("An SSE event of type \(event.type): \(event.data.utf8.count) bytes of data", theme.title),
            StyledLine("in \(dataLines.count) `data:` line(s), ended by a blank line."),
        ]
        if event.lastEventID.isEmpty {
            lines.append(StyledLine("No id: so far; a reconnection sends no Last-Event-ID.", theme.muted))
        } else {
            lines.append(InspectorDocument.field("last event ID", event.lastEventID, theme))
            lines.append(StyledLine("If the stream drops now, the reconnection sends", theme.muted))
            lines.append(
                StyledLine("Last-Event-ID: \(event.lastEventID) and the server resumes after it.", theme.muted)
            )
        }
        return lines
    }

    static func closeLines(_ close: CloseInfo, theme: Theme) -> [StyledLine] {
        var lines = [
            StyledLine("Close \(close.code): \(CloseCode.meaning(of: close.code))", theme.title),
            InspectorDocument.field("started by", close.initiator == .server ? "the server" : "us", theme),
        ]
        if !close.reason.isEmpty {
            lines.append(InspectorDocument.field("reason", close.reason, theme))
        }
        switch close.code {
        case CloseCode.abnormalClosure:
            lines.append(StyledLine("1006 is never sent: it means TCP ended without a close frame."))
        case CloseCode.noStatusReceived:
            lines.append(StyledLine("1005 is never sent: the close frame carried no status code."))
        case CloseCode.normal:
            lines.append(StyledLine("Both sides sent a close frame: a clean end."))
        default:
            lines.append(StyledLine("The code travels in the close frame's first two payload bytes (§5.5.1)."))
        }
        if let stats = close.stats {
            lines.append(
                StyledLine(
                    "The stream carried \(stats.events) events: \(stats.payloadBytes) bytes of data in "
                        + "\(stats.wireBytes) body bytes.",
                    theme.muted
                )
            )
        }
        return lines
    }
}
