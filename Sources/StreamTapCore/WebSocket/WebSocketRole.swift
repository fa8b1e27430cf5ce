/// Which end of a WebSocket connection the code runs at: the rules for
/// what may arrive differ (RFC 6455 §5.1: a client masks every frame it
/// sends, a server masks none), and so does whom an error blames.
public enum WebSocketRole: Sendable, Equatable {
    case client
    case server

    /// The other end.
    public var peer: WebSocketRole {
        switch self {
        case .client: .server
        case .server: .client
        }
    }

    /// This end as a sentence names it: `the client` or `the server`.
    public var name: String {
        switch self {
        case .client: "the client"
        case .server: "the server"
        }
    }

    /// Whether the frames this end receives must be masked (a server's)
    /// or must not be (a client's).
    public var receivesMaskedFrames: Bool { self == .server }
}
