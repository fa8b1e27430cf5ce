/// A violation of RFC 6455 (or of a local limit) that fails a WebSocket
/// connection: the close code to send and a sentence for the user.
public struct WebSocketProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The close code the client sends when failing the connection
    /// (1002 protocol error, 1007 invalid data, 1009 too big).
    public var closeCode: Int
    public var message: String

    public init(closeCode: Int, _ message: String) {
        self.closeCode = closeCode
        self.message = message
    }

    public var description: String { message }
}

extension WebSocketProtocolError {
    /// A message over the size limit (close code 1009), as the end in
    /// `role` reports it (a client names its `--max-message-size` option).
    public static func messageTooBig(limit: Int, receivedBy role: WebSocketRole = .client) -> WebSocketProtocolError {
        let option = role == .client ? " (--max-message-size)" : ""
        return WebSocketProtocolError(
            closeCode: CloseCode.messageTooBig,
            "\(role.peer.name) sent a message larger than the \(ByteCount.describe(limit)) limit\(option)"
        )
    }
}
