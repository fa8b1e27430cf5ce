import StreamTapCore

/// One connection as the UI knows it: its identity and status, its bounded
/// event history, and how its pane is being looked at.
public struct Pane {
    /// The connection's identifier (the `connectionID` of its events).
    public let id: Int
    /// A short name for the pane title.
    public var title: String
    /// The URL as given.
    public var url: String
    public var protocolKind: StreamProtocol?
    public var status: ConnectionStatus = .idle
    /// Reconnections scheduled so far.
    public var reconnects = 0
    /// Every event kept (bounded; see `EventLog`).
    public internal(set) var log: EventLog
    /// The events the filter shows.
    public internal(set) var index: VisibleIndex
    public internal(set) var filter = EventFilter()
    public var list = ListState()
    public var mode: PaneMode = .events
    public var composer = Composer()
    /// Whether a connection object drives this pane (commands go to it).
    public var isConnected: Bool
    /// The last successful handshake.
    public var handshake: Handshake?
    /// The connection's switches as the UI last set or learnt them.
    public internal(set) var settings = ConnectionSettings()
    /// What the connection can be asked to do.
    public internal(set) var capabilities: ConnectionCapabilities = []
    /// The policy that turning auto-reconnect back on restores: the one
    /// the connection started with, or the protocol's usual one.
    public internal(set) var reconnectWhenOn = ReconnectPolicy(mode: .backoff)
    /// The last failure that came with an HTTP response (a refused upgrade).
    public var refusal: ErrorInfo?
    /// The connection's life, kept apart from the log (at most
    /// `TimelineEntry.limit` entries).
    public internal(set) var timeline: [TimelineEntry] = []
    /// Incoming messages and events per second.
    public internal(set) var rate = RateMeter()
    /// Events lost before they reached the log because the inbox was full.
    public internal(set) var inboxDropped = 0
    public internal(set) var messagesIn = 0
    public internal(set) var messagesOut = 0
    /// Wire and payload bytes of the incoming traffic.
    public internal(set) var traffic = TrafficCounters()
    /// Whether reading the current transport is paused (a new connection
    /// reads again).
    public internal(set) var readingPaused = false
    /// The protocol the connection's lens last read a message as
    /// (`socket.io`, `graphql-transport-ws`…), shown in the title.
    public internal(set) var lensProtocol: String?
    /// A model's answer the pane's event stream carries, once the lens
    /// recognised one (a new response starts a new one).
    public internal(set) var modelStream: ModelStream?
    /// When the current event stream's request went out.
    private var requestStart: Timestamp?

    /// A pane for connection `id`, empty.
    public init(
        id: Int,
        title: String,
        url: String,
        protocolKind: StreamProtocol?,
        isConnected: Bool,
        limits: EventLog.Limits
    ) {
        self.id = id
        self.title = title
        self.url = url
        self.protocolKind = protocolKind
        self.isConnected = isConnected
        log = EventLog(limits: limits)
        index = VisibleIndex(start: 0)
    }

    /// Takes the connection's switches and capabilities as they are now.
    mutating func adopt(_ settings: ConnectionSettings, capabilities: ConnectionCapabilities) {
        self.settings = settings
        self.capabilities = capabilities
        if settings.reconnect.mode != .off {
            reconnectWhenOn = settings.reconnect
        } else {
            reconnectWhenOn = ReconnectPolicy.whenTurnedOn(for: protocolKind)
        }
    }

    /// The switches worth showing: those that are off, and a reconnection
    /// that would send a request again that is not safe to repeat.
    public var settingsSummary: String {
        var parts: [String] = []
        if capabilities.contains(.ping), !settings.autoPong { parts.append("auto-pong off") }
        if settings.reconnect.mode == .off {
            if capabilities.contains(.reconnect) { parts.append("reconnect off") }
        } else if capabilities.contains(.repeatsUnsafeRequest) {
            parts.append("reconnect re-sends the request")
        }
        if readingPaused { parts.append("reading paused") }
        return parts.joined(separator: ", ")
    }

    /// Events dropped from the log or before reaching it.
    public var droppedCount: Int { log.droppedCount + inboxDropped }

    /// Whether the user can send on this connection.
    public var canSend: Bool { isConnected && capabilities.contains(.send) }

    /// Records `event`: appends it to the log (dropping the oldest if need
    /// be), and updates status, counters and the timeline.
    mutating func record(_ event: StreamEvent) {
        log.append(event)
        status = status.after(event.kind)
        traffic.record(event.kind)
        switch event.kind {
        case .open(let handshake):
            self.handshake = handshake
            refusal = nil
            readingPaused = false
            lensProtocol = nil
            composer.lens = nil
            modelStream = nil
            requestStart = ModelStream.requestStart(opened: event.timestamp, handshake)
        case .reconnect:
            reconnects += 1
        case .error(let error) where error.response != nil:
            refusal = error
        case .message(let message):
            if let lens = message.lens, lens.protocolName != "engine.io" {
                lensProtocol = lens.protocolName
                composer.lens = LensName(protocolName: lens.protocolName)
            }
            if message.direction == .incoming {
                messagesIn += 1
                rate.record(at: event.timestamp)
            } else {
                messagesOut += 1
            }
        case .event(let sse):
            messagesIn += 1
            rate.record(at: event.timestamp)
            if let lens = sse.lens {
                lensProtocol = lens.protocolName
                if modelStream?.protocolName != lens.protocolName {
                    modelStream = ModelStream(
                        protocolName: lens.protocolName,
                        requestStart: requestStart ?? event.timestamp
                    )
                }
                modelStream?.read(sse, at: event.timestamp)
            }
        case .close(let close):
            modelStream?.closed(close)
        default:
            break
        }
        if TimelineEntry.records(event.kind) {
            timeline.append(TimelineEntry(timestamp: event.timestamp, kind: event.kind))
            if timeline.count > TimelineEntry.limit {
                timeline.removeFirst(timeline.count - TimelineEntry.limit)
            }
        }
    }

    /// Brings the visible index up to date after appending events that
    /// started at absolute index `firstNew`; returns how many are shown.
    mutating func indexNewEvents(from firstNew: Int) -> Int {
        index.dropBefore(log.startIndex)
        guard index.scanned >= firstNew else { return 0 }
        return index.appendNew(from: log, filter: filter, upTo: log.endIndex)
    }

    /// Replaces the filter and starts rebuilding the index.
    mutating func setFilter(_ filter: EventFilter) {
        self.filter = filter
        index = VisibleIndex(start: log.startIndex)
        list.resumeFollowing()
    }

    /// Forgets every event (the timeline stays).
    mutating func clearEvents() {
        log = EventLog(limits: log.limits)
        index = VisibleIndex(start: 0)
        inboxDropped = 0
        list.resumeFollowing()
        mode = .events
    }
}
