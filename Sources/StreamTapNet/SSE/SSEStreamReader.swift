import NIOCore
import NIOHTTP1
import StreamTapCore

/// Reads an open event stream: turns the body into events with
/// ``SSEParser``, counts what it carried, and reports how it ended (the
/// server ended it, the connection was lost, the client closed or dropped
/// it) exactly once through `onEnd`.
///
/// It sits after the ``HTTPExchangeHandler``, which passes the body on
/// once the response opened a stream; until ``open(_:)`` it ignores
/// everything.
final class SSEStreamReader: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    /// What the `open` event says besides the response.
    struct Opening {
        var url: String
        var timings: ConnectionTimings
        var tls: TLSDetails?
        /// When the request went out (for the times in the close's stats).
        var requestStart: ContinuousClock.Instant
        /// Whether each read of the body is reported as a `chunk`.
        var reportChunks: Bool
        /// The request as it left (body included).
        var request: () -> RequestHead?
        /// The lens that reads the events, if any.
        var lens: (any EventStreamLens)?
    }

    private enum State {
        case waiting
        case streaming
        case ended
    }

    private var parser: SSEParser
    /// Set when the response is JSON lines, which it reads instead.
    private var lines: JSONLinesParser?
    private var lens: (any EventStreamLens)?
    /// Socket reads of the body so far (the lens tells bursts by them).
    private var reads = 0
    /// How the lens ended the stream, once it has.
    private var completion: EventStreamEnd?
    private let counter: SSEBodyCounter
    private let opening: Opening
    private let emitter: EventEmitter
    private let onEnd: (SSEStreamEnd) -> Void
    private var state = State.waiting
    private var context: ChannelHandlerContext?
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
        parser: SSEParser,
        counter: SSEBodyCounter,
        opening: Opening,
        emitter: EventEmitter,
        onEnd: @escaping (SSEStreamEnd) -> Void
    ) {
        self.parser = parser
        self.counter = counter
        self.opening = opening
        self.emitter = emitter
        self.onEnd = onEnd
        lens = opening.lens
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// The response opened the stream: report `open` and read from now on.
    func open(_ response: ResponseHead) {
        guard case .waiting = state else { return }
        state = .streaming
        openedAt = .now
        if response.headers.first("Content-Type").map(HTTPResponseRules.isJSONLines) ?? false {
            lines = JSONLinesParser(maximumLineSize: parser.maximumEventSize)
        }
        var timings = opening.timings
        timings.handshakeMilliseconds = (openedAt - opening.requestStart).milliseconds
        emitter.emit(
            .open(
                Handshake(
                    url: opening.url,
                    protocolKind: .sse,
                    request: opening.request() ?? RequestHead(method: "", target: "", headers: []),
                    response: response,
                    timings: timings,
                    tls: opening.tls
                )
            )
        )
    }

    /// Closes the stream because the client asked (shutdown, close, or
    /// reconnect now), for this reason.
    func closeByClient(reason: String) {
        guard case .streaming = state else { return }
        if clientCloseReason == nil { clientCloseReason = reason }
        context?.close(promise: nil)
    }

    /// Closes the transport without ending the stream, as a network
    /// failure would: reported as 1006, and the reconnection policy applies.
    func dropByClient() {
        guard case .streaming = state else { return }
        droppedByClient = true
        context?.close(promise: nil)
    }

    /// Reads the events from now on with a fresh lens (`nil`: none).
    func switchLens(to lens: (any EventStreamLens)?) {
        self.lens = lens
    }

    /// Stops or resumes reading the socket.
    func setReading(paused: Bool) {
        context?.setReading(paused: paused)
    }

    // MARK: Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .streaming = state else { return }
        switch unwrapInboundIn(data) {
        case .head:
            break
        case .body(let buffer):
            receive(buffer)
        case .end:
            streamEnded(endReceived: true)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        emitter.flush()
        context.fireChannelReadComplete()
    }

    private func receive(_ buffer: ByteBuffer) {
        // One clock read stamps every event this read completed.
        let readTime = Timestamp.now()
        reads += 1
        buffer.withUnsafeReadableBytes { bytes in
            if lines != nil {
                lines?.feed(bytes, into: &outputs)
            } else {
                parser.feed(bytes, into: &outputs)
            }
        }
        stats.decodedBytes += buffer.readableBytes
        if opening.reportChunks {
            let completed = outputs.reduce(0) { count, output in
                if case .event = output { return count + 1 }
                return count
            }
            emitter.emit(.chunk(length: buffer.readableBytes, events: completed), at: readTime)
        }
        emit(outputs, at: readTime)
        outputs.removeAll(keepingCapacity: true)
        if let completion { complete(completion) }
    }

    /// Reports what the parser read, through the lens if there is one; stops
    /// after the event that completes the stream.
    private func emit(_ outputs: [SSEParser.Output], at readTime: Timestamp) {
        let lensTime = lens == nil ? 0 : (ContinuousClock.now - opening.requestStart).milliseconds
        for output in outputs {
            guard completion == nil else { return }
            switch output {
            case .event(var event):
                if firstEventAt == nil { firstEventAt = .now }
                stats.events += 1
                stats.payloadBytes += event.data.utf8.count
                if let reading = lens?.received(event, at: lensTime, read: reads) {
                    event.lens = reading.decoding
                    completion = reading.end
                    if lens?.gaveUp == true { lens = nil }
                }
                emitter.emit(.event(event), at: readTime)
            case .retry(let milliseconds):
                emitter.emit(.retry(milliseconds: milliseconds), at: readTime)
            case .error(let message):
                emitter.emit(.error(ErrorInfo(message: message)))
            case .comment(let text):
                emitter.emit(.comment(text), at: readTime)
            }
        }
    }

    /// The lens ended the stream: an error it reported is reported, and the
    /// stream closes without waiting for the server.
    private func complete(_ end: EventStreamEnd) {
        guard case .streaming = state else { return }
        if case .failed(let message) = end {
            emitter.emit(.error(ErrorInfo(message: "the server reported an error in the stream: " + message)))
        }
        context?.close(promise: nil)
    }

    // MARK: Endings

    func channelInactive(context: ChannelHandlerContext) {
        if case .streaming = state { streamEnded(endReceived: false) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard case .streaming = state else { return }
        if streamError == nil { streamError = TransportErrorDescription.describe(error) }
        context.close(promise: nil)
    }

    /// The stream is over: the server ended it (`endReceived`), the
    /// connection dropped, or the client closed it. An unfinished event is
    /// discarded.
    private func streamEnded(endReceived: Bool) {
        state = .ended
        let discarded = finishParsing()
        var close: CloseInfo
        if let completion {
            close = Self.close(completing: completion)
        } else if let clientCloseReason {
            close = CloseInfo(code: CloseCode.normal, reason: clientCloseReason, initiator: .client)
        } else if droppedByClient {
            close = CloseInfo(
                code: CloseCode.abnormalClosure,
                reason: "dropped by the client without the end of the stream, as asked",
                initiator: .client
            )
        } else if let streamError {
            close = CloseInfo(
                code: CloseCode.abnormalClosure,
                reason: "the connection was lost: \(streamError)",
                initiator: .server
            )
        } else if endReceived {
            close = CloseInfo(code: CloseCode.normal, reason: "the server ended the stream", initiator: .server)
        } else {
            close = CloseInfo(code: CloseCode.abnormalClosure, reason: "the connection was lost", initiator: .server)
        }
        if discarded {
            close.reason += " (an unfinished event was discarded)"
        }
        close.stats = finalStats()
        close.lens = lens?.summary(at: (ContinuousClock.now - opening.requestStart).milliseconds)
        emitter.emit(.close(close))
        emitter.flush()
        context?.close(promise: nil)
        onEnd(SSEStreamEnd(close: close, parser: parser, completed: completion != nil))
    }

    /// Ends the parser: whether an unfinished SSE event was discarded (the
    /// last JSON line without its line ending is read as a line).
    private func finishParsing() -> Bool {
        guard lines != nil else { return parser.finish() }
        lines?.finish(into: &outputs)
        emit(outputs, at: Timestamp.now())
        outputs.removeAll()
        return false
    }

    /// The close of a stream its lens completed: by the server's word, 1000
    /// when complete, 1011 when it reported an error.
    private static func close(completing end: EventStreamEnd) -> CloseInfo {
        switch end {
        case .complete(let reason):
            CloseInfo(code: CloseCode.normal, reason: reason, initiator: .server)
        case .failed(let message):
            CloseInfo(
                code: CloseCode.internalError,
                reason: "the server reported an error in the stream: " + message,
                initiator: .server
            )
        }
    }

    /// The counters with the stream's times, measured from the request.
    private func finalStats() -> StreamStats {
        var stats = stats
        let start = opening.requestStart
        stats.wireBytes = counter.bytes
        stats.timeToFirstByteMilliseconds = counter.firstByte.map { ($0 - start).milliseconds }
        stats.timeToFirstEventMilliseconds = firstEventAt.map { ($0 - start).milliseconds }
        stats.durationMilliseconds = (ContinuousClock.now - openedAt).milliseconds
        return stats
    }
}

@available(*, unavailable)
extension SSEStreamReader: Sendable {}
