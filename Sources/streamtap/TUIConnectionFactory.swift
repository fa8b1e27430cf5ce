import Dispatch
import StreamTapCore
import StreamTapNet
import StreamTapUI

/// Opens the connections the TUI shows, all delivering to the UI's inbox,
/// and shuts them all down at the end.
///
/// Used on the UI thread only (the TUI calls `open` for `:connect`).
final class TUIConnectionFactory {
    private let options: ConnectionOptionGroup
    private let sink: any StreamEventSink
    private var connections: [any StreamConnection] = []
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
        var streamOptions = try options.streamOptions(for: endpoint.protocolKind, reportFrames: true)
        // Body reads feed the compare view's wire-byte count (listed with the frames, hidden at first).
        streamOptions.eventStream.reportChunks = true
        let connection = ConnectionFactory.make(endpoint: endpoint, options: streamOptions, id: id, sink: sink)
        connections.append(connection)
        connection.start()
        return connection
    }

    /// Closes every connection and waits (at most `seconds`) for them to end.
    func shutdownAll(waitingAtMost seconds: Double = 2) {
        let done = DispatchSemaphore(value: 0)
        for connection in connections {
            connection.shutdown()
            connection.whenFinished { _ in done.signal() }
        }
        let deadline = DispatchTime.now() + seconds
        for _ in connections where done.wait(timeout: deadline) == .timedOut {
            return
        }
    }
}

@available(*, unavailable)
extension TUIConnectionFactory: Sendable {}
