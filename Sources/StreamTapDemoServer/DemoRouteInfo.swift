/// One route of the demo server as people read it: in the route list that
/// `streamtap serve` prints and in the table on the HTML page.
public struct DemoRouteInfo: Sendable, Equatable {
    /// The protocol a route speaks.
    public enum Kind: String, Sendable {
        case page = "HTTP"
        case webSocket = "WebSocket"
        case serverSentEvents = "SSE"
    }

    /// The protocol the route speaks.
    public var kind: Kind
    /// `GET` or `POST` (WebSocket routes are a `GET` with an upgrade).
    public var method: String
    /// The path with its optional parameters, e.g. `/ws/ticker?interval=ms&count=N`.
    public var path: String
    /// What the route does, in one sentence.
    public var summary: String

    /// The path without parameters, e.g. `/ws/ticker`.
    public var bare: String {
        String(path.prefix { $0 != "?" })
    }

    /// Every route, in the order they are listed.
    public static let all: [DemoRouteInfo] = [
        .init(.page, "GET", "/", "this page: the routes, a WebSocket client and an EventSource"),
        .init(.webSocket, "GET", "/ws/echo", "echoes every message with its opcode; answers pings and close"),
        .init(.webSocket, "GET", "/ws/chat", "broadcasts each text message to /ws/chat and /sse/chat"),
        .init(
            .webSocket,
            "GET",
            "/ws/ticker?interval=ms&count=N",
            "sends {\"seq\":N,\"ts\":...} every interval (default 1000 ms); after count, close 1000"
        ),
        .init(
            .webSocket,
            "GET",
            "/ws/ping?interval=ms&count=N",
            "pings every interval and reports each pong's round trip as a text message"
        ),
        .init(
            .webSocket,
            "GET",
            "/ws/close?code=N&reason=text&after=N&interval=ms",
            "sends after ticker messages (default 0), then a close frame with code and reason"
        ),
        .init(
            .webSocket,
            "GET",
            "/ws/drop?after=N&interval=ms",
            "sends after ticker messages (default 3), then drops TCP without a close frame"
        ),
        .init(
            .serverSentEvents,
            "GET",
            "/sse/ticker?interval=ms&count=N",
            "events with id: N, resuming after Last-Event-ID; the response ends after count"
        ),
        .init(
            .serverSentEvents,
            "GET",
            "/sse/drop?after=N&interval=ms",
            "drops the connection after events (default 3); a reconnect continues the sequence"
        ),
        .init(
            .serverSentEvents,
            "GET",
            "/sse/retry?ms=N&interval=ms&count=N",
            "sends retry: ms (default 5000) first, then ticks"
        ),
        .init(
            .serverSentEvents,
            "GET",
            "/sse/stop?count=N&interval=ms",
            "streams count events (default 3) and ends; a reconnect gets 204 No Content"
        ),
        .init(
            .serverSentEvents,
            "GET",
            "/sse/types?interval=ms&count=N",
            "named events, comments, multi-line data, then event: update ticks"
        ),
        .init(.serverSentEvents, "GET", "/sse/chat", "every chat message, from /ws/chat and POST /sse/chat"),
        .init(.serverSentEvents, "POST", "/sse/chat", "the request body is one chat message; answers 202"),
    ]

    private init(_ kind: Kind, _ method: String, _ path: String, _ summary: String) {
        self.kind = kind
        self.method = method
        self.path = path
        self.summary = summary
    }
}
