import StreamTapCore
import StreamTapTerminal

/// The handshake view: the request and the response side by side (stacked
/// when narrow), the `Sec-WebSocket-Accept` proof worked out with the real
/// values, what was negotiated, how long each phase took, and TLS.
public enum HandshakeDocument {
    /// The width from which request and response go side by side.
    static let sideBySideWidth = 80

    public static func lines(for pane: Pane, width: Int, _ state: AppState) -> [StyledLine] {
        let theme = state.theme
        guard let handshake = pane.handshake else {
            var lines = [StyledLine("No handshake yet (\(pane.status.label)).", theme.muted)]
            if let refusal = pane.refusal, let response = refusal.response {
                lines = [
                    StyledLine("The server refused the connection: \(refusal.message)", theme.error), StyledLine(),
                ]
                lines += responseLines(response, theme: theme)
            }
            return lines.wrapped(to: width)
        }
        var lines: [StyledLine] = []
        var title = StyledLine("Handshake ", theme.title)
        title.append(handshake.url, theme.plain)
        title.append(handshake.protocolKind == .websocket ? "  WebSocket" : "  Server-Sent Events", theme.muted)
        lines.append(title)
        lines.append(StyledLine())
        let request = [StyledLine("Request (sent)", theme.title)] + requestLines(handshake.request, theme: theme)
        let response =
            [StyledLine("Response (received)", theme.title)] + responseLines(handshake.response, theme: theme)
        lines += columns(request, response, width: width, theme: theme)
        lines.append(StyledLine())
        if handshake.protocolKind == .websocket {
            lines += acceptProof(handshake, theme: theme)
        } else {
            lines += sseCheck(handshake, theme: theme)
        }
        lines.append(StyledLine())
        lines += negotiated(handshake, theme: theme)
        lines.append(StyledLine())
        lines += timings(handshake.timings, theme: theme)
        if let tls = handshake.tls {
            lines.append(StyledLine())
            lines.append(StyledLine("TLS", theme.title))
            lines.append(InspectorDocument.field("version", tls.protocolVersion, theme))
            lines.append(InspectorDocument.field("cipher", tls.cipher, theme))
            if let subject = tls.peerSubject { lines.append(InspectorDocument.field("subject", subject, theme)) }
            if let issuer = tls.peerIssuer { lines.append(InspectorDocument.field("issuer", issuer, theme)) }
            if let notAfter = tls.peerNotAfter { lines.append(InspectorDocument.field("expires", notAfter, theme)) }
        }
        return lines.wrapped(to: width)
    }

    static func requestLines(_ request: RequestHead, theme: Theme) -> [StyledLine] {
        [StyledLine("\(request.method) \(request.target) HTTP/1.1")] + headerLines(request.headers, theme: theme)
    }

    static func responseLines(_ response: ResponseHead, theme: Theme) -> [StyledLine] {
        let ok = response.status == 101 || response.status == 200
        var lines = [StyledLine("HTTP/1.1 \(response.status) \(response.reason)", ok ? theme.success : theme.error)]
        lines += headerLines(response.headers, theme: theme)
        if let body = response.body, !body.isEmpty {
            lines.append(StyledLine())
            lines += InertTextLines.split(Array(body.prefix(4096))).map { StyledLine($0) }
        }
        return lines
    }

    static func headerLines(_ headers: HeaderFields, theme: Theme) -> [StyledLine] {
        headers.fields.map { field in
            var line = StyledLine(field.name + ":", theme.jsonKey)
            line.append(" " + field.value)
            return line
        }
    }

    /// Two columns of lines, each wrapped to its half, or one after the
    /// other when `width` is narrow.
    static func columns(_ left: [StyledLine], _ right: [StyledLine], width: Int, theme: Theme) -> [StyledLine] {
        guard width >= sideBySideWidth else {
            return left + [StyledLine()] + right
        }
        let columnWidth = (width - 3) / 2
        let leftRows = left.wrapped(to: columnWidth)
        let rightRows = right.wrapped(to: columnWidth)
        return (0..<max(leftRows.count, rightRows.count)).map { row in
            var line =
                row < leftRows.count
                ? leftRows[row].padded(to: columnWidth) : StyledLine(String(repeating: " ", count: columnWidth))
            line.append(" \u{2502} ", theme.border)
            if row < rightRows.count {
                line.spans += rightRows[row].spans
            }
            return line
        }
    }

    private static func acceptProof(_ handshake: Handshake, theme: Theme) -> [StyledLine] {
        var lines = [StyledLine("How the server proved it speaks WebSocket", theme.title)]
        guard let key = handshake.request.headers.first("Sec-WebSocket-Key") else {
            lines.append(StyledLine("No Sec-WebSocket-Key was sent.", theme.muted))
            return lines
        }
        let expected = WebSocketHandshakeRules.expectedAccept(forKey: key)
        lines.append(InspectorDocument.field("we sent", "Sec-WebSocket-Key: \(key) (16 random bytes, Base64)", theme))
        lines.append(InspectorDocument.field("append", WebSocketHandshakeRules.guid + " (the RFC 6455 GUID)", theme))
        lines.append(InspectorDocument.field("SHA-1→Base64", expected, theme))
        var answer = InspectorDocument.field("server said", "Sec-WebSocket-Accept: ", theme)
        if let accept = handshake.response.headers.first("Sec-WebSocket-Accept") {
            answer.append(accept + " ")
            answer.append(
                accept == expected ? "\u{2713} matches" : "\u{2717} does not match",
                accept == expected ? theme.success : theme.error
            )
        } else {
            answer.append("(missing)", theme.error)
        }
        lines.append(answer)
        return lines
    }

    private static func sseCheck(_ handshake: Handshake, theme: Theme) -> [StyledLine] {
        var lines = [StyledLine("Why this is an event stream", theme.title)]
        let type = handshake.response.headers.first("Content-Type") ?? "(missing)"
        var line = InspectorDocument.field("content type", type + " ", theme)
        let ok = type.lowercased().hasPrefix("text/event-stream")
        line.append(
            ok ? "\u{2713} text/event-stream" : "\u{2717} expected text/event-stream",
            ok ? theme.success : theme.error
        )
        lines.append(line)
        if let last = handshake.request.headers.first("Last-Event-ID") {
            lines.append(InspectorDocument.field("resumed at", "Last-Event-ID: \(last)", theme))
        }
        return lines
    }

    private static func negotiated(_ handshake: Handshake, theme: Theme) -> [StyledLine] {
        var lines = [StyledLine("Negotiated", theme.title)]
        let offered = handshake.request.headers.values(for: "Sec-WebSocket-Protocol").joined(separator: ", ")
        let chosen = handshake.subprotocol ?? "(none)"
        lines.append(
            InspectorDocument.field("subprotocol", offered.isEmpty ? chosen : "\(chosen) (offered: \(offered))", theme)
        )
        let extensions = handshake.extensions.isEmpty ? "(none)" : handshake.extensions.joined(separator: ", ")
        lines.append(InspectorDocument.field("extensions", extensions, theme))
        return lines
    }

    private static func timings(_ timings: ConnectionTimings, theme: Theme) -> [StyledLine] {
        var lines = [StyledLine("Timings", theme.title)]
        let phases: [(String, Double?)] = [
            ("DNS", timings.dnsMilliseconds), ("TCP connect", timings.connectMilliseconds),
            ("TLS", timings.tlsMilliseconds), ("handshake", timings.handshakeMilliseconds),
        ]
        for (name, value) in phases {
            lines.append(
                InspectorDocument.field(name, value.map { TimeFormat.duration(milliseconds: $0) } ?? "\u{2014}", theme)
            )
        }
        if let total = timings.totalMilliseconds {
            lines.append(InspectorDocument.field("total", TimeFormat.duration(milliseconds: total), theme))
        }
        return lines
    }
}

extension StyledLine {
    /// This line (assumed to fit) padded with spaces to `width` columns.
    func padded(to width: Int) -> StyledLine {
        var line = self
        let missing = width - DisplayWidth.of(text)
        if missing > 0 {
            line.append(String(repeating: " ", count: missing))
        }
        return line
    }
}
