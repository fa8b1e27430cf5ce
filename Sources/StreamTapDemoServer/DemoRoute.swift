import NIOHTTP1
import StreamTapCore

/// One request the demo server knows how to answer, with its parameters
/// already validated and bounded.
enum DemoRoute: Equatable {
    /// `GET /`: the self-contained HTML page.
    case page
    /// A WebSocket route (answered only to an upgrade request).
    case webSocket(WebSocketRoute)
    /// A Server-Sent Events stream.
    case serverSentEvents(SSERoute)
    /// `POST /sse/chat`: the body is one chat message.
    case postChat

    /// Finds the route for a request line, or explains why there is none.
    static func parse(method: HTTPMethod, uri: String) throws(RouteFailure) -> DemoRoute {
        let target = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = target[0]
        let query = try QueryParameters(query: target.count > 1 ? target[1] : "")
        if path == "/sse/chat" && method == .POST {
            try query.allowOnly([])
            return .postChat
        }
        guard let route = try route(path: path, query: query) else { throw .notFound }
        guard method == .GET else {
            throw .methodNotAllowed(allowed: path == "/sse/chat" ? "GET, POST" : "GET")
        }
        return route
    }

    private static func route(path: Substring, query: QueryParameters) throws(RouteFailure) -> DemoRoute? {
        if path == "/" {
            try query.allowOnly([])
            return .page
        }
        if path.hasPrefix("/ws/"), let route = try WebSocketRoute(name: path.dropFirst(4), query: query) {
            return .webSocket(route)
        }
        if path.hasPrefix("/sse/"), let route = try SSERoute(name: path.dropFirst(5), query: query) {
            return .serverSentEvents(route)
        }
        return nil
    }
}

/// Bounds shared by every route with a timer.
enum RouteLimits {
    /// Milliseconds between two messages or events.
    static let interval = 1...60_000
    /// The default pace: one message a second.
    static let defaultInterval = 1000
    /// How many messages a route sends before it stops.
    static let count = 1...1_000_000
    /// Messages before a close or a drop (0: at once).
    static let after = 0...1_000_000
}

/// The WebSocket routes and their parameters.
enum WebSocketRoute: Equatable {
    /// Sends every data message back with the same opcode.
    case echo
    /// Broadcasts every text message to all chat clients, WebSocket and SSE.
    case chat
    /// Pushes `{"seq":N,"ts":...}` every `interval` ms; after `count`
    /// messages closes with 1000.
    case ticker(interval: Int, count: Int?)
    /// Pings every `interval` ms and reports each pong as a text message;
    /// after `count` pings closes with 1000.
    case ping(interval: Int, count: Int?)
    /// Sends `after` ticker messages, then a close frame with `code` and
    /// `reason`.
    case close(code: Int, reason: String, after: Int, interval: Int)
    /// Sends `after` ticker messages, then drops the TCP connection without
    /// a close frame.
    case drop(after: Int, interval: Int)

    /// The route named `name` (the path after `/ws/`), or `nil` if none is.
    init?(name: Substring, query: QueryParameters) throws(RouteFailure) {
        switch name {
        case "echo":
            try query.allowOnly([])
            self = .echo
        case "chat":
            try query.allowOnly([])
            self = .chat
        case "ticker":
            try query.allowOnly(["interval", "count"])
            self = .ticker(
                interval: try Self.interval(query),
                count: try query.optionalInteger("count", in: RouteLimits.count)
            )
        case "ping":
            try query.allowOnly(["interval", "count"])
            self = .ping(
                interval: try Self.interval(query),
                count: try query.optionalInteger("count", in: RouteLimits.count)
            )
        case "close":
            try query.allowOnly(["code", "reason", "after", "interval"])
            let code = try query.integer("code", in: 1000...4999, default: CloseCode.normal)
            guard CloseCode.isValidOnTheWire(code) else {
                throw .badRequest(
                    "'code' must be a close code a server may send (1000-1003, 1007-1011, 3000-4999), got \(code)"
                )
            }
            self = .close(
                code: code,
                reason: try query.text("reason", maxBytes: 123, default: ""),
                after: try query.integer("after", in: RouteLimits.after, default: 0),
                interval: try Self.interval(query)
            )
        case "drop":
            try query.allowOnly(["after", "interval"])
            self = .drop(
                after: try query.integer("after", in: RouteLimits.after, default: 3),
                interval: try Self.interval(query)
            )
        default:
            return nil
        }
    }

    private static func interval(_ query: QueryParameters) throws(RouteFailure) -> Int {
        try query.integer("interval", in: RouteLimits.interval, default: RouteLimits.defaultInterval)
    }
}

/// The Server-Sent Events routes and their parameters.
enum SSERoute: Equatable {
    /// Events `id: N` / `data: {"seq":N,...}` every `interval` ms, resuming
    /// after `Last-Event-ID`; the response ends after `count` events.
    case ticker(interval: Int, count: Int?)
    /// Like the ticker, but drops the connection after `after` events.
    case drop(after: Int, interval: Int)
    /// Sends `retry: ms` first, then ticks like the ticker.
    case retry(milliseconds: Int, interval: Int, count: Int?)
    /// Streams `count` events then ends; a reconnect (with
    /// `Last-Event-ID`) is answered 204 No Content, which stops it.
    case stop(count: Int, interval: Int)
    /// Named events, comments and multi-line data, then `update` events.
    case types(interval: Int, count: Int?)
    /// Every chat message, from WebSocket clients and `POST /sse/chat`.
    case chat

    /// The route named `name` (the path after `/sse/`), or `nil` if none is.
    init?(name: Substring, query: QueryParameters) throws(RouteFailure) {
        switch name {
        case "ticker":
            try query.allowOnly(["interval", "count"])
            self = .ticker(
                interval: try Self.interval(query),
                count: try query.optionalInteger("count", in: RouteLimits.count)
            )
        case "drop":
            try query.allowOnly(["after", "interval"])
            self = .drop(
                after: try query.integer("after", in: RouteLimits.after, default: 3),
                interval: try Self.interval(query)
            )
        case "retry":
            try query.allowOnly(["ms", "interval", "count"])
            self = .retry(
                milliseconds: try query.integer("ms", in: 0...600_000, default: 5000),
                interval: try Self.interval(query),
                count: try query.optionalInteger("count", in: RouteLimits.count)
            )
        case "stop":
            try query.allowOnly(["count", "interval"])
            self = .stop(
                count: try query.integer("count", in: 1...1000, default: 3),
                interval: try Self.interval(query)
            )
        case "types":
            try query.allowOnly(["interval", "count"])
            self = .types(
                interval: try Self.interval(query),
                count: try query.optionalInteger("count", in: RouteLimits.count)
            )
        case "chat":
            try query.allowOnly([])
            self = .chat
        default:
            return nil
        }
    }

    private static func interval(_ query: QueryParameters) throws(RouteFailure) -> Int {
        try query.integer("interval", in: RouteLimits.interval, default: RouteLimits.defaultInterval)
    }
}
