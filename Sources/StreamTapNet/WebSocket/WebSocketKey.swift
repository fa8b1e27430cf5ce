import StreamTapCore

/// The `Sec-WebSocket-Key` of an opening handshake: 16 random bytes in
/// Base64 (RFC 6455 §4.1), new for every connection attempt.
enum WebSocketKey {
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
