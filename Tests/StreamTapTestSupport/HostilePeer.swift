import StreamTapCore
import StreamTapNet

/// `Tests/Peers/hostile_server.py`: a server that misbehaves on purpose
/// (resets, endless headers, slow answers, huge frames, bombs), on
/// 127.0.0.1 and ::1; and connections run against it with short, bounded
/// timeouts.
public struct HostilePeer: LoopbackPeer {
    public let process: PeerProcess

    /// Starts the server for `lifetime` seconds at most.
    public static func start(lifetime: Int = 60) async throws -> HostilePeer {
        HostilePeer(
            process: try await PeerProcess.start("hostile_server.py", arguments: ["--lifetime", "\(lifetime)"])
        )
    }

    /// Connection options with short connect and handshake timeouts, so a
    /// fault shows within seconds.
    public static func connectionOptions(handshakeSeconds: Double = 2) -> ConnectionOptions {
        var options = ConnectionOptions()
        options.connectTimeoutMilliseconds = 2_000
        options.handshakeTimeoutMilliseconds = Int(handshakeSeconds * 1000)
        return options
    }

    /// Runs a WebSocket connection to `url` until it is over (at most
    /// `seconds`): its events and outcome (`nil`: still running, so it was
    /// shut down).
    public static func webSocket(
        _ url: String,
        options: StreamOptions = StreamOptions(connection: connectionOptions()),
        within seconds: Double = 15
    ) async throws -> (sink: CollectingSink, outcome: ConnectionOutcome?) {
        try await ConnectionHarness.run(url, options: options, within: seconds)
    }

    /// Runs an SSE connection (no reconnection) to `url` until it is over.
    public static func sse(
        _ url: String,
        options: StreamOptions = StreamOptions(connection: connectionOptions(), reconnect: .off),
        within seconds: Double = 15
    ) async throws -> (sink: CollectingSink, outcome: ConnectionOutcome?) {
        try await ConnectionHarness.run(url, options: options, within: seconds)
    }
}
