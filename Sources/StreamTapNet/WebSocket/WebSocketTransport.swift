import NIOCore
import NIOHTTP1
import StreamTapCore

/// Makes the attempts of a WebSocket connection: the connection, the opening
/// handshake, and the session that follows, with the commands meant for it.
///
/// Confined to the connection's event loop (see ``ConnectionTransport``).
final class WebSocketTransport: ConnectionTransport {
    private let endpoint: Endpoint
    private let options: StreamOptions
    private let emitter: EventEmitter
    private let loop: any EventLoop
    private var current: Attempt?

    /// One attempt: where it stands and what waits for its session.
    private final class Attempt {
        let number: Int
        let observer: any AttemptObserver
        var channel: (any Channel)?
        var exchange: HTTPExchangeHandler?
        var session: WebSocketFrameHandler?
        /// Commands that came before the session opened, in order.
        var pending: [ConnectionCommand] = []
        /// Its failure has been reported (it was given up, or failed).
        var reported = false

        init(number: Int, observer: any AttemptObserver) {
            self.number = number
            self.observer = observer
        }
    }

    init(endpoint: Endpoint, options: StreamOptions, emitter: EventEmitter, loop: any EventLoop) {
        self.endpoint = endpoint
        self.options = options
        self.emitter = emitter
        self.loop = loop
    }

    var resumption: Resumption { .none }

    func launch(attempt number: Int, observer: any AttemptObserver, settings: ConnectionSettings) {
        let attempt = Attempt(number: number, observer: observer)
        current = attempt
        let bound = NIOLoopBound(self, eventLoop: loop)
        let (endpoint, connection, loop) = (endpoint, options.connection, loop)
        Task {
            do throws(HandshakeFailure) {
                let transport = try await TransportConnector.connect(to: endpoint, options: connection, group: loop)
                loop.execute { bound.value.connected(transport, attempt: number, settings: settings) }
            } catch {
                loop.execute { bound.value.fail(number, error) }
            }
        }
    }

    func closeAttempt(_ intent: AttemptCloseIntent) {
        guard let attempt = current else { return }
        if let session = attempt.session {
            switch intent {
            case .close(let code, let reason): session.perform(.close(code: code, reason: reason))
            case .reconnect: session.closeTransport()
            }
            return
        }
        // Still connecting: give it up now rather than wait for it.
        attempt.exchange?.cancel()
        attempt.channel?.close(promise: nil)
        report(attempt, .connectionFailed, reason: "the client gave up the attempt")
    }

    func perform(_ command: ConnectionCommand, settings: ConnectionSettings) {
        guard let attempt = current else { return }
        if let session = attempt.session {
            session.perform(command)
            return
        }
        switch command {
        case .dropTransport, .pauseReading:
            // Only the session that is live now: never queued for the next.
            break
        default:
            attempt.pending.append(command)
        }
    }

    // MARK: Attempts

    private func connected(_ transport: Transport, attempt number: Int, settings: ConnectionSettings) {
        guard let attempt = current, attempt.number == number, !attempt.reported else {
            transport.channel.close(promise: nil)
            return
        }
        attempt.channel = transport.channel
        do {
            try install(transport, for: attempt, settings: settings)
        } catch {
            transport.channel.close(promise: nil)
            fail(number, HandshakeFailure(message: "could not start the HTTP exchange: \(error)", retryable: false))
        }
    }

    /// The HTTP codec, the request recorder and the exchange, which sends
    /// the handshake request as it is added.
    private func install(_ transport: Transport, for attempt: Attempt, settings: ConnectionSettings) throws {
        let key = WebSocketKey.generate()
        let webSocket = options.webSocket
        let request = RequestHeadBuilder.head(
            for: HTTPRequestTarget(endpoint: endpoint, headers: options.connection.headers),
            protocolFields: RequestHeadBuilder.webSocketFields(
                key: key,
                subprotocols: webSocket.subprotocols,
                deflateOffer: webSocket.deflate,
                origin: webSocket.origin
            ),
            userAgent: options.connection.userAgent
        )
        let encoder = HTTPRequestEncoder()
        let decoder = ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes))
        let recorder = RequestRecorder()
        let requestStart = ContinuousClock.now
        let number = attempt.number
        let exchange = HTTPExchangeHandler(
            request: request,
            expectation: .webSocketUpgrade(
                key: key,
                offeredSubprotocols: webSocket.subprotocols,
                deflateOffer: webSocket.deflate
            ),
            opening: .upgrade(httpHandlers: [encoder, decoder, recorder]) { response, agreement in
                var timings = transport.timings
                timings.handshakeMilliseconds = (ContinuousClock.now - requestStart).milliseconds
                return try self.open(
                    Handshake(
                        url: self.endpoint.description,
                        protocolKind: .websocket,
                        request: recorder.recorded ?? request,
                        response: response,
                        subprotocol: agreement.subprotocol,
                        extensions: agreement.extensions,
                        timings: timings,
                        tls: transport.tls
                    ),
                    agreement: agreement,
                    attempt: attempt,
                    settings: settings
                )
            },
            timeout: .milliseconds(Int64(options.connection.handshakeTimeoutMilliseconds)),
            answerLimit: 0
        ) { result in
            switch result {
            case .failed(let failure):
                self.fail(number, failure)
            case .cancelled:
                self.report(attempt, .connectionFailed, reason: "the client gave up the attempt")
            case .redirect, .noContent, .answer:
                // An upgrade is answered by 101 or refused; nothing else.
                self.fail(number, HandshakeFailure(message: "the server did not upgrade", retryable: false))
            }
        }
        attempt.exchange = exchange
        let pipeline = transport.channel.pipeline.syncOperations
        try pipeline.addHandler(encoder)
        try pipeline.addHandler(decoder)
        try pipeline.addHandler(recorder)
        try pipeline.addHandler(exchange)
    }

    /// The server agreed: reports `open` and returns the session handler,
    /// which sends the on-connect messages and whatever was asked meanwhile.
    private func open(
        _ handshake: Handshake,
        agreement: WebSocketHandshakeAgreement,
        attempt: Attempt,
        settings: ConnectionSettings
    ) throws -> any ChannelHandler {
        emitter.emit(.open(handshake))
        let number = attempt.number
        let session = try WebSocketFrameHandler(
            emitter: emitter,
            options: options.webSocket,
            agreement: agreement,
            autoPong: settings.autoPong
        ) { end in
            let reason = "closed with \(end.close.code) (\(CloseCode.meaning(of: end.close.code)))"
            attempt.session = nil
            attempt.observer.attemptEnded(number, .streamEnded, reason: reason, outcome: end.normal ? .normal : .failed)
        }
        attempt.session = session
        attempt.exchange = nil
        if let milliseconds = options.connection.readTimeoutMilliseconds, let channel = attempt.channel {
            try channel.pipeline.syncOperations.addHandler(
                ReadTimeoutHandler(milliseconds: milliseconds),
                position: .first
            )
        }
        attempt.observer.attemptOpened(number)
        let queued = options.webSocket.onConnectMessages.map(ConnectionCommand.sendText) + attempt.pending
        attempt.pending = []
        let bound = NIOLoopBound(session, eventLoop: loop)
        loop.execute {
            for command in queued { bound.value.perform(command) }
        }
        return session
    }

    /// Reports a failed attempt (with its error event) unless it is over.
    private func fail(_ number: Int, _ failure: HandshakeFailure) {
        guard let attempt = current, attempt.number == number, !attempt.reported else { return }
        emitter.emit(.error(failure.errorInfo))
        emitter.flush()
        report(attempt, failure.attemptEnd, reason: failure.message)
    }

    private func report(_ attempt: Attempt, _ end: AttemptEnd, reason: String) {
        guard !attempt.reported, attempt.session == nil else { return }
        attempt.reported = true
        attempt.exchange = nil
        attempt.observer.attemptFailed(attempt.number, end, reason: reason)
    }
}

@available(*, unavailable)
extension WebSocketTransport: Sendable {}
