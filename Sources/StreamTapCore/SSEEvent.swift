/// One dispatched Server-Sent Event, with the fields of the HTML Standard's
/// `MessageEvent`.
public struct SSEEvent: Sendable, Equatable {
    /// The event type (`message` when the stream named none).
    public var type: String
    public var data: String
    /// The last event ID in force when the event was dispatched.
    public var lastEventID: String

    public init(type: String = "message", data: String, lastEventID: String = "") {
        self.type = type
        self.data = data
        self.lastEventID = lastEventID
    }
}
