import NIOCore
import NIOHTTP1
import StreamTapCore

/// Sends the opening handshake and reads the answer (RFC 6455 §4.1).
///
/// On a valid `101` it removes the HTTP codec, hands the pipeline to a
/// ``WebSocketFrameHandler`` (bytes that arrived right after the response
/// included) and removes itself. Any other answer is collected, with up to
/// 64 KiB of its body, and reported as a refused upgrade.
final class WebSocketHandshakeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// Called when the server agreed; returns the handler that takes over.
    typealias Upgrade = (ResponseHead, WebSocketHandshakeAgreement) throws -> WebSocketFrameHandler

    static let maxRefusalBody = 64 * 1024

    private enum State {
        case awaitingResponse
        case upgrading(ResponseHead, WebSocketHandshakeAgreement)
        case buffering
        case refused(ResponseHead)
        case done
    }

    private let request: HTTPRequestHead
    private let key: String
    private let offeredSubprotocols: [String]
    private let deflateOffer: PerMessageDeflate.Offer?
    private let timeout: TimeAmount
    private let httpHandlers: [any RemovableChannelHandler]
    private let upgrade: Upgrade
    private let failure: EventLoopPromise<Void>
    private var state = State.awaitingResponse
    private var buffered: [NIOAny] = []
    /// The connection closed while the session was being installed; the
    /// session handler is told once it is in place.
    private var closedWhileBuffering = false
    private var refusalBody: [UInt8] = []
    private var timeoutTask: Scheduled<Void>?

    /// `failure` fails with a ``HandshakeFailure`` when the handshake does;
    /// it succeeds once the pipeline is upgraded.
    init(
        request: HTTPRequestHead,
        key: String,
        offeredSubprotocols: [String],
        deflateOffer: PerMessageDeflate.Offer?,
        timeout: TimeAmount,
        httpHandlers: [any RemovableChannelHandler],
        failure: EventLoopPromise<Void>,
        upgrade: @escaping Upgrade
    ) {
        self.request = request
        self.key = key
        self.offeredSubprotocols = offeredSubprotocols
        self.deflateOffer = deflateOffer
        self.timeout = timeout
        self.httpHandlers = httpHandlers
        self.failure = failure
        self.upgrade = upgrade
    }

    func handlerAdded(context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(request)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        let seconds = Double(timeout.nanoseconds) / 1e9
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        timeoutTask = context.eventLoop.scheduleTask(in: timeout) {
            bound.value.handler.fail(
                HandshakeFailure(
                    message:
                        "the server did not answer the WebSocket handshake within \(seconds) s; check that the URL "
                        + "is a WebSocket endpoint and that the server is responsive",
                    retryable: true
                ),
                context: bound.value.context
            )
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .buffering:
            buffered.append(data)
            return
        case .done:
            return
        default:
            break
        }
        switch unwrapInboundIn(data) {
        case .head(let head):
            receiveHead(head, context: context)
        case .body(var body):
            if case .refused(let response) = state, refusalBody.count < Self.maxRefusalBody {
                let take = min(body.readableBytes, Self.maxRefusalBody - refusalBody.count)
                refusalBody += body.readBytes(length: take) ?? []
                // A body that goes on (a stream, a huge page) is reported
                // once the kept part is full, not at a timeout.
                if refusalBody.count >= Self.maxRefusalBody { reportRefusal(response, context: context) }
            }
        case .end:
            switch state {
            case .upgrading(let response, let agreement):
                performUpgrade(context: context, response: response, agreement: agreement)
            case .refused(let response):
                reportRefusal(response, context: context)
            default:
                break
            }
        }
    }

    private func receiveHead(_ head: HTTPResponseHead, context: ChannelHandlerContext) {
        guard case .awaitingResponse = state else { return }
        let response = ResponseHead(
            status: Int(head.status.code),
            reason: head.status.reasonPhrase,
            headers: HeaderFields(head.headers.map { (name: $0.name, value: $0.value) })
        )
        guard head.status == .switchingProtocols else {
            state = .refused(response)
            // An event stream never ends: say what it is now.
            if Self.isEventStream(response) {
                reportRefusal(response, context: context)
            }
            return
        }
        do {
            let agreement = try WebSocketHandshakeRules.validate(
                response: response,
                key: key,
                offeredSubprotocols: offeredSubprotocols,
                deflateOffer: deflateOffer
            )
            state = .upgrading(response, agreement)
        } catch {
            fail(
                HandshakeFailure(
                    message: "invalid WebSocket handshake: \(error.message)",
                    response: response,
                    retryable: false
                ),
                context: context
            )
        }
    }

    /// Removes the HTTP codec (which may finish asynchronously when it is
    /// mid-decode), then installs the session handler and replays what
    /// arrived meanwhile. Nothing is written until the codec is gone.
    private func performUpgrade(
        context: ChannelHandlerContext,
        response: ResponseHead,
        agreement: WebSocketHandshakeAgreement
    ) {
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
                    HandshakeFailure(message: "could not leave HTTP for WebSocket: \(error)", retryable: false),
                    context: context
                )
            }
        }
    }

    private func installSession(
        context: ChannelHandlerContext,
        response: ResponseHead,
        agreement: WebSocketHandshakeAgreement
    ) {
        do {
            let frameHandler = try upgrade(response, agreement)
            try context.pipeline.syncOperations.addHandler(frameHandler, position: .after(self))
        } catch {
            fail(
                HandshakeFailure(message: "could not start the WebSocket session: \(error)", retryable: false),
                context: context
            )
            return
        }
        state = .done
        failure.succeed(())
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

    private func reportRefusal(_ response: ResponseHead, context: ChannelHandlerContext) {
        var response = response
        response.body = refusalBody
        let explanation = Self.explainRefusal(response)
        fail(
            HandshakeFailure(
                message:
                    "the server refused the WebSocket upgrade with \(response.status) \(response.reason)\(explanation)",
                response: response,
                retryable: response.status >= 500
            ),
            context: context
        )
    }

    /// Whether a refusal is an SSE stream (judged as the SSE engine does).
    private static func isEventStream(_ response: ResponseHead) -> Bool {
        response.headers.first("Content-Type").map(SSEResponseRules.isEventStream) ?? false
    }

    private static func explainRefusal(_ response: ResponseHead) -> String {
        if isEventStream(response) {
            return ": it answered with a Server-Sent Events stream (use http:// or https:// to read it)"
        }
        return switch response.status {
        case 200: ": it answered as plain HTTP (is this a WebSocket endpoint?)"
        case 301, 302, 303, 307, 308: ": a redirect (WebSocket clients do not follow redirects; use the Location)"
        case 400: ": it found the handshake request malformed"
        case 401: ": authentication required (add credentials with -H 'Authorization: ...')"
        case 403: ": forbidden (check --origin and credentials)"
        case 404: ": no such path on this server"
        case 426: ": it wants a different protocol version"
        default: ""
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        switch state {
        case .refused(let response):
            reportRefusal(response, context: context)
        case .awaitingResponse, .upgrading:
            fail(
                HandshakeFailure(
                    message: "the server closed the connection before answering the WebSocket handshake",
                    retryable: true
                ),
                context: context
            )
        case .buffering:
            closedWhileBuffering = true
            return
        case .done:
            break
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if case .done = state {
            context.fireErrorCaught(error)
            return
        }
        let message: String
        if let parserError = error as? HTTPParserError {
            message = "the server's answer to the WebSocket handshake is not valid HTTP: \(parserError.explanation)"
        } else {
            message = "the connection failed during the WebSocket handshake: \(error)"
        }
        fail(HandshakeFailure(message: message, retryable: true), context: context)
    }

    private func fail(_ error: HandshakeFailure, context: ChannelHandlerContext) {
        if case .done = state { return }
        state = .done
        timeoutTask?.cancel()
        failure.fail(error)
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension WebSocketHandshakeHandler: Sendable {}
