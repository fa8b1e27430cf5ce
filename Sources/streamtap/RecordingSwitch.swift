import Foundation
import NIOConcurrencyHelpers
import StreamTapCore
import StreamTapUI

/// The TUI's recorder: passes every event to the current recording, if
/// any, and can start and stop recordings while the session runs
/// (`--record FILE` starts one at once; the palette's "Record the session"
/// entry switches it).
///
/// A recording started part way through opens with each connection's last
/// `connecting` and `open` events, so that its replay still shows which
/// URL each pane is and its handshake.
final class RecordingSwitch: StreamEventSink, SessionRecorderControl, Sendable {
    private let state = NIOLockedValueBox(State())

    private struct State {
        var sink: RecordingSink?
        var path: String?
        /// The latest `connecting` and `open` of each connection, in order.
        var lifecycle: [Int: [StreamEvent]] = [:]
        var lifecycleOrder: [Int] = []
        var failure: String?
    }

    func receive(_ event: StreamEvent) {
        state.withLockedValue { state in
            switch event.kind {
            case .connecting:
                if state.lifecycle[event.connectionID] == nil { state.lifecycleOrder.append(event.connectionID) }
                state.lifecycle[event.connectionID] = [event]
            case .open:
                state.lifecycle[event.connectionID, default: []].append(event)
            default:
                break
            }
            state.sink?.receive(event)
        }
    }

    func flush() {
        let sink = state.withLockedValue { $0.sink }
        sink?.flush()
    }

    var recordingPath: String? {
        state.withLockedValue { $0.path }
    }

    /// Starts recording to `path` (replacing what it held).
    func start(path: String) throws {
        let sink = try RecordingSink(path: path)
        state.withLockedValue { state in
            for id in state.lifecycleOrder {
                for event in state.lifecycle[id] ?? [] { sink.receive(event) }
            }
            sink.flush()
            state.sink = sink
            state.path = path
        }
    }

    func startRecording() throws -> String {
        let path = Self.defaultPath(at: Date())
        try start(path: path)
        return path
    }

    func stopRecording() -> String? {
        let (sink, path) = state.withLockedValue { state in
            defer {
                state.sink = nil
                state.path = nil
            }
            return (state.sink, state.path)
        }
        sink?.flush()
        if let failure = sink?.failure {
            state.withLockedValue { $0.failure = $0.failure ?? failure }
        }
        return path
    }

    /// Writes what is left; the first write error of any recording, if one
    /// failed.
    func finish() -> String? {
        _ = stopRecording()
        return state.withLockedValue { $0.failure }
    }

    /// `streamtap-20261125-101502.jsonl` in the current folder.
    static func defaultPath(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let text = String(value ?? 0)
            return text.count < 2 ? "0" + text : text
        }
        return "streamtap-\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))-"
            + "\(two(parts.hour))\(two(parts.minute))\(two(parts.second)).jsonl"
    }
}
