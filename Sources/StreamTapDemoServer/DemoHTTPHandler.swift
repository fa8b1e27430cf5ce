import NIOCore
import NIOHTTP1
import StreamTapCore

/// Answers every request that is not a WebSocket upgrade: the HTML page,
/// SSE streams, `POST /sse/chat`, and plain-text errors.
final class DemoHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        /// Waiting for a request head.
        case idle
        /// Reading a request; `body` is kept only for `POST /sse/chat`.
        case receiving(HTTPRequestHead, body: ByteBuffer, bodyBytes: Int)
        /// Streaming an SSE response; later pipelined requests wait.
        case streaming(SSEStream)
        /// The connection is being closed; ignore what follows.
        case closing
    }

    private let hub: ChatHub
    private let configuration: DemoServerConfiguration
    private var state = State.idle
    /// Closes a connection that keeps the server waiting for a request.
    private var requestTimer: Scheduled<Void>?

    init(hub: ChatHub, configuration: DemoServerConfiguration) {
        self.hub = hub
        self.configuration = configuration
    }

    func handlerAdded(context: ChannelHandlerContext) {
        awaitRequest(context: context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        requestTimer?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (unwrapInboundIn(data), state) {
        case (.head(let head), .idle):
            state = .receiving(head, body: context.channel.allocator.buffer(capacity: 0), bodyBytes: 0)
        case (.body(var chunk), .receiving(let head, var body, let bodyBytes)):
            let total = bodyBytes + chunk.readableBytes
            guard total <= configuration.maxRequestBodySize else {
                state = .closing
                HTTPResponseWriter.write(
                    .payloadTooLarge,
                    body:
                        "payload too large: request bodies are limited to \(configuration.maxRequestBodySize) bytes\n",
                    keepAlive: false,
                    context: context
                )
                return
            }
            if head.method == .POST {
                body.writeBuffer(&chunk)
            }
            state = .receiving(head, body: body, bodyBytes: total)
        case (.end, .receiving(let head, let body, _)):
            requestTimer?.cancel()
            state = .idle
            respond(to: head, body: body, context: context)
            if case .idle = state, head.isKeepAlive {
                awaitRequest(context: context)
            }
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        requestTimer?.cancel()
        if case .streaming(let stream) = state {
            stream.cancel()
        }
        state = .closing
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is DemoServerShutdownEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if case .streaming(let stream) = state {
            stream.shutdown()
        }
        state = .closing
        context.close(promise: nil)
    }

    private func respond(to head: HTTPRequestHead, body: ByteBuffer, context: ChannelHandlerContext) {
        do throws(RouteFailure) {
            switch try DemoRoute.parse(method: head.method, uri: head.uri) {
            case .page:
                HTTPResponseWriter.write(
                    .ok,
                    contentType: "text/html; charset=utf-8",
                    body: DemoPage.html,
                    keepAlive: head.isKeepAlive,
                    context: context
                )
            case .webSocket:
                try refuseUpgrade(head)
            case .postChat:
                try postChat(body)
                HTTPResponseWriter.write(.accepted, body: "accepted\n", keepAlive: head.isKeepAlive, context: context)
            case .serverSentEvents(let route):
                let lastEventID = head.headers.first(name: "Last-Event-ID").flatMap { $0.isEmpty ? nil : $0 }
                switch try SSEResponsePlan(route: route, lastEventID: lastEventID) {
                case .noContent:
                    HTTPResponseWriter.write(.noContent, keepAlive: head.isKeepAlive, context: context)
                case .stream(let source):
                    stream(source, version: head.version, keepAlive: head.isKeepAlive, context: context)
                }
            }
        } catch {
            HTTPResponseWriter.write(error, keepAlive: head.isKeepAlive, context: context)
        }
    }

    /// Streams an SSE response. HTTP/1.0 has no chunked encoding: there the
    /// end of the stream is the end of the connection.
    private func stream(
        _ source: SSEStreamSource,
        version: HTTPVersion,
        keepAlive requested: Bool,
        context: ChannelHandlerContext
    ) {
        let keepAlive = requested && version != .http1_0
        let stream = SSEStream(context: context, version: version, source: source, hub: hub) { [weak self] outcome in
            guard let self, case .streaming = self.state else { return }
            switch outcome {
            case .finished where keepAlive:
                self.state = .idle
                self.awaitRequest(context: context)
            case .finished:
                self.state = .closing
                context.close(promise: nil)
            case .dropped:
                self.state = .closing
            }
        }
        state = .streaming(stream)
        stream.start()
    }

    /// Starts the wait for the next request; the connection closes if it
    /// has not arrived whole in time.
    private func awaitRequest(context: ChannelHandlerContext) {
        requestTimer?.cancel()
        let timeout = TimeAmount.milliseconds(Int64(configuration.requestTimeoutMilliseconds))
        requestTimer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] () -> Void in
            guard let self else { return }
            switch self.state {
            case .idle, .receiving: break
            case .streaming, .closing: return
            }
            self.state = .closing
            context.close(promise: nil)
        }
    }

    /// A chat message posted over HTTP goes to every chat client.
    private func postChat(_ body: ByteBuffer) throws(RouteFailure) {
        guard body.readableBytes > 0 else { throw .badRequest("the request body is the message, and it is empty") }
        guard UTF8Validator.isValid(body.readableBytesView) else {
            throw .badRequest("the message must be UTF-8 text")
        }
        hub.post(String(decoding: body.readableBytesView, as: UTF8.self))
    }

    /// Explains why a request for a WebSocket route was not upgraded.
    private func refuseUpgrade(_ head: HTTPRequestHead) throws(RouteFailure) -> Never {
        let upgrade = head.headers[canonicalForm: "Upgrade"].contains { $0.lowercased() == "websocket" }
        guard upgrade else { throw .upgradeRequired }
        guard head.headers.first(name: "Sec-WebSocket-Version") == "13" else { throw .upgradeRequired }
        guard head.headers.first(name: "Sec-WebSocket-Key") != nil else {
            throw .badRequest("a WebSocket handshake needs a Sec-WebSocket-Key header")
        }
        throw .badRequest("a WebSocket upgrade must be the first request on a connection")
    }
}

@available(*, unavailable)
extension DemoHTTPHandler: Sendable {}
