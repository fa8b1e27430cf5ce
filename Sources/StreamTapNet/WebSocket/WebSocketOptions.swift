import StreamTapCore

/// Everything that shapes a WebSocket connection.
public struct WebSocketOptions: Sendable, Equatable {
    public var connection: ConnectionOptions
    /// Offered in `Sec-WebSocket-Protocol`, in preference order.
    public var subprotocols: [String]
    public var origin: String?
    /// permessage-deflate to offer (`nil`: no compression).
    public var deflate: PerMessageDeflate.Offer?
    /// Answer pings automatically.
    public var autoPong: Bool
    /// Send a ping every this many milliseconds and measure the round trip
    /// (`nil`: no keepalive).
    public var keepaliveIntervalMilliseconds: Int?
    /// The largest incoming message (after inflation); larger fails with 1009.
    public var maxMessageSize: Int
    /// How long to wait for the server's close frame after ours.
    public var closeTimeoutMilliseconds: Int
    public var reconnect: ReconnectPolicy
    /// Text messages sent right after every successful (re)connection.
    public var onConnectMessages: [String]
    /// Report every frame as a `frame` event (messages are always reported).
    public var reportFrames: Bool

    public init(
        connection: ConnectionOptions = ConnectionOptions(),
        subprotocols: [String] = [],
        origin: String? = nil,
        deflate: PerMessageDeflate.Offer? = PerMessageDeflate.Offer(),
        autoPong: Bool = true,
        keepaliveIntervalMilliseconds: Int? = nil,
        maxMessageSize: Int = 64 << 20,
        closeTimeoutMilliseconds: Int = 5_000,
        reconnect: ReconnectPolicy = .off,
        onConnectMessages: [String] = [],
        reportFrames: Bool = true
    ) {
        self.connection = connection
        self.subprotocols = subprotocols
        self.origin = origin
        self.deflate = deflate
        self.autoPong = autoPong
        self.keepaliveIntervalMilliseconds = keepaliveIntervalMilliseconds
        self.maxMessageSize = maxMessageSize
        self.closeTimeoutMilliseconds = closeTimeoutMilliseconds
        self.reconnect = reconnect
        self.onConnectMessages = onConnectMessages
        self.reportFrames = reportFrames
    }
}
