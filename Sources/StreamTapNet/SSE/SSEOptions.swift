import StreamTapCore

/// What shapes a Server-Sent Events connection besides what every
/// connection shares (``StreamOptions``).
public struct SSEOptions: Sendable, Equatable {
    /// The request method: `GET` as `EventSource` uses, or e.g. `POST` for
    /// streaming APIs that take a request body.
    public var method: String
    /// The request body (sent with `Content-Length`; `Content-Type` is
    /// `application/json` unless a header says otherwise).
    public var body: [UInt8]?
    /// The reconnection time to start with, in milliseconds (`nil`: 3 s, as
    /// browsers use); the server's `retry` changes it unless
    /// `ignoresServerRetry`.
    public var initialReconnectionTimeMilliseconds: Int?
    /// Keep the reconnection time fixed whatever the server's `retry` says.
    public var ignoresServerRetry: Bool
    /// The last event ID to start from, as if an earlier stream had set it:
    /// sent as `Last-Event-ID` and reported as the events' `lastEventId`
    /// until the stream sets (or clears) its own.
    public var lastEventID: String
    /// The most bytes one event may hold; a larger event is discarded with
    /// an error and the stream goes on. It also bounds a JSON answer.
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
        method: String = "GET",
        body: [UInt8]? = nil,
        initialReconnectionTimeMilliseconds: Int? = nil,
        ignoresServerRetry: Bool = false,
        lastEventID: String = "",
        maxEventSize: Int = SSEParser.defaultMaximumEventSize,
        maxRedirects: Int = 10,
        maxDecompressionRatio: Int = 200,
        reportChunks: Bool = false
    ) {
        self.method = method
        self.body = body
        self.initialReconnectionTimeMilliseconds = initialReconnectionTimeMilliseconds
        self.ignoresServerRetry = ignoresServerRetry
        self.lastEventID = lastEventID
        self.maxEventSize = maxEventSize
        self.maxRedirects = maxRedirects
        self.maxDecompressionRatio = maxDecompressionRatio
        self.reportChunks = reportChunks
    }
}
