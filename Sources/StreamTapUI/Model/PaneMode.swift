import StreamTapCore

/// What a stream pane shows.
public enum PaneMode: Sendable, Equatable {
    /// The live event list.
    case events
    /// One event in full.
    case inspector(InspectorState)
    /// The opening handshake, request beside response.
    case handshake(scroll: Int)
    /// The connection's life: attempts, opens, closes, reconnects, errors.
    case timeline(scroll: Int)
    /// A model's streamed answer put together, with its figures.
    case assembled(scroll: Int)
}

/// The inspector of one event: which event, how its payload is shown, and
/// the lines laid out for the width they were made for.
public struct InspectorState: Sendable, Equatable {
    /// The absolute index of the event in the pane's log.
    public var eventIndex: Int
    /// Whether a text payload is shown as a hex dump.
    public var showHex = false
    /// The format the payload is decoded from (`nil`: shown as it is).
    public var decoder: StreamTapCore.PayloadFormat?
    public var scroll = 0
    /// The laid-out document (rebuilt when the width or `showHex` changes).
    public var lines: [StyledLine] = []
    /// The width `lines` were wrapped to.
    public var width = 0

    public init(eventIndex: Int) {
        self.eventIndex = eventIndex
    }
}
