import NIOConcurrencyHelpers
import NIOCore

/// The connections the server has open: enforces the connection limit and
/// lets shutdown reach every one of them.
final class ConnectionTracker: Sendable {
    private struct State {
        var open: [ObjectIdentifier: any Channel] = [:]
        var shuttingDown = false
    }

    private let limit: Int
    private let state = NIOLockedValueBox(State())

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot for `channel`, freed when it closes; `false` when the
    /// server is full or shutting down.
    func admit(_ channel: any Channel) -> Bool {
        let id = ObjectIdentifier(channel)
        let admitted = state.withLockedValue { state in
            guard !state.shuttingDown, state.open.count < limit else { return false }
            state.open[id] = channel
            return true
        }
        if admitted {
            channel.closeFuture.whenComplete { [self] _ in
                _ = state.withLockedValue { $0.open.removeValue(forKey: id) }
            }
        }
        return admitted
    }

    /// Stops admitting and returns the connections still open.
    func beginShutdown() -> [any Channel] {
        state.withLockedValue { state in
            state.shuttingDown = true
            return Array(state.open.values)
        }
    }
}
