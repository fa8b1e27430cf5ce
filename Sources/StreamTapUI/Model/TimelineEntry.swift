import StreamTapCore

/// One step of a connection's life, kept apart from the event log so the
/// timeline survives a flood of messages that pushes them out of the log.
public struct TimelineEntry: Sendable, Equatable {
    public var timestamp: Timestamp
    public var kind: StreamEvent.Kind

    public init(timestamp: Timestamp, kind: StreamEvent.Kind) {
        self.timestamp = timestamp
        self.kind = kind
    }

    /// Whether an event belongs on the timeline.
    static func records(_ kind: StreamEvent.Kind) -> Bool {
        switch kind {
        case .connecting, .open, .close, .reconnect, .error, .retry: true
        case .frame, .message, .event, .latency, .chunk, .comment: false
        }
    }

    /// How many entries a timeline keeps (the oldest go first).
    static let limit = 2000
}
