/// Who started closing a connection.
public enum CloseInitiator: String, Sendable, Equatable {
    case server
    case client
}

/// How a connection ended.
public struct CloseInfo: Sendable, Equatable {
    /// The WebSocket close code (1005 when the close frame carried none,
    /// 1006 when the connection was lost without one). SSE streams use 1000
    /// for a normal end and 1006 for a dropped connection.
    public var code: Int
    public var reason: String
    public var initiator: CloseInitiator
    /// What an SSE stream carried and its first-byte and first-event times
    /// (`nil` for WebSocket and for SSE answers that opened no stream).
    public var stats: StreamStats?
    /// What the connection's protocol lens calls this end (Socket.IO's
    /// `ping timeout`, a GraphQL close code), when a lens was on.
    public var lens: LensDecoding?

    public init(
        code: Int,
        reason: String = "",
        initiator: CloseInitiator,
        stats: StreamStats? = nil,
        lens: LensDecoding? = nil
    ) {
        self.code = code
        self.reason = reason
        self.initiator = initiator
        self.stats = stats
        self.lens = lens
    }
}

/// A failure, in words a user understands, with the HTTP response that
/// explains it when there is one.
public struct ErrorInfo: Sendable, Equatable {
    public var message: String
    public var response: ResponseHead?

    public init(message: String, response: ResponseHead? = nil) {
        self.message = message
        self.response = response
    }
}
