/// How the built-in demo server listens and the limits it enforces.
///
/// Every limit exists so that the server stays safe to leave running on a
/// laptop in a classroom: it binds to loopback by default, refuses extra
/// connections, and bounds every buffer a client can make it fill.
public struct DemoServerConfiguration: Sendable {
    /// The address to listen on. Loopback unless deliberately changed.
    public var host: String
    /// The port to listen on; 0 lets the system pick a free one.
    public var port: Int
    /// Open connections at once; more are answered `503 Service Unavailable`.
    public var maxConnections: Int
    /// Largest WebSocket message accepted (after reassembly and
    /// decompression); a larger one is closed with 1009.
    public var maxMessageSize: Int
    /// Largest request body accepted (`POST /sse/chat`); larger is a 413.
    public var maxRequestBodySize: Int
    /// Largest request head (request line and headers); larger is a 400.
    public var maxRequestHeadSize: Int
    /// WebSocket messages (data and pings) one connection may send per
    /// second; more are closed with 1008.
    public var maxIncomingMessagesPerSecond: Int
    /// How long, in milliseconds, a connection may wait to send a request
    /// (its first, or the next on a kept-alive connection) before the
    /// server closes it.
    public var requestTimeoutMilliseconds: Int
    /// How long, in milliseconds, the server waits for the peer's close
    /// frame after sending its own before it closes the TCP connection.
    public var closeTimeoutMilliseconds: Int

    /// A configuration with safe defaults: loopback, a free port, 256
    /// connections, 1 MiB messages.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        maxConnections: Int = 256,
        maxMessageSize: Int = 1 << 20,
        maxRequestBodySize: Int = 64 * 1024,
        maxRequestHeadSize: Int = 16 * 1024,
        maxIncomingMessagesPerSecond: Int = 1000,
        requestTimeoutMilliseconds: Int = 30_000,
        closeTimeoutMilliseconds: Int = 2000
    ) {
        self.host = host
        self.port = port
        self.maxConnections = maxConnections
        self.maxMessageSize = maxMessageSize
        self.maxRequestBodySize = maxRequestBodySize
        self.maxRequestHeadSize = maxRequestHeadSize
        self.maxIncomingMessagesPerSecond = maxIncomingMessagesPerSecond
        self.requestTimeoutMilliseconds = requestTimeoutMilliseconds
        self.closeTimeoutMilliseconds = closeTimeoutMilliseconds
    }

    /// Whether `host` names the loopback interface only (`127.0.0.0/8`,
    /// `::1` or `localhost`), so no other machine can reach the server.
    public var isLoopback: Bool {
        Self.isLoopback(host)
    }

    /// Whether `host` names the loopback interface only.
    public static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "::1" || lowered == "[::1]" {
            return true
        }
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            guard let value = Int(octet), !octet.isEmpty, octet.count <= 3 else { return false }
            return (0...255).contains(value)
        }
    }

    /// A reason the configuration cannot be used, or `nil` when it can.
    var problem: String? {
        if !(0...65535).contains(port) { return "port \(port) is not between 0 and 65535" }
        if maxConnections < 1 { return "maxConnections must be at least 1" }
        if maxMessageSize < 125 { return "maxMessageSize must be at least 125 bytes" }
        if maxMessageSize > Int(UInt32.max) { return "maxMessageSize must fit in 32 bits" }
        if maxRequestBodySize < 0 { return "maxRequestBodySize must not be negative" }
        if maxRequestHeadSize < 1024 { return "maxRequestHeadSize must be at least 1024 bytes" }
        if maxIncomingMessagesPerSecond < 1 { return "maxIncomingMessagesPerSecond must be at least 1" }
        if requestTimeoutMilliseconds < 1 { return "requestTimeoutMilliseconds must be at least 1" }
        if closeTimeoutMilliseconds < 1 { return "closeTimeoutMilliseconds must be at least 1" }
        return nil
    }
}
