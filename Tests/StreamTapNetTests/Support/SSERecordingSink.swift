import Foundation
import StreamTapCore

/// Keeps every event a connection reports, for tests to wait on and read.
final class SSERecordingSink: StreamEventSink, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [StreamEvent] = []

    func receive(_ event: StreamEvent) {
        lock.withLock { recorded.append(event) }
    }

    var events: [StreamEvent] { lock.withLock { recorded } }
    var kinds: [StreamEvent.Kind] { events.map(\.kind) }

    /// The SSE events dispatched so far.
    var sseEvents: [SSEEvent] {
        kinds.compactMap {
            if case .event(let event) = $0 { return event }
            return nil
        }
    }

    /// The handshakes of the streams opened so far.
    var opens: [Handshake] {
        kinds.compactMap {
            if case .open(let handshake) = $0 { return handshake }
            return nil
        }
    }

    var errors: [ErrorInfo] {
        kinds.compactMap {
            if case .error(let error) = $0 { return error }
            return nil
        }
    }

    var closes: [CloseInfo] {
        kinds.compactMap {
            if case .close(let close) = $0 { return close }
            return nil
        }
    }

    /// `(attempt, delay, reason)` of every reconnection scheduled so far.
    var reconnects: [(attempt: Int, delay: Int, reason: String)] {
        kinds.compactMap {
            if case .reconnect(let attempt, let delay, let reason) = $0 { return (attempt, delay, reason) }
            return nil
        }
    }

    /// Waits up to `timeout` seconds for `condition` to hold; returns
    /// whether it did.
    func wait(timeout: Double = 10, until condition: (SSERecordingSink) -> Bool) async -> Bool {
        await SSEWaiting.value(timeout: timeout) { condition(self) ? true : nil } ?? false
    }
}
