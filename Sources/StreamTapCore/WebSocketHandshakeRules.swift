/// The pure rules of the WebSocket opening handshake (RFC 6455 §4).
public enum WebSocketHandshakeRules {
    /// The GUID every server appends to the client's key.
    public static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// The `Sec-WebSocket-Accept` a server must answer to `key`:
    /// Base64(SHA-1(key + GUID)).
    public static func expectedAccept(forKey key: String) -> String {
        Base64.encode(SHA1.digest(Array((key + guid).utf8)))
    }
}
