import StreamTapCore
import StreamTapTerminal

/// What one row of a stream pane says about an event: direction, kind,
/// size and a one-line preview. Computing it reads at most the start of a
/// payload, so rows cost the same whatever the payload's size.
public struct EventSummary: Sendable, Equatable {
    /// The direction the event travelled, when it has one.
    public var direction: Direction?
    /// `text`, `binary`, `ping`, the SSE event type, `open`, `error`…
    public var kind: String
    /// The payload size in bytes, when the event carries one.
    public var size: Int?
    /// Untrusted text: drawn only through `CellBuffer`, which sanitizes it.
    public var preview: String
    public var category: EventCategory
    /// Whether this is an error (drawn as one).
    public var isError: Bool

    /// How many payload bytes a preview reads.
    static let previewBytes = 512

    public init(_ event: StreamEvent) {
        category = EventCategory(of: event.kind)
        isError = false
        direction = nil
        size = nil
        switch event.kind {
        case .connecting(let url, let attempt):
            kind = "connecting"
            preview = attempt > 1 ? "\(url) (attempt \(attempt))" : url
        case .open(let handshake):
            kind = "open"
            preview = Self.describe(handshake)
        case .frame(let frame):
            direction = frame.direction
            kind = Self.name(of: frame.opcode) + (frame.fin ? "" : "…")
            size = frame.length
            preview = Self.preview(ofFrame: frame)
        case .message(let message):
            direction = message.direction
            size = message.payload.count
            if let lens = message.lens {
                // The lens's reading first; the raw payload is in the inspector.
                kind = lens.type
                preview = (lens.automatic ? "auto · " : "") + lens.summary
                if let problem = lens.problem, problem != lens.summary { preview += " — " + problem }
                isError = lens.problem != nil
            } else {
                kind = Self.name(of: message.opcode)
                preview = Self.preview(of: message.payload, binary: message.opcode == .binary)
            }
        case .event(let sse):
            direction = .incoming
            size = sse.data.utf8.count
            if let lens = sse.lens {
                // A model's delta text instead of the JSON's start.
                kind = lens.type
                preview = lens.summary
                if let problem = lens.problem, problem != lens.summary { preview += " — " + problem }
                isError = lens.problem != nil || lens.type == "error"
            } else {
                kind = sse.type
                preview = String(sse.data.prefix(Self.previewBytes))
            }
        case .retry(let milliseconds):
            kind = "retry"
            preview =
                "the server set the reconnection time to \(TimeFormat.duration(milliseconds: Double(milliseconds)))"
        case .close(let close):
            kind = "close"
            let by = close.initiator == .server ? "by the server" : "by us"
            let reason = close.reason.isEmpty ? "" : ": \(close.reason)"
            preview = "\(close.code) \(CloseCode.meaning(of: close.code)), \(by)\(reason)"
            if let lens = close.lens { preview = lens.summary + " · " + preview }
            isError = close.code != CloseCode.normal && close.code != CloseCode.goingAway
        case .reconnect(let attempt, let delay, let reason):
            kind = "reconnect"
            preview = "attempt \(attempt) in \(TimeFormat.duration(milliseconds: Double(delay))): \(reason)"
        case .error(let error):
            kind = "error"
            isError = true
            if let response = error.response {
                preview = "\(error.message) (HTTP \(response.status) \(response.reason))"
            } else {
                preview = error.message
            }
        case .latency(let milliseconds):
            kind = "latency"
            preview = "ping round trip \(TimeFormat.duration(milliseconds: milliseconds))"
        case .chunk(let length, let events):
            direction = .incoming
            kind = "chunk"
            size = length
            preview = "\(length) bytes completed \(events) event\(events == 1 ? "" : "s")"
        case .comment(let text):
            direction = .incoming
            kind = "comment"
            preview = ":" + String(text.prefix(Self.previewBytes))
        }
    }

    /// The arrow for a direction: `↓` in, `↑` out, `·` for lifecycle events.
    public var arrow: String {
        switch direction {
        case .incoming: "\u{2193}"
        case .outgoing: "\u{2191}"
        case nil: "\u{00B7}"
        }
    }

    /// `text`, `binary`, `ping`… or `op 0x3` for a reserved opcode.
    static func name(of opcode: Opcode) -> String {
        switch opcode {
        case .continuation: "cont"
        default: opcode.name ?? "op 0x" + String(opcode.rawValue, radix: 16)
        }
    }

    static func describe(_ handshake: Handshake) -> String {
        var parts = ["\(handshake.response.status) \(handshake.response.reason)"]
        if let total = handshake.timings.totalMilliseconds {
            parts.append(TimeFormat.duration(milliseconds: total))
        }
        if let subprotocol = handshake.subprotocol {
            parts.append("subprotocol \(subprotocol)")
        }
        parts.append(contentsOf: handshake.extensions)
        if let tls = handshake.tls {
            parts.append(tls.protocolVersion)
        }
        return parts.joined(separator: " \u{00B7} ")
    }

    static func preview(of payload: [UInt8], binary: Bool) -> String {
        if binary {
            let shown = payload.prefix(24)
            let hex = shown.map { byte in
                let text = String(byte, radix: 16)
                return byte < 16 ? "0" + text : text
            }
            return hex.joined(separator: " ") + (payload.count > shown.count ? " \u{2026}" : "")
        }
        return InertText.render(bytes: payload.prefix(previewBytes))
    }

    static func preview(ofFrame frame: FrameInfo) -> String {
        var flags: [String] = []
        if frame.rsv1 { flags.append("RSV1") }
        if frame.rsv2 { flags.append("RSV2") }
        if frame.rsv3 { flags.append("RSV3") }
        let prefix = flags.isEmpty ? "" : "[" + flags.joined(separator: " ") + "] "
        if frame.opcode == .close {
            return prefix + closePreview(frame.payload)
        }
        return prefix + preview(of: frame.payload, binary: frame.opcode == .binary || frame.rsv1)
    }

    /// `1000 normal closure: bye` from a close frame's payload.
    static func closePreview(_ payload: [UInt8]) -> String {
        guard let code = CloseCode.statusCode(inPayload: payload) else {
            return payload.isEmpty ? "no status code" : "invalid 1-byte close payload"
        }
        let reason = InertText.render(bytes: payload.dropFirst(2).prefix(previewBytes))
        return "\(code) \(CloseCode.meaning(of: code))" + (reason.isEmpty ? "" : ": " + reason)
    }
}

extension ConnectionTimings {
    /// The sum of the phases that happened, or `nil` when none did.
    var totalMilliseconds: Double? {
        let phases = [dnsMilliseconds, connectMilliseconds, tlsMilliseconds, handshakeMilliseconds].compactMap { $0 }
        return phases.isEmpty ? nil : phases.reduce(0, +)
    }
}
