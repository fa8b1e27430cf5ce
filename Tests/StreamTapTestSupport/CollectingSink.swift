import NIOConcurrencyHelpers
import StreamTapCore

/// Keeps every event a connection reports, in order, for tests to wait on
/// and read: the events themselves, their kinds, and typed views of each
/// kind that matters.
public final class CollectingSink: StreamEventSink, Sendable {
    private let recorded = NIOLockedValueBox<[StreamEvent]>([])

    public init() {}

    public func receive(_ event: StreamEvent) {
        recorded.withLockedValue { $0.append(event) }
    }

    /// Every event so far, with its time.
    public var events: [StreamEvent] { recorded.withLockedValue { $0 } }

    /// What every event so far was.
    public var kinds: [StreamEvent.Kind] { events.map(\.kind) }

    /// Waits up to `timeout` seconds for `condition` (given this sink) to
    /// hold, without blocking a thread of the shared pool; returns whether
    /// it did.
    @discardableResult
    public func wait(timeout: Double = 10, until condition: (CollectingSink) -> Bool) async -> Bool {
        await eventually(timeout: timeout) { condition(self) }
    }
}

extension CollectingSink {
    /// The handshakes of the connections opened so far.
    public var handshakes: [Handshake] {
        kinds.compactMap { if case .open(let handshake) = $0 { handshake } else { nil } }
    }

    /// The messages (WebSocket) both ways.
    public var messages: [Message] {
        kinds.compactMap { if case .message(let message) = $0 { message } else { nil } }
    }

    /// The incoming text messages' payloads, as text.
    public var incomingTexts: [String] {
        messages.filter { $0.direction == .incoming && $0.opcode == .text }.map {
            String(decoding: $0.payload, as: UTF8.self)
        }
    }

    /// The frames (WebSocket) both ways.
    public var frames: [FrameInfo] {
        kinds.compactMap { if case .frame(let frame) = $0 { frame } else { nil } }
    }

    /// The SSE events dispatched so far.
    public var sseEvents: [SSEEvent] {
        kinds.compactMap { if case .event(let event) = $0 { event } else { nil } }
    }

    public var closes: [CloseInfo] {
        kinds.compactMap { if case .close(let close) = $0 { close } else { nil } }
    }

    public var errors: [ErrorInfo] {
        kinds.compactMap { if case .error(let error) = $0 { error } else { nil } }
    }

    /// `(attempt, delay, reason)` of every reconnection scheduled so far.
    public var reconnects: [(attempt: Int, delay: Int, reason: String)] {
        kinds.compactMap {
            if case .reconnect(let attempt, let delay, let reason) = $0 { (attempt, delay, reason) } else { nil }
        }
    }

    /// The attempt numbers of every `connecting` event.
    public var attempts: [Int] {
        kinds.compactMap { if case .connecting(_, let attempt) = $0 { attempt } else { nil } }
    }
}
