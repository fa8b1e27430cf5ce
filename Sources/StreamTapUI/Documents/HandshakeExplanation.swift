import StreamTapCore
import StreamTapTerminal

/// The explanation of an opening handshake: for WebSocket the
/// `Sec-WebSocket-Key` → `Sec-WebSocket-Accept` computation with the actual
/// values; for SSE the `200` stream and why `Last-Event-ID` was sent.
enum HandshakeExplanation {
    static func lines(_ handshake: Handshake, theme: Theme) -> [StyledLine] {
        let response = handshake.response
        var lines = [
            StyledLine(
                "\(handshake.request.method) \(handshake.request.target) → \(response.status) \(response.reason)",
                theme.title
            )
        ]
        switch handshake.protocolKind {
        case .websocket:
            lines.append(StyledLine("101 Switching Protocols: after this the TCP connection carries frames, not HTTP."))
            lines.append(StyledLine())
            lines += acceptLines(handshake, theme: theme)
        case .sse:
            lines.append(StyledLine("200 with Content-Type text/event-stream: the body never ends; each event is"))
            lines.append(StyledLine("`field: value` lines and a blank line, sent as the server has them."))
            lines.append(StyledLine())
            lines += lastEventIDLines(handshake.request, theme: theme)
        }
        return lines
    }

    /// The accept computation, RFC 6455 §4.2.2 step 5.4, with the values of
    /// this handshake.
    static func acceptLines(_ handshake: Handshake, theme: Theme) -> [StyledLine] {
        guard let key = handshake.request.headers.first("Sec-WebSocket-Key") else {
            return [StyledLine("The request carried no Sec-WebSocket-Key.", theme.warning)]
        }
        let digest = SHA1.digest(Array((key + WebSocketHandshakeRules.guid).utf8))
        let expected = Base64.encode(digest)
        let answered = handshake.response.headers.first("Sec-WebSocket-Accept")
        var lines = [
            StyledLine("Sec-WebSocket-Key → Sec-WebSocket-Accept (RFC 6455 §4.2.2):", theme.title),
            InspectorDocument.field("key", key, theme),
            InspectorDocument.field("+ GUID", WebSocketHandshakeRules.guid, theme),
            InspectorDocument.field("SHA-1", Hex.encode(digest), theme),
            InspectorDocument.field("Base64", expected, theme),
        ]
        switch answered {
        case expected?:
            lines.append(InspectorDocument.field("server sent", "\(expected) (matches)", theme))
        case let other?:
            lines.append(StyledLine("server sent \(other): does not match, so the upgrade must fail", theme.error))
        case nil:
            lines.append(StyledLine("The server sent no Sec-WebSocket-Accept.", theme.warning))
        }
        lines.append(
            StyledLine("The key is 16 random bytes in Base64; the accept proves the server read this", theme.muted)
        )
        lines.append(
            StyledLine("request as WebSocket (a cache or plain HTTP server could not compute it).", theme.muted)
        )
        return lines
    }

    /// Why the request carried `Last-Event-ID`, or why it did not.
    static func lastEventIDLines(_ request: RequestHead, theme: Theme) -> [StyledLine] {
        guard let id = request.headers.first("Last-Event-ID") else {
            return [
                StyledLine("No Last-Event-ID: this is a first connection, or no event so far had an id:."),
                StyledLine("The server starts the stream from the beginning.", theme.muted),
            ]
        }
        return [
            InspectorDocument.field("Last-Event-ID", id, theme),
            StyledLine("Sent because an earlier stream's last `id:` field was \(id). After a drop,"),
            StyledLine("EventSource reconnects (after the retry time) and sends it so the server can"),
            StyledLine("resume after event \(id): no event lost, none repeated.", theme.muted),
        ]
    }
}
