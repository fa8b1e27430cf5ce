import StreamTapCore

/// What shapes a WebSocket connection besides what every connection shares
/// (``StreamOptions``).
public struct WebSocketOptions: Sendable, Equatable {
    /// Offered in `Sec-WebSocket-Protocol`, in preference order.
    public var subprotocols: [String]
    public var origin: String?
    /// permessage-deflate to offer (`nil`: no compression).
    public var deflate: PerMessageDeflate.Offer?
    /// Send a ping every this many milliseconds and measure the round trip
    /// (`nil`: no keepalive).
    public var keepaliveIntervalMilliseconds: Int?
    /// The largest incoming message (after inflation); larger fails with 1009.
    public var maxMessageSize: Int
    /// How long to wait for the server's close frame after ours.
    public var closeTimeoutMilliseconds: Int
    /// Text messages sent right after every successful (re)connection.
    public var onConnectMessages: [String]
    /// Report every frame as a `frame` event (messages are always reported).
    public var reportFrames: Bool

    public init(
        subprotocols: [String] = [],
        origin: String? = nil,
        deflate: PerMessageDeflate.Offer? = PerMessageDeflate.Offer(),
        keepaliveIntervalMilliseconds: Int? = nil,
        maxMessageSize: Int = 64 << 20,
        closeTimeoutMilliseconds: Int = 5_000,
        onConnectMessages: [String] = [],
        reportFrames: Bool = true
    ) {
        self.subprotocols = subprotocols
        self.origin = origin
        self.deflate = deflate
        self.keepaliveIntervalMilliseconds = keepaliveIntervalMilliseconds
        self.maxMessageSize = maxMessageSize
        self.closeTimeoutMilliseconds = closeTimeoutMilliseconds
        self.onConnectMessages = onConnectMessages
        self.reportFrames = reportFrames
    }
}
