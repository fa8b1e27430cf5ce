/// How one connection attempt ended, as far as reconnecting is concerned.
public enum AttemptEnd: Sendable, Equatable {
    /// A stream was open and ended, cleanly or not.
    case streamEnded
    /// The connection could not be made or the server did not answer (DNS,
    /// TCP, TLS, a timeout, a connection closed before the response): trying
    /// again may help.
    case connectionFailed
    /// The server answered, but not with a stream: an HTTP error, a wrong
    /// `Content-Type`, a refused upgrade, a redirect that cannot be followed.
    case refused
    /// The server answered `204 No Content`: it asks the client to stop.
    case noContent
    /// The server answered the request with a body the exchange accepts
    /// (`202 Accepted`, or JSON to a `POST`): the exchange is complete.
    case answered
    /// The stream's protocol said it is complete (an LLM stream's `[DONE]`,
    /// an error it reported): connecting again would start a new request.
    case completed
    /// Trying again cannot help (the TLS files cannot be read).
    case unrecoverable
}
