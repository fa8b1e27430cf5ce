import StreamTapCore
import StreamTapTerminal

/// Two connections side by side, with the figures their live traffic
/// gives: handshake, bytes on the wire per message against the payload,
/// messages per second, latency and reconnections.
public enum CompareDocument {
    /// The width of the label column.
    static let labelWidth = 13

    /// The table for `left` beside `right`, `width` columns wide, as of `now`.
    public static func lines(left: Pane, right: Pane, now: Timestamp, width: Int, theme: Theme) -> [StyledLine] {
        let column = max(1, (width - labelWidth) / 2)
        let figures = [ConnectionFigures(left, now: now), ConnectionFigures(right, now: now)]
        func row(_ label: String, _ value: (ConnectionFigures) -> String, _ style: Style = .plain) -> StyledLine {
            var line = StyledLine(DisplayWidth.pad(label, to: labelWidth), theme.muted)
            line.append(DisplayWidth.fit(value(figures[0]), to: max(0, column - 1)) + " ", style)
            line.append(DisplayWidth.truncate(value(figures[1]), to: column), style)
            return line
        }
        return [
            row("", \.name, theme.title),
            row("protocol", \.protocolName),
            row("handshake", \.handshake),
            row("setup", \.setup),
            row("status", \.status),
            row("messages in", { "\($0.messages)" }),
            row("messages/s", { "\($0.perSecond)" }),
            row("wire bytes", { ByteCount.describe($0.wireBytes) }),
            row("payload", { ByteCount.describe($0.payloadBytes) }),
            row("wire/msg", { $0.perMessage($0.wireBytes) }),
            row("payload/msg", { $0.perMessage($0.payloadBytes) }),
            row("overhead", \.overhead),
            row("latency", \.latency),
            row("reconnects", { "\($0.reconnects)" }),
            StyledLine(),
        ]
            + WordWrap.lines(
                "Counted from each connection's incoming traffic since it opened. WebSocket: 2-14 header bytes "
                    + "per frame (payloads as carried, so compressed with permessage-deflate). SSE: field names, "
                    + "line ends and chunk framing around every event's data (body bytes as read; the chunk "
                    + "framing taken as one chunk per read).",
                width: width
            ).map { StyledLine($0, theme.muted) }
    }
}

/// The figures of one connection for the compare view.
struct ConnectionFigures {
    var name: String
    var protocolKind: StreamProtocol?
    var handshake: String
    var status: String
    var messages: Int
    var perSecond: Int
    var wireBytes: Int
    var payloadBytes: Int
    var traffic: TrafficCounters
    var reconnects: Int
    var handshakeTimings: ConnectionTimings?

    init(_ pane: Pane, now: Timestamp) {
        name = "\(pane.id) \(pane.title)"
        protocolKind = pane.protocolKind
        handshake = pane.handshake.map { "\($0.response.status) \($0.response.reason)" } ?? "not yet"
        status = pane.status.label
        traffic = pane.traffic
        messages = traffic.messages
        perSecond = pane.rate.perSecond(at: now)
        wireBytes = traffic.wireBytes
        payloadBytes = traffic.payloadBytes
        reconnects = pane.reconnects
        handshakeTimings = pane.handshake?.timings
    }

    var protocolName: String {
        switch protocolKind {
        case .websocket: "WebSocket"
        case .sse: "SSE"
        case nil: "?"
        }
    }

    /// `bytes` per incoming message, one decimal.
    func perMessage(_ bytes: Int) -> String {
        guard messages > 0 else { return "-" }
        return String(format1(Double(bytes) / Double(messages))) + " B"
    }

    /// What the wire added to the payload, and where it went.
    var overhead: String {
        guard wireBytes > 0 else { return "-" }
        switch protocolKind {
        case .websocket: return "\(traffic.frameHeaderBytes) B headers"
        case .sse: return "\(max(0, wireBytes - payloadBytes)) B fields+chunks"
        case nil: return "-"
        }
    }

    /// TCP connect plus the opening handshake of the last connection.
    var setup: String {
        guard let timings = handshakeTimings else { return "-" }
        let parts = [("TCP", timings.connectMilliseconds), ("HTTP", timings.handshakeMilliseconds)]
        return parts.compactMap { name, value in value.map { "\(name) \(TimeFormat.duration(milliseconds: $0))" } }
            .joined(separator: " + ")
    }

    var latency: String {
        if let milliseconds = traffic.lastLatencyMilliseconds {
            return TimeFormat.duration(milliseconds: milliseconds)
        }
        return protocolKind == .sse ? "no pings in SSE" : "no ping yet"
    }

    /// One decimal, always shown: `14.0`, `-0.5`.
    private func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return (tenths < 0 ? "-" : "") + "\(tenths.magnitude / 10).\(tenths.magnitude % 10)"
    }
}
