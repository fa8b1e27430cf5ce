import StreamTapCore

/// How an open event stream ended.
struct SSEStreamEnd: Sendable {
    /// Code 1000 for a clean end (or a close the client asked for), 1006
    /// for a lost connection.
    var close: CloseInfo
    /// The parser after the stream: its last event ID and reconnection time
    /// carry over to the next connection.
    var parser: SSEParser
    /// The stream's lens ended it (complete, or an error it reported).
    var completed: Bool
}
