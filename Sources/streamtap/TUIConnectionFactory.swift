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
    private let inbox: EventInbox
    private var stops: [() -> EventLoopFuture<ConnectionOutcome>] = []

    init(options: ConnectionOptionGroup, inbox: EventInbox) {
        self.options = options
        self.inbox = inbox
    }

    /// Starts a connection to `endpoint` whose events carry `id`.
    func open(_ endpoint: Endpoint, id: Int) throws -> any StreamConnection {
        switch endpoint.protocolKind {
        case .websocket:
            let connection = WebSocketConnection(
                id: id,
                endpoint: endpoint,
                options: try options.webSocketOptions(reportFrames: true),
                sink: inbox
            )
            stops.append {
                connection.shutdown()
                return connection.outcome
            }
            connection.start()
            return connection
        case .sse:
            throw TUIConnectionError.sseNotBuilt
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

/// Why the TUI could not open a connection.
enum TUIConnectionError: Error, CustomStringConvertible {
    case sseNotBuilt

    var description: String {
        switch self {
        case .sseNotBuilt:
            "Server-Sent Events are not available in this build of streamtap \(StreamTap.version)"
        }
    }
}

@available(*, unavailable)
extension TUIConnectionFactory: Sendable {}
