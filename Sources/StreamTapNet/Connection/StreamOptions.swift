import StreamTapCore

/// Everything that shapes a connection, whatever its protocol: what both
/// share, the switches it starts with, and what each protocol adds.
public struct StreamOptions: Sendable, Equatable {
    /// Headers, TLS, timeouts and proxies.
    public var connection: ConnectionOptions
    /// Whether pings are answered automatically, to start with (WebSocket).
    public var autoPong: Bool
    /// When to reconnect, to start with (`nil`: the protocol's usual policy,
    /// see ``ReconnectPolicy/standard(for:requestIsSafeToRepeat:)``).
    public var reconnect: ReconnectPolicy?
    public var webSocket: WebSocketOptions
    public var eventStream: SSEOptions
    /// Which protocol lens reads the messages, and what it needs.
    public var lens: LensSettings

    public init(
        connection: ConnectionOptions = ConnectionOptions(),
        autoPong: Bool = true,
        reconnect: ReconnectPolicy? = nil,
        webSocket: WebSocketOptions = WebSocketOptions(),
        eventStream: SSEOptions = SSEOptions(),
        lens: LensSettings = LensSettings()
    ) {
        self.connection = connection
        self.autoPong = autoPong
        self.reconnect = reconnect
        self.webSocket = webSocket
        self.eventStream = eventStream
        self.lens = lens
    }

    /// The request an event stream's attempts start from.
    func eventStreamTarget(_ endpoint: Endpoint) -> HTTPRequestTarget {
        HTTPRequestTarget(
            endpoint: endpoint,
            method: eventStream.method,
            body: eventStream.body,
            headers: connection.headers
        )
    }
}
