/// What one request of an attempt asks for: where, with which method, body
/// and extra headers. The first comes from the connection's options; a
/// redirect turns it into the next.
public struct HTTPRequestTarget: Sendable, Equatable {
    public var endpoint: Endpoint
    public var method: String
    public var body: [UInt8]?
    /// The user's extra headers (`-H`).
    public var headers: HeaderFields

    public init(endpoint: Endpoint, method: String = "GET", body: [UInt8]? = nil, headers: HeaderFields = []) {
        self.endpoint = endpoint
        self.method = method
        self.body = body
        self.headers = headers
    }

    /// Whether sending this request again does no harm: a `GET` or `HEAD`
    /// without a body (RFC 9110 §9.2.1's safe methods). Anything else —
    /// an LLM completion, an MCP `initialize` — is not repeated by a
    /// reconnection unless the user asks for it.
    public var isSafeToRepeat: Bool {
        let method = method.uppercased()
        return (method == "GET" || method == "HEAD") && (body?.isEmpty ?? true)
    }
}
