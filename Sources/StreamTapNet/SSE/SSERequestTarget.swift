import StreamTapCore

/// What one request of an attempt asks for. The first comes from the
/// connection's options; a redirect turns it into the next.
struct SSERequestTarget: Sendable, Equatable {
    var endpoint: Endpoint
    var method: String
    var body: [UInt8]?
    /// The user's extra headers (`-H`).
    var headers: HeaderFields

    init(endpoint: Endpoint, options: SSEOptions) {
        self.endpoint = endpoint
        method = options.method
        body = options.body
        headers = options.connection.headers
    }

    init(endpoint: Endpoint, method: String, body: [UInt8]?, headers: HeaderFields) {
        self.endpoint = endpoint
        self.method = method
        self.body = body
        self.headers = headers
    }
}
