import NIOCore
import StreamTapCore

/// `/ws/ping`: the server pings every interval (the first at once) with
/// the payload `ping N`, and reports each pong as a text message
/// `{"pong":N,"rttMs":0.42}`. After `limit` pings it waits for their pongs
/// (a few seconds at most), then closes with 1000.
///
/// A pong whose payload matches no ping (RFC 6455 allows unsolicited
/// pongs) is reported as `{"pong":null,"payload":"..."}`.
final class PingBehaviour: WebSocketBehaviour {
    /// Pings remembered while their pong is outstanding.
    private static let maxOutstanding = 64
    /// How long to wait for the last pongs after the last ping.
    private static let finalGraceMilliseconds = 5000

    private let interval: Int
    private let limit: Int?
    private var sent = 0
    private var outstanding: [Int: NIODeadline] = [:]
    private var timer: LoopTimer?

    init(interval: Int, limit: Int?) {
        self.interval = interval
        self.limit = limit
    }

    func didOpen(_ connection: WebSocketSessionHandler) {
        start(connection, every: interval, immediately: true) { behaviour, connection in
            behaviour.tick(connection)
        }
    }

    func didReceivePong(_ payload: [UInt8], on connection: WebSocketSessionHandler) {
        let text = String(decoding: payload, as: UTF8.self)
        var writer = JSONWriter(reservingCapacity: 64)
        writer.beginObject()
        writer.key("pong")
        if text.hasPrefix("ping "), let number = Int(text.dropFirst(5)), let start = outstanding[number] {
            outstanding[number] = nil
            writer.int(number)
            writer.key("rttMs")
            writer.milliseconds(Double((NIODeadline.now() - start).nanoseconds) / 1_000_000)
        } else {
            writer.null()
            writer.key("payload")
            writer.string(text)
        }
        writer.endObject()
        connection.send(.text(String(decoding: writer.bytes, as: UTF8.self)))
        if sent == limit && outstanding.isEmpty {
            finish(connection)
        }
    }

    func didClose() {
        timer?.cancel()
        timer = nil
    }

    private func tick(_ connection: WebSocketSessionHandler) {
        guard connection.isWritable else { return }
        sent += 1
        if outstanding.count >= Self.maxOutstanding, let oldest = outstanding.keys.min() {
            outstanding[oldest] = nil
        }
        outstanding[sent] = .now()
        connection.ping(Array("ping \(sent)".utf8))
        if sent == limit {
            start(connection, every: Self.finalGraceMilliseconds, immediately: false) { behaviour, connection in
                behaviour.finish(connection)
            }
        }
    }

    private func finish(_ connection: WebSocketSessionHandler) {
        didClose()
        let missing = outstanding.count
        connection.close(
            code: CloseCode.normal,
            reason: missing == 0 ? "ping finished" : "ping finished, \(missing) pongs missing"
        )
    }

    /// Replaces the timer with one calling `action` every `milliseconds`.
    private func start(
        _ connection: WebSocketSessionHandler,
        every milliseconds: Int,
        immediately: Bool,
        _ action: @escaping (PingBehaviour, WebSocketSessionHandler) -> Void
    ) {
        timer?.cancel()
        let timer = LoopTimer(eventLoop: connection.eventLoop, intervalMilliseconds: milliseconds)
        self.timer = timer
        timer.start(immediately: immediately) { [weak self, weak connection] in
            guard let self, let connection else { return }
            action(self, connection)
        }
    }
}

@available(*, unavailable)
extension PingBehaviour: Sendable {}
