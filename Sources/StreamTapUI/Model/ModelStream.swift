import StreamTapCore

/// A pane's model answer as it streams in: the same lens the connection
/// runs, fed the pane's events again, so the assembled view and its
/// figures grow with the list (and replay from a recording).
///
/// Times come from the events' timestamps: the request went out the
/// handshake's time before the stream opened, and the events of one
/// socket read share their timestamp.
public struct ModelStream: Sendable {
    public private(set) var lens: LLMStreamLens
    /// The protocol name of the decodings it follows.
    public let protocolName: String
    /// When the request of the current response went out.
    private var requestStart: Timestamp
    private var lastTimestamp: Timestamp?
    private var reads = 0
    /// The `close` of the response, with the connection's own figures.
    public private(set) var closing: LensDecoding?

    init?(protocolName: String, requestStart: Timestamp) {
        guard let format = LLMStreamFormat(protocolName: protocolName) else { return nil }
        lens = LLMStreamLens(format: format)
        self.protocolName = protocolName
        self.requestStart = requestStart
    }

    /// Milliseconds since the request went out, at `timestamp`.
    func milliseconds(at timestamp: Timestamp) -> Double {
        max(0, timestamp.milliseconds(since: requestStart))
    }

    mutating func read(_ event: SSEEvent, at timestamp: Timestamp) {
        if timestamp != lastTimestamp {
            reads += 1
            lastTimestamp = timestamp
        }
        _ = lens.received(event, at: milliseconds(at: timestamp), read: reads)
    }

    mutating func closed(_ close: CloseInfo) {
        closing = close.lens
    }

    /// When the response's request went out: `handshake`'s time before
    /// the stream opened at `opened`.
    static func requestStart(opened: Timestamp, _ handshake: Handshake) -> Timestamp {
        let milliseconds = handshake.timings.handshakeMilliseconds ?? 0
        return Timestamp(nanosecondsSinceEpoch: opened.nanosecondsSinceEpoch - Int64(milliseconds * 1_000_000))
    }
}
