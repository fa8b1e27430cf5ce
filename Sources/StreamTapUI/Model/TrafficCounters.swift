import StreamTapCore

/// What arrived on a connection, counted as events come in: the bytes the
/// wire carried beside the payload they delivered, for the compare view.
public struct TrafficCounters: Sendable, Equatable {
    /// WebSocket: header bytes of incoming frames (2 to 14 each).
    public internal(set) var frameHeaderBytes = 0
    /// WebSocket: payload bytes of incoming frames, as carried (compressed
    /// when permessage-deflate is in force).
    public internal(set) var framePayloadBytes = 0
    /// SSE: body bytes read (reported as `chunk` events).
    public internal(set) var bodyBytes = 0
    /// SSE: the chunked transfer-coding lines around those reads, taking
    /// each read as one chunk (`size CRLF … CRLF`).
    public internal(set) var chunkFramingBytes = 0
    /// Bytes of the incoming messages' payloads, or of the SSE events' data.
    public internal(set) var payloadBytes = 0
    /// Incoming messages or SSE events.
    public internal(set) var messages = 0
    /// The last keepalive round trip measured.
    public internal(set) var lastLatencyMilliseconds: Double?

    public init() {}

    /// The wire bytes counted so far: frame headers and payloads, or body
    /// bytes with their chunk framing.
    public var wireBytes: Int { frameHeaderBytes + framePayloadBytes + bodyBytes + chunkFramingBytes }

    /// Counts what `kind` carried (incoming traffic only).
    mutating func record(_ kind: StreamEvent.Kind) {
        switch kind {
        case .frame(let frame) where frame.direction == .incoming:
            frameHeaderBytes += Self.headerLength(of: frame)
            framePayloadBytes += frame.payload.count
        case .message(let message) where message.direction == .incoming:
            messages += 1
            payloadBytes += message.payload.count
        case .event(let event):
            messages += 1
            payloadBytes += event.data.utf8.count
        case .chunk(let length, _):
            bodyBytes += length
            chunkFramingBytes += String(length, radix: 16).count + 4
        case .latency(let milliseconds):
            lastLatencyMilliseconds = milliseconds
        default:
            break
        }
    }

    /// The bytes of a frame's header on the wire (RFC 6455 §5.2): two, the
    /// extended length (0, 2 or 8) and the masking key (0 or 4).
    public static func headerLength(of frame: FrameInfo) -> Int {
        let extended = frame.length < 126 ? 0 : frame.length <= 0xFFFF ? 2 : 8
        return 2 + extended + (frame.masked ? 4 : 0)
    }
}
