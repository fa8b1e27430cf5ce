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
    /// The lens settings, changed by `setLens` for this and later sessions.
    private var lens: LensSettings

    /// One attempt and what waits for its session.
    private final class Attempt: TransportAttempt {
        var session: WebSocketFrameHandler?
        /// Commands that came before the session opened, in order.
        var pending: [ConnectionCommand] = []
    }

    init(endpoint: Endpoint, options: StreamOptions, emitter: EventEmitter, loop: any EventLoop) {
        self.endpoint = endpoint
        self.options = options
        self.emitter = emitter
        self.loop = loop
        lens = options.lens
    }

    var resumption: Resumption { .none }

    func launch(attempt number: Int, observer: any AttemptObserver, settings: ConnectionSettings) {
        let attempt = Attempt(number: number, observer: observer, emitter: emitter)
        current = attempt
        attempt.connect(to: endpoint, options: options.connection, loop: loop) { transport in
            try self.install(transport, for: attempt, settings: settings)
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
        attempt.giveUp()
    }

    func perform(_ command: ConnectionCommand) {
        if case .setLens(let name) = command {
            lens.requested = name
        }
        guard let attempt = current else { return }
        if let session = attempt.session {
            session.perform(command)
            return
        }
        switch command {
        case .dropTransport, .pauseReading, .setLens:
            // Only the session that is live now: never queued for the next.
            break
        default:
            attempt.pending.append(command)
        }
    }

    /// Whether the connection is read with the Socket.IO lens.
    private var speaksSocketIO: Bool {
        LensName.select(requested: lens.requested, subprotocol: nil, path: endpoint.target) == .socketIO
    }

    // MARK: Attempts

    /// The HTTP codec, the request recorder and the exchange, which sends
    /// the handshake request as it is added.
    private func install(_ transport: Transport, for attempt: Attempt, settings: ConnectionSettings) throws {
        let key = WebSocketKey.generate()
        var webSocket = options.webSocket
        if webSocket.subprotocols.isEmpty, let requested = lens.requested {
            webSocket.subprotocols = requested.offeredSubprotocols
        }
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
            case .failed(var failure):
                if let response = failure.response, self.speaksSocketIO,
                    let hint = SocketIOAddress.refusalHint(response)
                {
                    failure.message += hint
                }
                attempt.fail(failure)
            case .cancelled:
                attempt.reportFailure(.connectionFailed, reason: "the client gave up the attempt")
            case .redirect, .noContent, .answer:
                // An upgrade is answered by 101 or refused; nothing else.
                attempt.fail(HandshakeFailure(message: "the server did not upgrade", retryable: false))
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
        let session = try WebSocketFrameHandler(
            emitter: emitter,
            options: options.webSocket,
            agreement: agreement,
            autoPong: settings.autoPong,
            lens: (lens.withCredentials(of: endpoint), endpoint.target)
        ) { end in
            let reason = "closed with \(end.close.code) (\(CloseCode.meaning(of: end.close.code)))"
            attempt.session = nil
            attempt.reportEnd(.streamEnded, reason: reason, outcome: end.normal ? .normal : .failed)
        }
        attempt.session = session
        attempt.opened = true
        attempt.exchange = nil
        if let milliseconds = options.connection.readTimeoutMilliseconds, let channel = attempt.channel {
            try channel.pipeline.syncOperations.addHandler(
                ReadTimeoutHandler(milliseconds: milliseconds),
                position: .first
            )
        }
        attempt.observer.attemptOpened(attempt.number)
        let queued = options.webSocket.onConnectMessages.map(ConnectionCommand.sendText) + attempt.pending
        attempt.pending = []
        let bound = NIOLoopBound(session, eventLoop: loop)
        loop.execute {
            bound.value.startLens()
            for command in queued { bound.value.perform(command) }
        }
        return session
    }

}

@available(*, unavailable)
extension WebSocketTransport: Sendable {}
