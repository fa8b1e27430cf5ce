import StreamTapCore

/// Stamps events with their connection and time and hands them to the sink.
struct EventEmitter: Sendable {
    let connectionID: Int
    let sink: any StreamEventSink

    func emit(_ kind: StreamEvent.Kind) {
        emit(kind, at: .now())
    }

    /// Reports an event stamped with a time the caller already read (one
    /// clock read for all the events of one read from the socket).
    func emit(_ kind: StreamEvent.Kind, at timestamp: Timestamp) {
        sink.receive(StreamEvent(timestamp: timestamp, connectionID: connectionID, kind: kind))
    }

    /// Tells the sink a batch of reads is done (a good moment to flush).
    func flush() {
        sink.flush()
    }
}
