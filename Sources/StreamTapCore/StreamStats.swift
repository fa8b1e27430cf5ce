/// What one Server-Sent Events stream carried and how quickly it started,
/// reported on the stream's `close`.
public struct StreamStats: Sendable, Equatable {
    /// From the request's first byte to the first body byte, in
    /// milliseconds (`nil` when no body byte arrived).
    public var timeToFirstByteMilliseconds: Double?
    /// From the request's first byte to the first dispatched event, in
    /// milliseconds (`nil` when no event was dispatched).
    public var timeToFirstEventMilliseconds: Double?
    /// Body bytes as received: before `Content-Encoding` is undone, without
    /// the chunked framing.
    public var wireBytes: Int
    /// Body bytes after decompression: what the event-stream parser read.
    public var decodedBytes: Int
    /// The UTF-8 bytes of every dispatched event's data, summed.
    public var payloadBytes: Int
    /// How many events were dispatched.
    public var events: Int
    /// From the response head to the close, in milliseconds.
    public var durationMilliseconds: Double

    public init(
        timeToFirstByteMilliseconds: Double? = nil,
        timeToFirstEventMilliseconds: Double? = nil,
        wireBytes: Int = 0,
        decodedBytes: Int = 0,
        payloadBytes: Int = 0,
        events: Int = 0,
        durationMilliseconds: Double = 0
    ) {
        self.timeToFirstByteMilliseconds = timeToFirstByteMilliseconds
        self.timeToFirstEventMilliseconds = timeToFirstEventMilliseconds
        self.wireBytes = wireBytes
        self.decodedBytes = decodedBytes
        self.payloadBytes = payloadBytes
        self.events = events
        self.durationMilliseconds = durationMilliseconds
    }

    /// Events per second over the stream's duration (`nil` for a stream
    /// that lasted no measurable time).
    public var eventsPerSecond: Double? {
        durationMilliseconds > 0 ? Double(events) * 1000 / durationMilliseconds : nil
    }
}
