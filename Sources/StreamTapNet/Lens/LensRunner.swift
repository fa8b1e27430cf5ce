import NIOCore
import StreamTapCore

/// Runs one WebSocket session's protocol lens on the session's event loop:
/// gives it the time, stamps its decodings on the messages, and keeps one
/// timer armed for the lens's next deadline.
final class LensRunner {
    private var lens: any ProtocolLens
    private let start = ContinuousClock.now
    private var timer: Scheduled<Void>?

    init(_ lens: any ProtocolLens) {
        self.lens = lens
    }

    /// Milliseconds since the session opened, on a monotonic clock.
    private var now: Double { (ContinuousClock.now - start).milliseconds }

    func opened() -> [LensAction] {
        lens.opened(at: now)
    }

    /// Decodes an incoming message into `message.lens`; returns what the
    /// lens wants done about it.
    func received(_ message: inout Message) -> [LensAction] {
        let reading = lens.received(message, at: now)
        message.lens = reading.decoding
        return reading.actions
    }

    /// Decodes an outgoing message into `message.lens`.
    func sending(_ message: inout Message, automatic: Bool) {
        var decoding = lens.sending(message, at: now)
        decoding?.automatic = automatic
        message.lens = decoding
    }

    func encode(_ line: String) throws(LensInputError) -> [LensOutgoing] {
        try lens.encode(line, at: now)
    }

    /// Adds the lens's word for the end to `close`.
    func explain(_ close: inout CloseInfo) {
        close.lens = lens.explain(close)
    }

    /// Arms the timer for the lens's deadline (replacing the one armed);
    /// `fire` runs on `loop` when it comes.
    func arm(on loop: any EventLoop, _ fire: @escaping @Sendable () -> Void) {
        timer?.cancel()
        timer = nil
        guard let deadline = lens.deadline else { return }
        let delay = max(0, deadline - now)
        timer = loop.scheduleTask(in: .microseconds(Int64(delay * 1000)), fire)
    }

    func deadlinePassed() -> [LensAction] {
        lens.deadlinePassed(at: now)
    }

    func cancel() {
        timer?.cancel()
        timer = nil
    }
}

@available(*, unavailable)
extension LensRunner: Sendable {}
