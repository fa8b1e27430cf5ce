import NIOCore
import NIOHTTP1
import StreamTapCore

/// One HTTP request and its answer, as both protocols start: sends the
/// request (head and body), waits for the response head, and lets
/// ``HTTPResponseRules`` say what it means.
///
/// A stream hands over as its ``Opening`` says: an event stream's body
/// goes on to the next handler; a WebSocket upgrade removes the HTTP codec
/// and installs the session handler, with the bytes that came right after
/// the `101`. Anything else is reported once through `onEnd` — a refusal
/// with up to 64 KiB of its body, a redirect, `204`, a body that answers
/// the request — and the channel is closed.
final class HTTPExchangeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias InboundOut = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// How an exchange that opened no stream ended.
    enum Result {
        /// The connection failed or the server refused.
        case failed(HandshakeFailure)
        /// The server redirected the request.
        case redirect(status: Int, location: String, response: ResponseHead)
        /// The server answered `204 No Content`.
        case noContent(ResponseHead)
        /// The server answered with a body (in the response) that completes
        /// the exchange.
        case answer(ResponseHead)
        /// The client ended the exchange before a stream opened.
        case cancelled
    }

    /// What opening a stream means.
    enum Opening {
        /// A WebSocket upgrade: once the `101` is over, `httpHandlers` are
        /// removed and the handler `install` returns takes over.
        case upgrade(
            httpHandlers: [any RemovableChannelHandler],
            install: (ResponseHead, WebSocketHandshakeAgreement) throws -> any ChannelHandler
        )
        /// An event stream: `open` is told, then the body flows on.
        case eventStream(open: (ResponseHead) -> Void)
    }

    private enum State {
        case awaitingResponse
        /// A valid `101` arrived; waiting for its end.
        case upgrading(ResponseHead, WebSocketHandshakeAgreement)
        /// The HTTP codec is being removed; reads wait.
        case buffering
        /// The stream is open: everything goes on down the pipeline.
        case streaming
        /// Keeping the body of a refusal (to show) or of an answer.
        case collecting(ResponseHead, Collection)
        case ended
    }

    private enum Collection {
        case refusal(String, retryable: Bool)
        case answer
    }

    private let request: RequestHead
    private let expectation: HTTPExchangeExpectation
    private let opening: Opening
    private let timeout: TimeAmount
    /// The largest answer body kept (a refusal keeps at most 64 KiB).
    private let answerLimit: Int
    private let onEnd: (Result) -> Void
    private var state = State.awaitingResponse
    private var context: ChannelHandlerContext?
    private var timeoutTask: Scheduled<Void>?
    private var body: [UInt8] = []
    private var buffered: [NIOAny] = []
    /// The connection closed while the session was being installed; the
    /// session handler is told once it is in place.
    private var closedWhileBuffering = false
    /// When the request went out.
    private(set) var requestStart = ContinuousClock.now

    init(
        request: RequestHead,
        expectation: HTTPExchangeExpectation,
        opening: Opening,
        timeout: TimeAmount,
        answerLimit: Int,
        onEnd: @escaping (Result) -> Void
    ) {
        self.request = request
        self.expectation = expectation
        self.opening = opening
        self.timeout = timeout
        self.answerLimit = answerLimit
        self.onEnd = onEnd
    }

    /// What the request asks for, as failures name it.
    private var asked: String {
        if case .webSocketUpgrade = expectation { return "the WebSocket handshake" }
        return "the request"
    }

    /// What to check when the server does not answer.
    private var unansweredHint: String {
        if case .webSocketUpgrade = expectation {
            return "check that the URL is a WebSocket endpoint and that the server is responsive"
        }
        return "check the URL and that the server is responsive"
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        guard context.channel.isActive else {
            fail(HandshakeFailure(message: "the server closed the connection before the request", retryable: true))
            return
        }
        requestStart = .now
        let head = HTTPRequestHead(
            version: .http1_1,
            method: HTTPMethod(rawValue: request.method),
            uri: request.target,
            headers: HTTPHeaders(request.headers.fields.map { ($0.name, $0.value) })
        )
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body = request.body, !body.isEmpty {
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))),
                promise: nil
            )
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        timeoutTask = context.eventLoop.scheduleTask(in: timeout) { bound.value.timedOut() }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timeoutTask?.cancel()
        self.context = nil
    }

    /// Ends the exchange because the client asked, if no stream is open yet.
    func cancel() {
        switch state {
        case .awaitingResponse, .upgrading, .collecting:
            end(.cancelled)
        case .buffering, .streaming, .ended:
            break
        }
    }

    // MARK: Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .streaming:
            context.fireChannelRead(data)
            return
        case .buffering:
            buffered.append(data)
            return
        case .ended:
            return
        case .awaitingResponse, .upgrading, .collecting:
            break
        }
        switch unwrapInboundIn(data) {
        case .head(let head):
            receiveHead(head, context: context)
        case .body(let buffer):
            collect(buffer)
        case .end:
            switch state {
            case .upgrading(let response, let agreement):
                upgrade(context: context, response: response, agreement: agreement)
            case .collecting(let response, let collection):
                report(response, collection)
            default:
                break
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.fireChannelReadComplete()
    }

    private func receiveHead(_ head: HTTPResponseHead, context: ChannelHandlerContext) {
        guard case .awaitingResponse = state else { return }
        let response = ResponseHead(
            status: Int(head.status.code),
            reason: head.status.reasonPhrase,
            headers: HeaderFields(head.headers.map { (name: $0.name, value: $0.value) })
        )
        switch HTTPResponseRules.verdict(for: response, expecting: expectation) {
        case .upgrade(let agreement):
            state = .upgrading(response, agreement)
        case .eventStream:
            timeoutTask?.cancel()
            state = .streaming
            if case .eventStream(let open) = opening { open(response) }
        case .noContent:
            end(.noContent(response))
        case .redirect(let location):
            end(.redirect(status: response.status, location: location, response: response))
        case .answer:
            state = .collecting(response, .answer)
        case .refused(let message, let retryable):
            state = .collecting(response, .refusal(message, retryable: retryable))
            // An event stream never ends: say what it is now.
            if HTTPResponseRules.carriesEventStream(response) {
                report(response, .refusal(message, retryable: retryable))
            }
        }
    }

    private func collect(_ buffer: ByteBuffer) {
        guard case .collecting(let response, let collection) = state else { return }
        let limit: Int
        switch collection {
        case .refusal: limit = HTTPResponseRules.maximumKeptBody
        case .answer: limit = answerLimit
        }
        let take = min(buffer.readableBytes, limit - body.count)
        body += buffer.readableBytesView.prefix(take)
        guard body.count >= limit else { return }
        switch collection {
        case .refusal:
            // A body that goes on (a stream, a huge page) is reported once
            // the kept part is full, not at a timeout.
            report(response, collection)
        case .answer where buffer.readableBytes > take:
            fail(
                HandshakeFailure(
                    message: "the server's answer is larger than \(limit) bytes, the most an answer may hold",
                    response: response,
                    retryable: false
                )
            )
        case .answer:
            break
        }
    }

    private func report(_ response: ResponseHead, _ collection: Collection) {
        var response = response
        response.body = body
        switch collection {
        case .refusal(let message, let retryable):
            fail(HandshakeFailure(message: message, response: response, retryable: retryable))
        case .answer:
            end(.answer(response))
        }
    }

    // MARK: Upgrading

    /// Removes the HTTP codec (which may finish asynchronously when it is
    /// mid-decode), then installs the session handler and replays what
    /// arrived meanwhile. Nothing is written until the codec is gone.
    private func upgrade(context: ChannelHandlerContext, response: ResponseHead, agreement: WebSocketHandshakeAgreement)
    {
        guard case .upgrade(let httpHandlers, _) = opening else { return }
        state = .buffering
        timeoutTask?.cancel()
        let removals = httpHandlers.map { handler -> EventLoopFuture<Void> in
            let removed = context.eventLoop.makePromise(of: Void.self)
            context.pipeline.syncOperations.removeHandler(handler, promise: removed)
            return removed.futureResult
        }
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        EventLoopFuture.andAllSucceed(removals, on: context.eventLoop).whenComplete { result in
            let (handler, context) = bound.value
            switch result {
            case .success:
                handler.installSession(context: context, response: response, agreement: agreement)
            case .failure(let error):
                handler.fail(
                    HandshakeFailure(message: "could not leave HTTP for WebSocket: \(error)", retryable: false)
                )
            }
        }
    }

    private func installSession(
        context: ChannelHandlerContext,
        response: ResponseHead,
        agreement: WebSocketHandshakeAgreement
    ) {
        guard case .upgrade(_, let install) = opening else { return }
        do {
            let session = try install(response, agreement)
            try context.pipeline.syncOperations.addHandler(session, position: .after(self))
        } catch {
            fail(HandshakeFailure(message: "could not start the WebSocket session: \(error)", retryable: false))
            return
        }
        state = .streaming
        for data in buffered {
            context.fireChannelRead(data)
        }
        if !buffered.isEmpty { context.fireChannelReadComplete() }
        buffered = []
        if closedWhileBuffering {
            context.fireChannelInactive()
        }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    // MARK: Endings

    func channelInactive(context: ChannelHandlerContext) {
        switch state {
        case .awaitingResponse, .upgrading:
            fail(
                HandshakeFailure(
                    message: "the server closed the connection before answering \(asked)",
                    retryable: true
                )
            )
        case .collecting(let response, let collection):
            report(response, collection)
        case .buffering:
            closedWhileBuffering = true
            return
        case .streaming, .ended:
            break
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch state {
        case .streaming:
            context.fireErrorCaught(error)
        case .awaitingResponse, .upgrading, .buffering:
            let message =
                (error as? HTTPParserError).map {
                    "the server's answer to \(asked) is not valid HTTP: \($0.explanation)"
                }
                ?? "the connection failed before the answer to \(asked): \(error)"
            fail(HandshakeFailure(message: message, retryable: true))
        case .collecting(let response, let collection):
            report(response, collection)
        case .ended:
            break
        }
    }

    private func timedOut() {
        switch state {
        case .awaitingResponse, .upgrading:
            let seconds = Double(timeout.nanoseconds) / 1e9
            fail(
                HandshakeFailure(
                    message: "the server did not answer \(asked) within \(seconds) s; \(unansweredHint)",
                    retryable: true
                )
            )
        case .collecting(let response, let collection):
            report(response, collection)
        case .buffering, .streaming, .ended:
            break
        }
    }

    private func fail(_ failure: HandshakeFailure) {
        end(.failed(failure))
    }

    private func end(_ result: Result) {
        switch state {
        case .ended, .streaming:
            return
        default:
            break
        }
        state = .ended
        timeoutTask?.cancel()
        context?.close(promise: nil)
        onEnd(result)
    }
}

@available(*, unavailable)
extension HTTPExchangeHandler: Sendable {}
