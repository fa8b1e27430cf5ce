import NIOConcurrencyHelpers
import StreamTapCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--record FILE`: writes every event of every connection to a file as
/// JSONL, as it happens.
///
/// Events are encoded on the network thread that reports them and written
/// with `write(2)` at the end of each batch (one network read), so a crash
/// loses at most the batch in flight and nothing waits for the UI. Nothing
/// is ever dropped: the file keeps what the UI's bounded log forgets.
final class RecordingSink: StreamEventSink, Sendable {
    private let descriptor: Int32
    private let path: String
    private let state = NIOLockedValueBox(State())

    private struct State {
        var encoder = JSONLEncoder()
        var pending: [UInt8] = []
        var failure: String?
    }

    /// Why a recording file cannot be used.
    struct OpenFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Creates (or empties) `path` for writing.
    init(path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OpenFailure(
                description:
                    "cannot record to \(path): \(String(cString: strerror(errno))); check the folder exists and is writable"
            )
        }
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        close(descriptor)
    }

    func receive(_ event: StreamEvent) {
        state.withLockedValue { state in
            state.encoder.encode(event, into: &state.pending)
            if state.pending.count >= 256 * 1024 { writePending(&state) }
        }
    }

    func flush() {
        state.withLockedValue { writePending(&$0) }
    }

    /// The first write error, in words, if any write failed.
    var failure: String? {
        state.withLockedValue { $0.failure }
    }

    private func writePending(_ state: inout State) {
        guard !state.pending.isEmpty else { return }
        let failure = state.pending.withUnsafeBytes { DescriptorWriter.writeAll([$0], to: descriptor) }
        if let failure, state.failure == nil {
            state.failure = "writing the recording \(path) failed: \(String(cString: strerror(failure)))"
        }
        state.pending.removeAll(keepingCapacity: state.pending.count < 1 << 20)
    }
}

/// Hands every event to several sinks in turn (the UI or stdout, and a
/// recording).
struct TeeSink: StreamEventSink {
    var sinks: [any StreamEventSink]

    func receive(_ event: StreamEvent) {
        for sink in sinks { sink.receive(event) }
    }

    func flush() {
        for sink in sinks { sink.flush() }
    }
}
