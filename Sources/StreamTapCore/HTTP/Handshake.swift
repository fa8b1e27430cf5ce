/// The wire protocol a connection speaks once its handshake succeeded.
public enum StreamProtocol: String, Sendable, Equatable, CaseIterable {
    case websocket
    case sse
}

/// How long each phase of establishing a connection took, in milliseconds.
/// A phase that did not happen (no TLS on `ws://`) is `nil`.
public struct ConnectionTimings: Sendable, Equatable {
    public var dnsMilliseconds: Double?
    public var connectMilliseconds: Double?
    /// Through an HTTP proxy: the `CONNECT` round trip, from the request to
    /// the proxy's `2xx` (DNS and connect times are then the proxy's).
    public var proxyMilliseconds: Double?
    public var tlsMilliseconds: Double?
    /// From the request's first byte to the response head.
    public var handshakeMilliseconds: Double?

    public init(
        dnsMilliseconds: Double? = nil,
        connectMilliseconds: Double? = nil,
        proxyMilliseconds: Double? = nil,
        tlsMilliseconds: Double? = nil,
        handshakeMilliseconds: Double? = nil
    ) {
        self.dnsMilliseconds = dnsMilliseconds
        self.connectMilliseconds = connectMilliseconds
        self.proxyMilliseconds = proxyMilliseconds
        self.tlsMilliseconds = tlsMilliseconds
        self.handshakeMilliseconds = handshakeMilliseconds
    }
}

/// What the TLS handshake agreed on and who the peer claimed to be.
public struct TLSDetails: Sendable, Equatable {
    public var protocolVersion: String
    public var cipher: String
    public var peerSubject: String?
    public var peerIssuer: String?
    /// The peer certificate's expiry, as RFC 3339.
    public var peerNotAfter: String?

    public init(
        protocolVersion: String,
        cipher: String,
        peerSubject: String? = nil,
        peerIssuer: String? = nil,
        peerNotAfter: String? = nil
    ) {
        self.protocolVersion = protocolVersion
        self.cipher = cipher
        self.peerSubject = peerSubject
        self.peerIssuer = peerIssuer
        self.peerNotAfter = peerNotAfter
    }
}

/// A successful opening handshake: what was asked, what was answered, and
/// what it cost. Both protocols start as the same GET; they part ways here.
public struct Handshake: Sendable, Equatable {
    public var url: String
    public var protocolKind: StreamProtocol
    public var request: RequestHead
    public var response: ResponseHead
    /// The WebSocket subprotocol the server picked, if any.
    public var subprotocol: String?
    /// The WebSocket extensions in force (e.g. `permessage-deflate`).
    public var extensions: [String]
    public var timings: ConnectionTimings
    public var tls: TLSDetails?

    public init(
        url: String,
        protocolKind: StreamProtocol,
        request: RequestHead,
        response: ResponseHead,
        subprotocol: String? = nil,
        extensions: [String] = [],
        timings: ConnectionTimings = ConnectionTimings(),
        tls: TLSDetails? = nil
    ) {
        self.url = url
        self.protocolKind = protocolKind
        self.request = request
        self.response = response
        self.subprotocol = subprotocol
        self.extensions = extensions
        self.timings = timings
        self.tls = tls
    }

    var approximateSize: Int {
        url.utf8.count + request.headers.approximateSize + request.target.utf8.count + (request.body?.count ?? 0)
            + response.approximateSize
    }
}
