import StreamTapCore

/// What both protocols share to open a connection: the HTTP request's extra
/// headers, TLS, timeouts and proxies.
public struct ConnectionOptions: Sendable, Equatable {
    /// Extra request headers, sent in this order after `Host`.
    public var headers: HeaderFields
    public var userAgent: String
    public var tls: TLSOptions
    /// How long DNS, TCP and TLS together may take, in milliseconds.
    public var connectTimeoutMilliseconds: Int
    /// How long the server may take to answer the request, in milliseconds.
    public var handshakeTimeoutMilliseconds: Int
    /// How long an open stream may go without a byte before it counts as
    /// lost, in milliseconds (`nil`: as long as TCP keeps it).
    public var readTimeoutMilliseconds: Int?
    /// The HTTP proxies to tunnel through with `CONNECT` (`nil`: connect
    /// directly). Decided for each URL, so redirects are judged afresh.
    public var proxy: ProxySettings?

    public init(
        headers: HeaderFields = [],
        userAgent: String = "streamtap",
        tls: TLSOptions = TLSOptions(),
        connectTimeoutMilliseconds: Int = 10_000,
        handshakeTimeoutMilliseconds: Int = 10_000,
        readTimeoutMilliseconds: Int? = nil,
        proxy: ProxySettings? = nil
    ) {
        self.headers = headers
        self.userAgent = userAgent
        self.tls = tls
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.handshakeTimeoutMilliseconds = handshakeTimeoutMilliseconds
        self.readTimeoutMilliseconds = readTimeoutMilliseconds
        self.proxy = proxy
    }
}
