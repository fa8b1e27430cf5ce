/// One dispatched Server-Sent Event, with the fields of the HTML Standard's
/// `MessageEvent`.
public struct SSEEvent: Sendable, Equatable {
    /// The event type (`message` when the stream named none).
    public var type: String
    public var data: String
    /// The last event ID in force when the event was dispatched.
    public var lastEventID: String
    /// Storage of ``lens``.
    var lensBox: LensDecodingBox?

    public init(type: String = "message", data: String, lastEventID: String = "") {
        self.type = type
        self.data = data
        self.lastEventID = lastEventID
    }

    /// What the stream's lens read in this event, if a lens recognised it.
    public var lens: LensDecoding? {
        get { lensBox?.decoding }
        set { lensBox = newValue.map(LensDecodingBox.init) }
    }

    public static func == (lhs: SSEEvent, rhs: SSEEvent) -> Bool {
        lhs.type == rhs.type && lhs.data == rhs.data && lhs.lastEventID == rhs.lastEventID && lhs.lens == rhs.lens
    }
}
