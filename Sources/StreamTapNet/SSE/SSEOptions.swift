import StreamTapCore

/// Everything that shapes a Server-Sent Events connection.
public struct SSEOptions: Sendable, Equatable {
    /// The reconnection time before the server sets one with `retry`, in
    /// milliseconds: 3 s, as browsers use.
    public static let defaultReconnectionTimeMilliseconds = 3_000

    public var connection: ConnectionOptions
    /// The request method: `GET` as `EventSource` uses, or e.g. `POST` for
    /// streaming APIs that take a request body.
    public var method: String
    /// The request body (sent with `Content-Length`; `Content-Type` is
    /// `application/json` unless a header in `connection` says otherwise).
    public var body: [UInt8]?
    /// When to reconnect: `spec` behaves as a browser's `EventSource`.
    public var reconnect: ReconnectPolicy
    /// A reconnection time, in milliseconds, that wins over the server's
    /// `retry` (`nil`: the server's, or 3 s while it has sent none).
    public var reconnectionTimeOverrideMilliseconds: Int?
    /// The most bytes one event may hold; a larger event is discarded with
    /// an error and the stream goes on.
    public var maxEventSize: Int
    /// How many redirects one attempt follows before it fails.
    public var maxRedirects: Int
    /// How many times its compressed size a `gzip` or `deflate` body may
    /// inflate to (the guard against decompression bombs).
    public var maxDecompressionRatio: Int
    /// Whether to report each read of the body as a `chunk` event (its
    /// length and how many events it completed), to show proxy buffering.
    public var reportChunks: Bool

    public init(
        connection: ConnectionOptions = ConnectionOptions(),
        method: String = "GET",
        body: [UInt8]? = nil,
        reconnect: ReconnectPolicy = ReconnectPolicy(mode: .spec),
        reconnectionTimeOverrideMilliseconds: Int? = nil,
        maxEventSize: Int = SSEParser.defaultMaximumEventSize,
        maxRedirects: Int = 10,
        maxDecompressionRatio: Int = 200,
        reportChunks: Bool = false
    ) {
        self.connection = connection
        self.method = method
        self.body = body
        self.reconnect = reconnect
        self.reconnectionTimeOverrideMilliseconds = reconnectionTimeOverrideMilliseconds
        self.maxEventSize = maxEventSize
        self.maxRedirects = maxRedirects
        self.maxDecompressionRatio = maxDecompressionRatio
        self.reportChunks = reportChunks
    }
}
