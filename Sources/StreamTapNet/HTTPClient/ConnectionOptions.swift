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
    /// The HTTP proxies to tunnel through with `CONNECT` (`nil`: connect
    /// directly). Decided for each URL, so redirects are judged afresh.
    public var proxy: ProxySettings?

    public init(
        headers: HeaderFields = [],
        userAgent: String = "streamtap",
        tls: TLSOptions = TLSOptions(),
        connectTimeoutMilliseconds: Int = 10_000,
        handshakeTimeoutMilliseconds: Int = 10_000,
        proxy: ProxySettings? = nil
    ) {
        self.headers = headers
        self.userAgent = userAgent
        self.tls = tls
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.handshakeTimeoutMilliseconds = handshakeTimeoutMilliseconds
        self.proxy = proxy
    }
}
