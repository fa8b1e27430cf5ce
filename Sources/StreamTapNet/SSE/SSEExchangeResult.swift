import StreamTapCore

/// How one HTTP exchange of an SSE attempt ended: one request, one
/// response, and the stream it opened if it opened one.
enum SSEExchangeResult: Sendable {
    /// No stream opened: the connection failed, or the server refused.
    case failed(HandshakeFailure)
    /// The server redirected the request.
    case redirect(status: Int, location: String, response: ResponseHead)
    /// The server answered `204 No Content`.
    case noContent(ResponseHead)
    /// A stream was open and ended.
    case streamEnded(SSEStreamEnd)
    /// The client closed the exchange before a stream opened.
    case cancelled
}

/// How an open event stream ended.
struct SSEStreamEnd: Sendable {
    /// Code 1000 for a clean end (or a close the client asked for), 1006
    /// for a lost connection.
    var close: CloseInfo
    /// The parser after the stream: its last event ID and reconnection time
    /// carry over to the next connection.
    var parser: SSEParser
}
