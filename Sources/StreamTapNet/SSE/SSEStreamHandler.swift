import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import StreamTapCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends one event-stream request and reads the answer: opens the stream on
/// `200 text/event-stream` and turns its body into events with
/// ``SSEParser``; reports anything else (a redirect, `204`, a refusal with
/// the first 64 KiB of its body) without reading a stream.
///
/// It reports exactly once through `onEnd`, then closes the channel.
final class SSEStreamHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// What the `open` event says besides the exchange itself.
    struct Opening: Sendable {
        var url: String
        var timings: ConnectionTimings
        var tls: TLSDetails?
        /// Whether each read of the body is reported as a `chunk`.
        var reportChunks = false
    }

    static let maxRefusalBody = 64 * 1024

    private enum State {
        case awaitingResponse
        case refused(ResponseHead, message: String)
        case streaming
        case ended
    }

    private let request: HTTPRequestHead
    private let body: [UInt8]?
    private let recorder: SSERequestRecorder
    private let counter: SSEBodyCounter
    private var parser: SSEParser
    private let opening: Opening
    private let emitter: EventEmitter
    private let timeout: TimeAmount
    private let onOpen: () -> Void
    private let onEnd: (SSEExchangeResult) -> Void
    private var state = State.awaitingResponse
    private var context: ChannelHandlerContext?
    private var requestStart = ContinuousClock.now
    private var timeoutTask: Scheduled<Void>?
    private var refusalBody: [UInt8] = []
    private var outputs: [SSEParser.Output] = []
    /// Why the transport failed while streaming, once it has.
    private var streamError: String?
    /// Why the client closed the stream, once it has.
    private var clientCloseReason: String?
    /// Whether the client cut the transport as a network failure would.
    private var droppedByClient = false
    /// What the stream carried so far; its times are filled in at the end.
    private var stats = StreamStats()
    private var openedAt = ContinuousClock.now
    private var firstEventAt: ContinuousClock.Instant?

    init(
        request: HTTPRequestHead,
        body: [UInt8]?,
        recorder: SSERequestRecorder,
        counter: SSEBodyCounter,
        parser: SSEParser,
        opening: Opening,
        emitter: EventEmitter,
        timeout: TimeAmount,
        onOpen: @escaping () -> Void,
        onEnd: @escaping (SSEExchangeResult) -> Void
    ) {
        self.request = request
        self.body = body
        self.recorder = recorder
        self.counter = counter
        self.parser = parser
        self.opening = opening
        self.emitter = emitter
        self.timeout = timeout
        self.onOpen = onOpen
        self.onEnd = onEnd
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        guard context.channel.isActive else {
            fail(HandshakeFailure(message: "the server closed the connection before the request", retryable: true))
            return
        }
        requestStart = .now
        context.write(wrapOutboundOut(.head(request)), promise: nil)
        if let body, !body.isEmpty {
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))),
                promise: nil
            )
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        timeoutTask = context.eventLoop.scheduleTask(in: timeout) {
            bound.value.timedOut()
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timeoutTask?.cancel()
        self.context = nil
    }

    /// Closes the exchange because the client asked (shutdown, close, or
    /// reconnect now).
    func closeByClient(reason: String) {
        switch state {
        case .awaitingResponse, .refused:
            end(.cancelled)
        case .streaming:
            if clientCloseReason == nil { clientCloseReason = reason }
            context?.close(promise: nil)
        case .ended:
            break
        }
    }

    /// Closes the transport without ending the stream, as a network
    /// failure would: reported as 1006, and the reconnection policy applies.
    func dropByClient() {
        guard case .streaming = state else {
            closeByClient(reason: "dropped by the client before the stream opened")
            return
        }
        droppedByClient = true
        context?.close(promise: nil)
    }

    /// Stops or resumes reading the socket (the server's writes back up
    /// while reading is paused).
    func setReading(paused: Bool) {
        guard let context, let options = context.channel.syncOptions else { return }
        try? options.setOption(ChannelOptions.autoRead, value: !paused)
        if !paused { context.read() }
    }

    // MARK: Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            receiveHead(head)
        case .body(let buffer):
            receiveBody(buffer)
        case .end:
            switch state {
            case .streaming:
                streamEnded(endReceived: true)
            case .refused(let response, let message):
                reportRefusal(response, message: message)
            case .awaitingResponse, .ended:
                break
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        emitter.flush()
        context.fireChannelReadComplete()
    }

    private func receiveHead(_ head: HTTPResponseHead) {
        guard case .awaitingResponse = state else { return }
        let response = ResponseHead(
            status: Int(head.status.code),
            reason: head.status.reasonPhrase,
            headers: HeaderFields(head.headers.map { (name: $0.name, value: $0.value) })
        )
        switch SSEResponseRules.verdict(for: response) {
        case .stream:
            timeoutTask?.cancel()
            state = .streaming
            var timings = opening.timings
            openedAt = .now
            timings.handshakeMilliseconds = Self.milliseconds(from: requestStart, to: openedAt)
            onOpen()
            emitter.emit(
                .open(
                    Handshake(
                        url: opening.url,
                        protocolKind: .sse,
                        request: recorder.recorded ?? RequestHead(method: "", target: "", headers: []),
                        response: response,
                        timings: timings,
                        tls: opening.tls
                    )
                )
            )
        case .noContent:
            end(.noContent(response))
        case .redirect(let location):
            end(.redirect(status: response.status, location: location, response: response))
        case .refused(let message):
            state = .refused(response, message: message)
        }
    }

    private func receiveBody(_ buffer: ByteBuffer) {
        switch state {
        case .streaming:
            // One clock read stamps every event this read completed.
            let readTime = Timestamp.now()
            buffer.withUnsafeReadableBytes { parser.feed($0, into: &outputs) }
            stats.decodedBytes += buffer.readableBytes
            if opening.reportChunks {
                let completed = outputs.reduce(0) { count, output in
                    if case .event = output { return count + 1 }
                    return count
                }
                emitter.emit(.chunk(length: buffer.readableBytes, events: completed), at: readTime)
            }
            for output in outputs {
                switch output {
                case .event(let event):
                    if firstEventAt == nil { firstEventAt = .now }
                    stats.events += 1
                    stats.payloadBytes += event.data.utf8.count
                    emitter.emit(.event(event), at: readTime)
                case .retry(let milliseconds):
                    emitter.emit(.retry(milliseconds: milliseconds), at: readTime)
                case .error(let message):
                    emitter.emit(.error(ErrorInfo(message: message)))
                case .comment:
                    break
                }
            }
            outputs.removeAll(keepingCapacity: true)
        case .refused(let response, let message):
            let take = min(buffer.readableBytes, Self.maxRefusalBody - refusalBody.count)
            refusalBody += buffer.getBytes(at: buffer.readerIndex, length: take) ?? []
            if refusalBody.count >= Self.maxRefusalBody {
                reportRefusal(response, message: message)
            }
        case .awaitingResponse, .ended:
            break
        }
    }

    // MARK: Endings

    func channelInactive(context: ChannelHandlerContext) {
        switch state {
        case .awaitingResponse:
            fail(
                HandshakeFailure(message: "the server closed the connection without answering", retryable: true)
            )
        case .refused(let response, let message):
            reportRefusal(response, message: message)
        case .streaming:
            streamEnded(endReceived: false)
        case .ended:
            break
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch state {
        case .awaitingResponse:
            let message =
                (error as? HTTPParserError).map { "the server's answer is not valid HTTP: \($0.explanation)" }
                ?? "the connection failed before the response: \(error)"
            fail(HandshakeFailure(message: message, retryable: true))
        case .refused(let response, let message):
            reportRefusal(response, message: message)
        case .streaming:
            if streamError == nil { streamError = Self.describeStreamError(error) }
            context.close(promise: nil)
        case .ended:
            break
        }
    }

    private func timedOut() {
        switch state {
        case .awaitingResponse:
            let seconds = Double(timeout.nanoseconds) / 1e9
            fail(
                HandshakeFailure(
                    message: "the server did not answer the request within \(seconds) s; check the URL and that the "
                        + "server is responsive",
                    retryable: true
                )
            )
        case .refused(let response, let message):
            reportRefusal(response, message: message)
        case .streaming, .ended:
            break
        }
    }

    /// The stream is over: the server ended it (`endReceived`), the
    /// connection dropped, or the client closed it. An unfinished event is
    /// discarded.
    private func streamEnded(endReceived: Bool) {
        let discarded = parser.finish()
        var close: CloseInfo
        if let clientCloseReason {
            close = CloseInfo(code: CloseCode.normal, reason: clientCloseReason, initiator: .client)
        } else if droppedByClient {
            close = CloseInfo(
                code: 1006,
                reason: "dropped by the client without the end of the stream, as asked",
                initiator: .client
            )
        } else if let streamError {
            close = CloseInfo(code: 1006, reason: "the connection was lost: \(streamError)", initiator: .server)
        } else if endReceived {
            close = CloseInfo(code: CloseCode.normal, reason: "the server ended the stream", initiator: .server)
        } else {
            close = CloseInfo(code: 1006, reason: "the connection was lost", initiator: .server)
        }
        if discarded {
            close.reason += " (an unfinished event was discarded)"
        }
        close.stats = finalStats()
        emitter.emit(.close(close))
        emitter.flush()
        end(.streamEnded(SSEStreamEnd(close: close, parser: parser)))
    }

    /// The counters with the stream's times, measured from the request.
    private func finalStats() -> StreamStats {
        var stats = stats
        stats.wireBytes = counter.bytes
        stats.timeToFirstByteMilliseconds = counter.firstByte.map { Self.milliseconds(from: requestStart, to: $0) }
        stats.timeToFirstEventMilliseconds = firstEventAt.map { Self.milliseconds(from: requestStart, to: $0) }
        stats.durationMilliseconds = Self.milliseconds(from: openedAt, to: .now)
        return stats
    }

    private static func milliseconds(from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Double {
        (end - start).milliseconds
    }

    private func reportRefusal(_ response: ResponseHead, message: String) {
        var response = response
        response.body = refusalBody
        fail(HandshakeFailure(message: message, response: response, retryable: false))
    }

    private func fail(_ failure: HandshakeFailure) {
        end(.failed(failure))
    }

    private func end(_ result: SSEExchangeResult) {
        if case .ended = state { return }
        state = .ended
        timeoutTask?.cancel()
        context?.close(promise: nil)
        onEnd(result)
    }

    private static func describeStreamError(_ error: any Error) -> String {
        if let decompression = error as? NIOHTTPDecompression.DecompressionError, decompression == .limit {
            return "the compressed stream inflated beyond its allowed ratio (a decompression bomb?)"
        }
        if error is NIOHTTPDecompression.DecompressionError || error is NIOHTTPDecompression.ExtraDecompressionError {
            return "the compressed stream is corrupt (\(error))"
        }
        if let parserError = error as? HTTPParserError {
            return parserError == .invalidEOFState
                ? "the connection closed in the middle of the response body"
                : "the response body is not valid HTTP (\(error))"
        }
        if let io = error as? IOError, io.errnoCode == ECONNRESET {
            return "the server reset the connection"
        }
        return "\(error)"
    }
}

@available(*, unavailable)
extension SSEStreamHandler: Sendable {}
