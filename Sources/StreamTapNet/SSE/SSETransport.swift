import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import StreamTapCore

/// Makes the attempts of a Server-Sent Events connection, as the HTML
/// Standard's `EventSource` does, made visible: each attempt is one
/// request (and the redirects it follows), and an event stream if the
/// server opens one. The parser's last event ID and reconnection time
/// carry over from one attempt to the next.
///
/// Confined to the connection's event loop (see ``ConnectionTransport``).
final class SSETransport: ConnectionTransport {
    private let endpoint: Endpoint
    private let options: StreamOptions
    private let emitter: EventEmitter
    private let loop: any EventLoop
    private var parser: SSEParser
    private var current: Attempt?

    /// One attempt and the stream it reads, once it has one.
    private final class Attempt: TransportAttempt {
        var reader: SSEStreamReader?
    }

    init(endpoint: Endpoint, options: StreamOptions, emitter: EventEmitter, loop: any EventLoop) {
        self.endpoint = endpoint
        self.options = options
        self.emitter = emitter
        self.loop = loop
        parser = SSEParser(
            maximumEventSize: options.eventStream.maxEventSize,
            lastEventID: options.eventStream.lastEventID
        )
    }

    var resumption: Resumption {
        Resumption(reconnectionTime: reconnectionTime, lastEventID: parser.lastEventID)
    }

    /// The reconnection time in force and who set it.
    private var reconnectionTime: ReconnectionTime {
        let initial = options.eventStream.initialReconnectionTimeMilliseconds
        if options.eventStream.ignoresServerRetry {
            return ReconnectionTime(
                milliseconds: initial ?? ReconnectionTime.standardMilliseconds,
                source: .clientFixed
            )
        }
        if let fromServer = parser.reconnectionTime {
            return ReconnectionTime(milliseconds: fromServer, source: .server)
        }
        if let initial {
            return ReconnectionTime(milliseconds: initial, source: .client)
        }
        return ReconnectionTime(milliseconds: ReconnectionTime.standardMilliseconds, source: .standard)
    }

    func launch(attempt number: Int, observer: any AttemptObserver, settings: ConnectionSettings) {
        let attempt = Attempt(number: number, observer: observer, emitter: emitter)
        current = attempt
        exchange(options.eventStreamTarget(endpoint), redirects: 0, attempt: attempt)
    }

    func closeAttempt(_ intent: AttemptCloseIntent) {
        guard let attempt = current, !attempt.reported else { return }
        if let reader = attempt.reader, attempt.opened {
            switch intent {
            case .close: reader.closeByClient(reason: "closed by the client")
            case .reconnect: reader.closeByClient(reason: "reconnecting now, as asked")
            }
            return
        }
        attempt.giveUp()
    }

    /// Dropping, pausing and switching the lens act on the open stream; an
    /// event stream sends nothing, so the rest means nothing here.
    func perform(_ command: ConnectionCommand) {
        guard let attempt = current, attempt.opened, let reader = attempt.reader else { return }
        switch command {
        case .dropTransport:
            reader.dropByClient()
        case .pauseReading(let paused):
            reader.setReading(paused: paused)
        case .setLens(let name):
            var settings = options.lens
            settings.requested = name
            settings.assemblePath = nil
            reader.switchLens(to: settings.makeEventStreamLens())
        case .sendText, .sendBinary, .sendLine, .close, .reconnect, .setReconnect, .webSocket:
            break
        }
    }

    // MARK: Exchanges

    /// Connects and sends one request of `attempt`: the first, or one a
    /// redirect asked for.
    private func exchange(_ target: HTTPRequestTarget, redirects: Int, attempt: Attempt) {
        attempt.connect(to: target.endpoint, options: options.connection, loop: loop) { transport in
            try self.install(transport, target: target, redirects: redirects, attempt: attempt)
        }
    }

    /// The HTTP codec, the request recorder, the body counter, the response
    /// decompressor, the exchange (which sends the request as it is added)
    /// and the stream reader.
    private func install(
        _ transport: Transport,
        target: HTTPRequestTarget,
        redirects: Int,
        attempt: Attempt
    ) throws {
        let request = RequestHeadBuilder.head(
            for: target,
            protocolFields: RequestHeadBuilder.eventStreamFields,
            lastEventID: parser.lastEventID,
            userAgent: options.connection.userAgent
        )
        let recorder = RequestRecorder()
        let counter = SSEBodyCounter()
        let reader = SSEStreamReader(
            parser: parser,
            counter: counter,
            opening: SSEStreamReader.Opening(
                url: target.endpoint.description,
                timings: transport.timings,
                tls: transport.tls,
                requestStart: .now,
                reportChunks: options.eventStream.reportChunks,
                request: { recorder.recorded },
                lens: options.lens.makeEventStreamLens()
            ),
            emitter: emitter
        ) { end in
            self.parser = end.parser
            attempt.reportEnd(
                end.completed ? .completed : .streamEnded,
                reason: end.close.reason,
                outcome: end.close.code == CloseCode.normal ? .normal : .failed
            )
        }
        let exchange = HTTPExchangeHandler(
            request: request,
            expectation: .eventStream(acceptsAnswers: !target.isSafeToRepeat),
            opening: .eventStream { response in
                attempt.opened = true
                attempt.exchange = nil
                if let milliseconds = self.options.connection.readTimeoutMilliseconds {
                    try? transport.channel.pipeline.syncOperations.addHandler(
                        ReadTimeoutHandler(milliseconds: milliseconds),
                        position: .first
                    )
                }
                reader.open(response)
                attempt.observer.attemptOpened(attempt.number)
            },
            timeout: .milliseconds(Int64(options.connection.handshakeTimeoutMilliseconds)),
            answerLimit: options.eventStream.maxEventSize
        ) { result in
            self.exchangeEnded(result, target: target, redirects: redirects, attempt: attempt, recorder: recorder)
        }
        attempt.exchange = exchange
        attempt.reader = reader
        let pipeline = transport.channel.pipeline.syncOperations
        try pipeline.addHandler(HTTPRequestEncoder())
        try pipeline.addHandler(ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .dropBytes)))
        try pipeline.addHandler(recorder)
        try pipeline.addHandler(counter)
        try pipeline.addHandler(NIOHTTPResponseDecompressor(limit: .ratio(options.eventStream.maxDecompressionRatio)))
        try pipeline.addHandler(exchange)
        try pipeline.addHandler(reader)
    }

    /// An exchange ended without a stream.
    private func exchangeEnded(
        _ result: HTTPExchangeHandler.Result,
        target: HTTPRequestTarget,
        redirects: Int,
        attempt: Attempt,
        recorder: RequestRecorder
    ) {
        attempt.exchange = nil
        switch result {
        case .failed(let failure):
            attempt.fail(failure)
        case .cancelled:
            attempt.reportFailure(.connectionFailed, reason: "the client gave up the attempt")
        case .redirect(let status, let location, let response):
            follow(status: status, location: location, response: response, from: target, redirects: redirects, attempt)
        case .noContent:
            emitter.emit(
                .close(
                    CloseInfo(
                        code: CloseCode.normal,
                        reason: "the server answered 204 No Content: the stream is over, do not reconnect",
                        initiator: .server
                    )
                )
            )
            emitter.flush()
            attempt.reportFailure(.noContent, reason: "the server answered 204 No Content")
        case .answer(let response):
            answered(response, url: target.endpoint.description, request: recorder.recorded, attempt: attempt)
        }
    }

    /// The server answered the request (`202 Accepted`, or JSON to a
    /// `POST`): the exchange opened, carried its body as one message (if it
    /// had one), and is complete.
    private func answered(_ response: ResponseHead, url: String, request: RequestHead?, attempt: Attempt) {
        var head = response
        let body = head.body ?? []
        head.body = nil
        emitter.emit(
            .open(
                Handshake(
                    url: url,
                    protocolKind: .sse,
                    request: request ?? RequestHead(method: "", target: "", headers: []),
                    response: head
                )
            )
        )
        if !body.isEmpty {
            let opcode: Opcode = UTF8Validator.isValid(body) ? .text : .binary
            emitter.emit(.message(Message(direction: .incoming, opcode: opcode, payload: body)))
        }
        let reason = "the server answered \(response.status) \(response.reason): the exchange is complete"
        emitter.emit(.close(CloseInfo(code: CloseCode.normal, reason: reason, initiator: .server)))
        emitter.flush()
        attempt.opened = true
        attempt.observer.attemptOpened(attempt.number)
        attempt.reportEnd(.answered, reason: reason, outcome: .normal)
    }

    private func follow(
        status: Int,
        location: String,
        response: ResponseHead,
        from target: HTTPRequestTarget,
        redirects: Int,
        _ attempt: Attempt
    ) {
        let next: HTTPRequestTarget
        do throws(InputError) {
            let limit = options.eventStream.maxRedirects
            guard redirects < limit else {
                throw InputError(description: "the server redirected more than \(limit) times")
            }
            next = try HTTPRedirect.follow(status: status, location: location, from: target)
        } catch {
            attempt.fail(HandshakeFailure(message: error.description, response: response, retryable: false))
            return
        }
        emitter.emit(.connecting(url: next.endpoint.description, attempt: attempt.number))
        emitter.flush()
        exchange(next, redirects: redirects + 1, attempt: attempt)
    }

}

@available(*, unavailable)
extension SSETransport: Sendable {}
