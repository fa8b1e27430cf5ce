import Foundation
import StreamTapCore
import StreamTapNet

/// The misbehaving server (`Tests/Peers/hostile_server.py`) on 127.0.0.1 and
/// ::1, and the engines run against it with short, bounded timeouts.
enum HostilePeer {
    /// Starts the server for `seconds` at most; `nil` when the peers are not
    /// prepared (the test is then skipped, or fails under CI).
    static func start(lifetime seconds: Int = 60) async throws -> PeerProcess? {
        guard let python = try PeerProcess.python() else { return nil }
        return try await PeerProcess.start(
            python: python,
            script: "hostile_server.py",
            arguments: ["--lifetime", String(seconds)]
        )
    }

    /// Connection options with short connect and handshake timeouts.
    static func connectionOptions(handshakeSeconds: Double = 2) -> ConnectionOptions {
        var options = ConnectionOptions()
        options.connectTimeoutMilliseconds = 2_000
        options.handshakeTimeoutMilliseconds = Int(handshakeSeconds * 1000)
        return options
    }

    /// Runs a WebSocket connection to `url` until it is over (at most
    /// `seconds`); returns its events and outcome (`nil`: still running, so
    /// it was shut down).
    static func webSocket(
        _ url: String,
        options: StreamOptions = StreamOptions(connection: connectionOptions()),
        within seconds: Double = 15
    ) async throws -> (sink: CollectingSink, outcome: ConnectionOutcome?) {
        let sink = CollectingSink()
        let connection = ConnectionFactory.make(endpoint: try Endpoint(parsing: url), options: options, sink: sink)
        connection.start()
        let box = OutcomeBox()
        connection.outcome.whenSuccess { box.set($0) }
        let outcome = await SSEWaiting.value(timeout: seconds) { box.value }
        if outcome == nil { connection.shutdown() }
        return (sink, outcome)
    }

    /// Runs an SSE connection (no reconnection) to `url` until it is over.
    static func sse(
        _ url: String,
        options: StreamOptions = StreamOptions(connection: connectionOptions(), reconnect: .off),
        within seconds: Double = 15
    ) async throws -> (sink: SSERecordingSink, outcome: ConnectionOutcome?) {
        let harness = try SSEConnectionHarness.start(url, options: options)
        let outcome = await harness.outcome(within: seconds)
        return (harness.sink, outcome)
    }

    /// A port on 127.0.0.1 that nothing listens on (bound, then released).
    static func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw PeerProcess.PeerError(description: "could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Holds a connection's outcome, set from an event loop.
private final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: ConnectionOutcome?

    var value: ConnectionOutcome? { lock.withLock { stored } }

    func set(_ outcome: ConnectionOutcome) {
        lock.withLock { stored = outcome }
    }
}
