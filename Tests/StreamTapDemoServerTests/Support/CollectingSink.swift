import Foundation
import NIOConcurrencyHelpers
import StreamTapCore

/// Keeps every event a connection reports, so tests can wait for and
/// inspect them.
final class CollectingSink: StreamEventSink, Sendable {
    private let events = NIOLockedValueBox<[StreamEvent]>([])

    func receive(_ event: StreamEvent) {
        events.withLockedValue { $0.append(event) }
    }

    var all: [StreamEvent.Kind] { events.withLockedValue { $0.map(\.kind) } }

    /// Waits up to `seconds` for `condition` to hold over the events so far
    /// (without blocking a thread of the shared concurrency pool).
    @discardableResult
    func wait(seconds: Double = 10, until condition: ([StreamEvent.Kind]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if condition(all) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(all)
    }

    var messages: [Message] {
        all.compactMap { if case .message(let message) = $0 { message } else { nil } }
    }

    var incomingTexts: [String] {
        messages.filter { $0.direction == .incoming && $0.opcode == .text }.map {
            String(decoding: $0.payload, as: UTF8.self)
        }
    }

    var frames: [FrameInfo] {
        all.compactMap { if case .frame(let frame) = $0 { frame } else { nil } }
    }

    var closes: [CloseInfo] {
        all.compactMap { if case .close(let close) = $0 { close } else { nil } }
    }

    var errors: [ErrorInfo] {
        all.compactMap { if case .error(let error) = $0 { error } else { nil } }
    }

    var handshakes: [Handshake] {
        all.compactMap { if case .open(let handshake) = $0 { handshake } else { nil } }
    }
}
