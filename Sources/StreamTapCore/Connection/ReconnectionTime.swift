/// The wait before reconnecting after an event stream ended, and who set
/// it: the HTML Standard's "reconnection time" of an `EventSource`.
public struct ReconnectionTime: Sendable, Equatable {
    /// Who set the reconnection time in force.
    public enum Source: Sendable, Equatable {
        /// Nobody: 3 s, as browsers use.
        case standard
        /// The client (`--retry-ms`), until the server sends `retry`.
        case client
        /// The client, fixed: the server's `retry` is ignored.
        case clientFixed
        /// The server's `retry` field.
        case server

        /// How a reconnection announcement names it.
        public var description: String {
            switch self {
            case .standard: "the default"
            case .client: "set by the client"
            case .clientFixed: "set by the client; the server's retry is ignored"
            case .server: "set by the server's retry field"
            }
        }
    }

    /// 3 s, as browsers use before a server sets one.
    public static let standardMilliseconds = 3_000

    public var milliseconds: Int
    public var source: Source

    public init(milliseconds: Int, source: Source) {
        self.milliseconds = milliseconds
        self.source = source
    }
}

/// What the next attempt of a connection resumes with: an event stream's
/// reconnection time and last event ID. A WebSocket resumes with nothing.
public struct Resumption: Sendable, Equatable {
    /// The event stream's reconnection time (`nil`: not an event stream, so
    /// every wait is the policy's backoff).
    public var reconnectionTime: ReconnectionTime?
    /// The `Last-Event-ID` the next request sends (empty: none).
    public var lastEventID: String

    public init(reconnectionTime: ReconnectionTime? = nil, lastEventID: String = "") {
        self.reconnectionTime = reconnectionTime
        self.lastEventID = lastEventID
    }

    /// Nothing to resume with (WebSocket).
    public static let none = Resumption()
}
