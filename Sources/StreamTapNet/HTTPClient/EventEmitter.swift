import StreamTapCore

/// Stamps events with their connection and time and hands them to the sink.
struct EventEmitter: Sendable {
    let connectionID: Int
    let sink: any StreamEventSink

    func emit(_ kind: StreamEvent.Kind) {
        sink.receive(StreamEvent(timestamp: .now(), connectionID: connectionID, kind: kind))
    }

    /// Tells the sink a batch of reads is done (a good moment to flush).
    func flush() {
        sink.flush()
    }
}
