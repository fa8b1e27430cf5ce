import Dispatch
import NIOCore
import StreamTapCore
import StreamTapNet
import StreamTapUI

/// Opens the connections the TUI shows, one engine per protocol, all
/// delivering to the UI's inbox, and shuts them all down at the end.
///
/// Used on the UI thread only (the TUI calls `open` for `:connect`).
final class TUIConnectionFactory {
    private let options: ConnectionOptionGroup
    private let sink: any StreamEventSink
    private var stops: [() -> EventLoopFuture<ConnectionOutcome>] = []
    /// What each connection was opened with, to save it as an endpoint.
    private(set) var opened: [Int: (url: String, options: ConnectionOptionGroup)] = [:]

    /// `options` apply to URLs opened from the UI (`:connect`). Connections
    /// deliver to `inbox`, and to `recorder` too when given.
    init(options: ConnectionOptionGroup, inbox: EventInbox, recorder: RecordingSwitch? = nil) {
        self.options = options
        self.sink = recorder.map { TeeSink(sinks: [inbox, $0]) } ?? inbox
    }

    /// Starts a connection to `endpoint` with the factory's options.
    func open(_ endpoint: Endpoint, id: Int) throws -> any StreamConnection {
        try open(endpoint, id: id, options: options)
    }

    /// Starts a connection to what a command-line argument named.
    func open(_ target: ConnectionTarget, id: Int) throws -> any StreamConnection {
        try open(target.endpoint, id: id, options: target.options)
    }

    /// Starts a connection to `endpoint` whose events carry `id`.
    private func open(_ endpoint: Endpoint, id: Int, options: ConnectionOptionGroup) throws -> any StreamConnection {
        opened[id] = (endpoint.description, options)
        switch endpoint.protocolKind {
        case .websocket:
            let connection = WebSocketConnection(
                id: id,
                endpoint: endpoint,
                options: try options.webSocketOptions(reportFrames: true),
                sink: sink
            )
            track(outcome: connection.outcome, shutdown: connection.shutdown)
            connection.start()
            return connection
        case .sse:
            var sseOptions = try options.sseOptions()
            // Body reads feed the compare view's wire-byte count (listed with the frames, hidden at first).
            sseOptions.reportChunks = true
            let connection = SSEConnection(id: id, endpoint: endpoint, options: sseOptions, sink: sink)
            track(outcome: connection.outcome, shutdown: connection.shutdown)
            connection.start()
            return connection
        }
    }

    private func track(outcome: EventLoopFuture<ConnectionOutcome>, shutdown: @escaping () -> Void) {
        stops.append {
            shutdown()
            return outcome
        }
    }

    /// Closes every connection and waits (at most `seconds`) for them to end.
    func shutdownAll(waitingAtMost seconds: Double = 2) {
        let outcomes = stops.map { $0() }
        let done = DispatchSemaphore(value: 0)
        for outcome in outcomes {
            outcome.whenComplete { _ in done.signal() }
        }
        let deadline = DispatchTime.now() + seconds
        for _ in outcomes where done.wait(timeout: deadline) == .timedOut {
            return
        }
    }
}

@available(*, unavailable)
extension TUIConnectionFactory: Sendable {}
