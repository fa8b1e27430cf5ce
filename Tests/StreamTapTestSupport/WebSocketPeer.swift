/// `Tests/Peers/ws_peer_server.py`: the Python `websockets` server, with
/// routes that echo, ping, fragment, refuse, drop and close on request;
/// over TLS when given a certificate.
public struct WebSocketPeer: LoopbackPeer {
    public let process: PeerProcess
    private let scheme: String

    /// Starts the server for `lifetime` seconds at most.
    public static func start(certificate: TestCertificate? = nil, lifetime: Int = 30) async throws -> WebSocketPeer {
        var arguments = [String(lifetime)]
        if let certificate { arguments += [certificate.cert, certificate.key] }
        let process = try await PeerProcess.start("ws_peer_server.py", arguments: arguments)
        return WebSocketPeer(process: process, scheme: certificate == nil ? "ws" : "wss")
    }

    /// `ws://127.0.0.1:PORT` + `path` (`wss://` over TLS).
    public func url(_ path: String) -> String { "\(scheme)://127.0.0.1:\(port)\(path)" }
}
