import StreamTapCore

/// Where a connection is in its life, as the connection list shows it.
public enum ConnectionStatus: Sendable, Equatable {
    /// Nothing has happened yet.
    case idle
    /// An attempt is under way.
    case connecting(attempt: Int)
    /// The handshake succeeded and the stream is flowing.
    case open
    /// Waiting to connect again.
    case reconnecting(attempt: Int, delayMilliseconds: Int)
    /// Closed with this code and no reconnection planned (yet).
    case closed(code: Int)
    /// The last attempt failed.
    case failed(String)
    /// The connection cannot be made in this build (e.g. a protocol that
    /// is not available); the reason is shown in the pane.
    case unavailable(String)

    /// One or two words: `open`, `connecting`, `closed 1006`…
    public var label: String {
        switch self {
        case .idle: "idle"
        case .connecting(let attempt): attempt > 1 ? "connecting #\(attempt)" : "connecting"
        case .open: "open"
        case .reconnecting: "reconnecting"
        case .closed(let code): "closed \(code)"
        case .failed: "failed"
        case .unavailable: "unavailable"
        }
    }

    /// A symbol that reads without colour.
    public var symbol: String {
        switch self {
        case .idle: "\u{25CB}"
        case .connecting, .reconnecting: "\u{25CC}"
        case .open: "\u{25CF}"
        case .closed: "\u{25A0}"
        case .failed, .unavailable: "\u{2716}"
        }
    }

    /// The status after `kind` happened.
    func after(_ kind: StreamEvent.Kind) -> ConnectionStatus {
        switch kind {
        case .connecting(_, let attempt):
            return .connecting(attempt: attempt)
        case .open:
            return .open
        case .close(let close):
            return .closed(code: close.code)
        case .reconnect(let attempt, let delay, _):
            return .reconnecting(attempt: attempt, delayMilliseconds: delay)
        case .error(let error):
            if case .open = self { return self }
            return .failed(error.message)
        case .frame, .message, .event, .retry, .latency, .chunk, .comment:
            return self
        }
    }
}
