import Foundation
import NIOCore
import StreamTapCore
import StreamTapNet

/// A connection under test with the sink that records its events.
struct SSEConnectionHarness {
    let connection: ManagedConnection
    let sink: SSERecordingSink

    /// Starts a connection to `url` with `options`.
    static func start(
        _ url: String,
        options: StreamOptions = StreamOptions(reconnect: .off)
    ) throws -> SSEConnectionHarness {
        let sink = SSERecordingSink()
        let connection = ConnectionFactory.make(endpoint: try Endpoint(parsing: url), options: options, sink: sink)
        connection.start()
        return SSEConnectionHarness(connection: connection, sink: sink)
    }

    /// The connection's outcome, waiting at most `timeout` seconds (`nil`
    /// if it is not over by then; the connection is shut down).
    func outcome(within timeout: Double = 10) async -> ConnectionOutcome? {
        let box = SSEOutcomeBox()
        connection.outcome.whenSuccess { box.set($0) }
        let outcome = await SSEWaiting.value(timeout: timeout) { box.value }
        if outcome == nil { connection.shutdown() }
        return outcome
    }
}

/// Holds an outcome set from an event loop.
private final class SSEOutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: ConnectionOutcome?

    var value: ConnectionOutcome? { lock.withLock { stored } }

    func set(_ outcome: ConnectionOutcome) {
        lock.withLock { stored = outcome }
    }
}
