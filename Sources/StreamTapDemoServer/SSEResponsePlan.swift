/// What an SSE route answers to one request, decided before anything is
/// sent from the route and the request's `Last-Event-ID` header.
enum SSEResponsePlan: Equatable {
    /// `204 No Content`: tells an `EventSource` to stop reconnecting.
    case noContent
    /// A `200 text/event-stream` response.
    case stream(SSEStreamSource)

    /// Largest `Last-Event-ID` accepted; the server's ids are integers.
    static let lastEventIDRange = 0...1_000_000_000_000

    /// The plan for `route` when the client sent `lastEventID` (`nil` when
    /// the header was absent or empty).
    init(route: SSERoute, lastEventID: String?) throws(RouteFailure) {
        switch route {
        case .stop(let count, let interval):
            if lastEventID != nil {
                self = .noContent
            } else {
                self = .stream(.ticks(SSETickPlan(firstSequence: 1, interval: interval, limit: count)))
            }
        case .ticker(let interval, let count):
            self = .stream(
                .ticks(SSETickPlan(firstSequence: try Self.next(after: lastEventID), interval: interval, limit: count))
            )
        case .drop(let after, let interval):
            var plan = SSETickPlan(firstSequence: try Self.next(after: lastEventID), interval: interval, limit: after)
            plan.ending = .drop
            self = .stream(.ticks(plan))
        case .retry(let milliseconds, let interval, let count):
            var plan = SSETickPlan(firstSequence: try Self.next(after: lastEventID), interval: interval, limit: count)
            plan.preamble = SSEWireFormat.retry(milliseconds: milliseconds)
            self = .stream(.ticks(plan))
        case .types(let interval, let count):
            let first = try Self.next(after: lastEventID)
            var plan = SSETickPlan(firstSequence: first, interval: interval, limit: count)
            plan.preamble = first == 1 ? Self.typesScript : ""
            plan.eventType = "update"
            plan.commentBetweenTicks = "keep-alive"
            self = .stream(.ticks(plan))
        case .chat:
            self = .stream(.chat)
        }
    }

    private static func next(after lastEventID: String?) throws(RouteFailure) -> Int {
        guard let lastEventID else { return 1 }
        guard let value = Int(lastEventID), lastEventIDRange.contains(value), lastEventID.allSatisfy(\.isASCII) else {
            throw .badRequest(
                "Last-Event-ID must be an event id this server sent (an integer from 0 to \(lastEventIDRange.upperBound)), got '\(lastEventID)'"
            )
        }
        return value + 1
    }

    /// The opening of `/sse/types`: one of each thing a stream can carry.
    static let typesScript =
        SSEWireFormat.comment("lines starting with a colon are comments: clients ignore them") + "\n"
        + SSEWireFormat.event(type: "greeting", data: "hello from the streamtap demo server")
        + SSEWireFormat.event(data: "a message event whose data\nspans three lines\n(one data: field per line)")
        + SSEWireFormat.comment("the next event has a type but no data: browsers never dispatch it")
        + "event: ignored\n\n"
        + "data:  two spaces after the colon: a parser removes only the first\n\n"
}

/// Where the events of a `text/event-stream` response come from.
enum SSEStreamSource: Equatable {
    /// Numbered events on a timer.
    case ticks(SSETickPlan)
    /// Chat messages as they are posted.
    case chat
}

/// A stream of numbered events on a timer, and how it ends.
struct SSETickPlan: Equatable {
    /// How the response ends once `limit` events were sent.
    enum Ending: Equatable {
        /// The terminating chunk: a clean end of the response.
        case finish
        /// The TCP connection closes mid-response, as if the server died.
        case drop
    }

    /// Sent right after the response head (a `retry:` field, a script).
    var preamble = ""
    /// The `id:` and `seq` of the first event.
    var firstSequence: Int
    /// Milliseconds between events.
    var interval: Int
    /// Events in this response; `nil` streams until the client leaves.
    var limit: Int?
    var ending = Ending.finish
    /// The `event:` field of every tick (`nil`: the default `message`).
    var eventType: String?
    /// A comment sent between two ticks, if any.
    var commentBetweenTicks: String?

    init(firstSequence: Int, interval: Int, limit: Int?) {
        self.firstSequence = firstSequence
        self.interval = interval
        self.limit = limit
    }
}
