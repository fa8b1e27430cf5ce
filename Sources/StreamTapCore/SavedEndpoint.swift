/// A named endpoint kept in a collection file: where to connect and every
/// option that goes with it, so it can be opened again tomorrow as it was.
///
/// Values are kept as the user wrote them (after `${VAR}` substitution);
/// the command line turns them into connection options, where anything
/// given on the command line wins.
public struct SavedEndpoint: Sendable, Equatable {
    /// The name the user opens it by (`streamtap NAME`), unique in a collection.
    public var name: String
    /// The `ws://`, `wss://`, `http://` or `https://` URL.
    public var url: String
    /// Forces WebSocket or SSE whatever the scheme says.
    public var protocolOverride: StreamProtocol?
    /// Request headers, in order.
    public var headers: HeaderFields
    /// WebSocket subprotocols offered, in preference order.
    public var subprotocols: [String]
    public var origin: String?
    /// Text messages sent after every (re)connection.
    public var onConnect: [String]
    /// The reconnection policy as written (`off`, `on`, `backoff:250ms-10s`, `spec`...).
    public var reconnect: String?
    /// SSE: the request method and body.
    public var method: String?
    public var body: String?
    /// Seconds between keepalive pings.
    public var keepaliveSeconds: Double?
    /// Milliseconds without a byte after which the stream counts as lost.
    public var readTimeoutMilliseconds: Int?
    public var tls: TLSOptions
    /// The protocol lens, by the name `--lens` takes.
    public var lens: String?

    public init(
        name: String,
        url: String,
        protocolOverride: StreamProtocol? = nil,
        headers: HeaderFields = HeaderFields(),
        subprotocols: [String] = [],
        origin: String? = nil,
        onConnect: [String] = [],
        reconnect: String? = nil,
        method: String? = nil,
        body: String? = nil,
        keepaliveSeconds: Double? = nil,
        readTimeoutMilliseconds: Int? = nil,
        tls: TLSOptions = TLSOptions(),
        lens: String? = nil
    ) {
        self.name = name
        self.url = url
        self.protocolOverride = protocolOverride
        self.headers = headers
        self.subprotocols = subprotocols
        self.origin = origin
        self.onConnect = onConnect
        self.reconnect = reconnect
        self.method = method
        self.body = body
        self.keepaliveSeconds = keepaliveSeconds
        self.readTimeoutMilliseconds = readTimeoutMilliseconds
        self.tls = tls
        self.lens = lens
    }
}
