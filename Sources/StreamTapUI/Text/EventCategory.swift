import StreamTapCore

/// The groups of events the list can show or hide with one key each.
public enum EventCategory: Int, Sendable, CaseIterable, Comparable {
    /// WebSocket messages and SSE events: what the stream is saying.
    case data = 1
    /// Ping, pong and close frames, SSE comments (heartbeats), and the
    /// protocol traffic a lens reads (keepalives, handshakes, acks).
    case control = 2
    /// Connecting, open, close, reconnect, retry, latency and errors.
    case lifecycle = 3
    /// The individual data frames a message was carried in.
    case frames = 4

    /// The categories shown until the user says otherwise (frames repeat
    /// what messages say, so they start hidden).
    public static let defaultShown: Set<EventCategory> = [.data, .control, .lifecycle]

    /// A short name for status lines.
    public var name: String {
        switch self {
        case .data: "data"
        case .control: "control"
        case .lifecycle: "lifecycle"
        case .frames: "frames"
        }
    }

    public static func < (lhs: EventCategory, rhs: EventCategory) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The category of `kind`.
    public init(of kind: StreamEvent.Kind) {
        switch kind {
        case .message(let message):
            // What a lens reads as the protocol's own traffic is control.
            self = message.lens.map { $0.application == nil && $0.problem == nil } == true ? .control : .data
        case .event:
            self = .data
        case .frame(let frame):
            self = frame.opcode.isControl ? .control : .frames
        case .chunk:
            self = .frames
        case .comment:
            self = .control
        case .connecting, .open, .close, .reconnect, .retry, .error, .latency:
            self = .lifecycle
        }
    }
}
