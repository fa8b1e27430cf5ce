import NIOCore

/// `/ws/ticker`, `/ws/close` and `/ws/drop`: a message
/// `{"seq":N,"ts":...}` every interval (the first at once), then an ending.
///
/// A tick is skipped, not lost, while the client is not reading: the
/// sequence has no gaps.
final class TickerBehaviour: WebSocketBehaviour {
    /// What happens after the last message.
    enum Ending {
        /// Nothing: tick until the client leaves.
        case none
        /// A close frame with this code and reason.
        case close(code: Int, reason: String)
        /// The TCP connection closes without a close frame.
        case drop
    }

    private let interval: Int
    private let limit: Int?
    private let ending: Ending
    private var sent = 0
    private var timer: LoopTimer?

    init(interval: Int, limit: Int?, ending: Ending) {
        self.interval = interval
        self.limit = limit
        self.ending = ending
    }

    func didOpen(_ connection: WebSocketSessionHandler) {
        if limit == 0 {
            end(connection, after: connection.eventLoop.makeSucceededVoidFuture())
            return
        }
        let timer = LoopTimer(eventLoop: connection.eventLoop, intervalMilliseconds: interval)
        self.timer = timer
        timer.start(immediately: true) { [weak self, weak connection] in
            guard let self, let connection else { return }
            self.tick(connection)
        }
    }

    func didClose() {
        timer?.cancel()
        timer = nil
    }

    private func tick(_ connection: WebSocketSessionHandler) {
        guard connection.isWritable else { return }
        sent += 1
        let written = connection.send(.text(TickPayload.json(sequence: sent)))
        if sent == limit {
            timer?.cancel()
            end(connection, after: written)
        }
    }

    private func end(_ connection: WebSocketSessionHandler, after written: EventLoopFuture<Void>) {
        switch ending {
        case .none:
            break
        case .close(let code, let reason):
            connection.close(code: code, reason: reason)
        case .drop:
            written.assumeIsolated().whenComplete { _ in connection.drop() }
        }
    }
}

@available(*, unavailable)
extension TickerBehaviour: Sendable {}
