import StreamTapCore
import StreamTapNet

/// A connection under test with the sink that records its events.
public struct ConnectionHarness: Sendable {
    public let connection: ManagedConnection
    public let sink: CollectingSink

    /// Makes and starts a connection to `url` with `options`, its events
    /// going to `sink`.
    public static func start(
        _ url: String,
        options: StreamOptions = StreamOptions(reconnect: .off),
        sink: CollectingSink = CollectingSink()
    ) throws -> ConnectionHarness {
        let connection = ConnectionFactory.make(endpoint: try Endpoint(parsing: url), options: options, sink: sink)
        connection.start()
        return ConnectionHarness(connection: connection, sink: sink)
    }

    /// Runs a connection to `url` until it is over (at most `seconds`):
    /// its events, and its outcome (`nil`: it was still running, so it was
    /// shut down).
    public static func run(
        _ url: String,
        options: StreamOptions = StreamOptions(reconnect: .off),
        within seconds: Double = 15
    ) async throws -> (sink: CollectingSink, outcome: ConnectionOutcome?) {
        let harness = try start(url, options: options)
        return (harness.sink, await harness.outcome(within: seconds))
    }

    /// The connection's outcome, waiting at most `seconds` (see
    /// ``StreamTapNet/ManagedConnection/outcome(within:)``).
    public func outcome(within seconds: Double = 10) async -> ConnectionOutcome? {
        await connection.outcome(within: seconds)
    }
}
