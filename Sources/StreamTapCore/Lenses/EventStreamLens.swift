/// An application protocol spoken over an event stream (Server-Sent Events
/// or JSON lines): reads every event for the user, and says when the
/// protocol considers the stream complete.
///
/// Like ``ProtocolLens`` it is pure: a driver feeds it the events with the
/// time in milliseconds since the request went out, and the number of the
/// socket read that completed each one. A new lens starts with every new
/// response (reconnections included).
public protocol EventStreamLens {
    /// The name `--lens` takes.
    var name: LensName { get }
    /// Reads one event that socket read `read` completed.
    mutating func received(_ event: SSEEvent, at now: Double, read: Int) -> EventStreamReading
    /// The lens recognised nothing and reads no more events: its driver
    /// can stop calling it.
    var gaveUp: Bool { get }
    /// What the protocol says of the whole stream, for its `close` (ended
    /// by the protocol, by the server, or lost), or `nil` when it read
    /// nothing it knows.
    func summary(at now: Double) -> LensDecoding?
}

/// What an event-stream lens read in one event.
public struct EventStreamReading: Sendable, Equatable {
    public var decoding: LensDecoding?
    /// The protocol ended the stream with this event.
    public var end: EventStreamEnd?

    public init(_ decoding: LensDecoding?, end: EventStreamEnd? = nil) {
        self.decoding = decoding
        self.end = end
    }
}

/// How the protocol ended an event stream.
public enum EventStreamEnd: Sendable, Equatable {
    /// The stream is complete (`[DONE]`, `message_stop`): nothing more
    /// comes, and connecting again would start a new request.
    case complete(String)
    /// The server reported an error in the stream, in these words.
    case failed(String)
}
