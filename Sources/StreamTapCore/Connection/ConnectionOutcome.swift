/// How a connection's life ended, once nothing more will happen on it.
public enum ConnectionOutcome: Sendable, Equatable {
    /// The stream ended normally (WebSocket close 1000, SSE 204 or a clean
    /// end without reconnection).
    case normal
    /// The connection could not be made, or an error or abnormal close
    /// ended it.
    case failed
}
