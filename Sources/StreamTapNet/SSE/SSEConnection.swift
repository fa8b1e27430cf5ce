import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import StreamTapCore

/// A Server-Sent Events connection with its whole life, as the HTML
/// Standard's `EventSource` lives it, made visible: connecting, the
/// request and its response, the stream's events, and reconnecting with
/// `Last-Event-ID` after the reconnection time.
///
/// Everything that happens is reported to the sink as ``StreamEvent``s;
/// commands (``perform(_:)``) may come from any thread. The parser's last
/// event ID and reconnection time carry over from one connection to the
/// next.
public final class SSEConnection: StreamConnection, Sendable {
    public let id: Int
    /// The URL every attempt starts from (redirects are followed afresh
    /// on each attempt).
    public let endpoint: Endpoint
    public let options: SSEOptions
    private let emitter: EventEmitter
    private let group: any EventLoopGroup
    private let finished: EventLoopPromise<ConnectionOutcome>
    private let state: NIOLockedValueBox<State>

    private struct State {
        var started = false
        var attempt = 0
        /// Failed attempts since the last stream opened (drives backoff).
        var consecutiveFailures = 0
        var parser: SSEParser
        /// The exchange in flight, once its pipeline is installed.
        var exchange: NIOLoopBound<SSEStreamHandler>?
        var stopping = false
        var reconnectNow = false
        /// The scheduled next attempt; whoever clears the token launches it.
        var scheduledToken: Int?
        var scheduledTask: Scheduled<Void>?
        var nextToken = 0
        var done = false
        /// When to reconnect, from now on (starts as the options say).
        var reconnect: ReconnectPolicy
    }

    public init(
        id: Int = 0,
        endpoint: Endpoint,
        options: SSEOptions,
        sink: any StreamEventSink,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.id = id
        self.endpoint = endpoint
        self.options = options
        self.group = group
        emitter = EventEmitter(connectionID: id, sink: sink)
        finished = group.next().makePromise(of: ConnectionOutcome.self)
        state = NIOLockedValueBox(
            State(parser: SSEParser(maximumEventSize: options.maxEventSize), reconnect: options.reconnect)
        )
    }

    /// Auto-pong means nothing to SSE and is reported off.
    public var settings: ConnectionSettings {
        ConnectionSettings(autoPong: false, reconnect: state.withLockedValue { $0.reconnect })
    }

    /// Completes when the connection is over for good (no more reconnects).
    public var outcome: EventLoopFuture<ConnectionOutcome> { finished.futureResult }

    /// Starts the first connection attempt.
    public func start() {
        let first = state.withLockedValue { state -> Bool in
            defer { state.started = true }
            return !state.started
        }
        if first { launchAttempt() }
    }

    /// `.reconnect` drops the stream (if any) and connects again now;
    /// `.close` stops for good; `.setReconnect` replaces the policy for the
    /// next decision; `.dropTransport` cuts the stream as a network failure
    /// would, so the policy decides when to reconnect; `.pauseReading`
    /// stops or resumes reading the stream. Other commands mean nothing to
    /// SSE.
    public func perform(_ command: ConnectionCommand) {
        switch command {
        case .reconnect:
            reconnectNow()
        case .close:
            shutdown()
        case .setReconnect(let policy):
            state.withLockedValue { $0.reconnect = policy }
        case .dropTransport:
            onExchange { $0.dropByClient() }
        case .pauseReading(let paused):
            onExchange { $0.setReading(paused: paused) }
        case .sendText, .sendBinary, .ping, .pong, .sendFragmented, .sendRawFrame, .setAutoPong:
            break
        }
    }

    /// Closes the stream and stops reconnecting.
    public func shutdown() {
        let (exchange, scheduled) = state.withLockedValue { state in
            state.stopping = true
            state.scheduledToken = nil
            defer { state.scheduledTask = nil }
            return (state.exchange, state.scheduledTask)
        }
        scheduled?.cancel()
        if let exchange {
            exchange.eventLoop.execute { exchange.value.closeByClient(reason: "closed by the client") }
        } else {
            finish(.normal)
        }
    }

    /// Runs `body` on the exchange in flight, on its event loop.
    private func onExchange(_ body: @escaping @Sendable (SSEStreamHandler) -> Void) {
        guard let exchange = state.withLockedValue({ $0.exchange }) else { return }
        exchange.eventLoop.execute { body(exchange.value) }
    }

    // MARK: Attempts

    private func reconnectNow() {
        let (exchange, launch, scheduled) = state.withLockedValue {
            state -> (NIOLoopBound<SSEStreamHandler>?, Bool, Scheduled<Void>?) in
            guard !state.done, !state.stopping, state.started else { return (nil, false, nil) }
            state.reconnectNow = true
            if state.exchange != nil { return (state.exchange, false, nil) }
            guard state.scheduledToken != nil else { return (nil, false, nil) }
            state.scheduledToken = nil
            state.reconnectNow = false
            defer { state.scheduledTask = nil }
            return (nil, true, state.scheduledTask)
        }
        scheduled?.cancel()
        if let exchange {
            exchange.eventLoop.execute { exchange.value.closeByClient(reason: "reconnecting now, as asked") }
        } else if launch {
            announceImmediateReconnect()
            launchAttempt()
        }
    }

    private func launchAttempt() {
        let attempt = state.withLockedValue { state -> Int? in
            guard !state.done, !state.stopping else { return nil }
            state.attempt += 1
            return state.attempt
        }
        guard let attempt else { return }
        emitter.emit(.connecting(url: endpoint.description, attempt: attempt))
        emitter.flush()
        let target = SSERequestTarget(endpoint: endpoint, options: options)
        Task { await self.runExchange(target, redirects: 0) }
    }

    /// Connects and sends one request; its end comes back through
    /// ``exchangeEnded(_:target:redirects:)``.
    private func runExchange(_ target: SSERequestTarget, redirects: Int) async {
        let transport: Transport
        do {
            transport = try await TransportConnector.connect(
                to: target.endpoint,
                options: options.connection,
                group: group
            )
        } catch {
            exchangeEnded(.failed(error), target: target, redirects: redirects)
            return
        }
        let channel = transport.channel
        do {
            try await channel.eventLoop.submit {
                try self.install(target, transport: transport, redirects: redirects)
            }.get()
        } catch {
            channel.close(promise: nil)
            let failure = HandshakeFailure(message: "could not start the HTTP exchange: \(error)", retryable: false)
            exchangeEnded(.failed(failure), target: target, redirects: redirects)
        }
    }

    /// Builds the pipeline on the channel's loop: the HTTP codec, the
    /// request recorder, the body counter, the response decompressor, and the stream handler,
    /// which sends the request as it is added.
    private func install(_ target: SSERequestTarget, transport: Transport, redirects: Int) throws {
        let channel = transport.channel
        let parser = state.withLockedValue { $0.parser }
        let recorder = SSERequestRecorder()
        let counter = SSEBodyCounter()
        let handler = SSEStreamHandler(
            request: SSERequest.make(
                target: target,
                userAgent: options.connection.userAgent,
                lastEventID: parser.lastEventID
            ),
            body: target.body,
            recorder: recorder,
            counter: counter,
            parser: parser,
            opening: SSEStreamHandler.Opening(
                url: target.endpoint.description,
                timings: transport.timings,
                tls: transport.tls,
                reportChunks: options.reportChunks
            ),
            emitter: emitter,
            timeout: .milliseconds(Int64(options.connection.handshakeTimeoutMilliseconds)),
            onOpen: { self.streamOpened() },
            onEnd: { self.exchangeEnded($0, target: target, redirects: redirects) }
        )
        let proceed = state.withLockedValue { state -> Bool in
            guard !state.stopping, !state.done else { return false }
            state.exchange = NIOLoopBound(handler, eventLoop: channel.eventLoop)
            return true
        }
        guard proceed else {
            channel.close(promise: nil)
            return
        }
        let pipeline = channel.pipeline.syncOperations
        try pipeline.addHandler(HTTPRequestEncoder())
        try pipeline.addHandler(ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .dropBytes)))
        try pipeline.addHandler(recorder)
        try pipeline.addHandler(counter)
        try pipeline.addHandler(NIOHTTPResponseDecompressor(limit: .ratio(options.maxDecompressionRatio)))
        try pipeline.addHandler(handler)
    }

    private func streamOpened() {
        state.withLockedValue { state in
            state.consecutiveFailures = 0
            state.reconnectNow = false
        }
    }

    // MARK: Endings and reconnection

    private func exchangeEnded(_ result: SSEExchangeResult, target: SSERequestTarget, redirects: Int) {
        let stopping = state.withLockedValue { state -> Bool in
            state.exchange = nil
            return state.stopping || state.done
        }
        switch result {
        case .failed(let failure):
            if stopping {
                finish(.normal)
                return
            }
            emitter.emit(.error(failure.errorInfo))
            emitter.flush()
            let end: SSEAttemptEnd =
                failure.response != nil ? .refused : (failure.retryable ? .connectionFailed : .unrecoverable)
            decideNext(after: end, reason: failure.message, outcomeIfDone: .failed)
        case .redirect(let status, let location, let response):
            if stopping {
                finish(.normal)
                return
            }
            follow(status: status, location: location, response: response, from: target, redirects: redirects)
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
            decideNext(after: .noContent, reason: "the server answered 204 No Content", outcomeIfDone: .normal)
        case .streamEnded(let end):
            state.withLockedValue { $0.parser = end.parser }
            decideNext(
                after: .streamEnded,
                reason: end.close.reason,
                outcomeIfDone: end.close.code == CloseCode.normal ? .normal : .failed
            )
        case .cancelled:
            decideNext(after: .streamEnded, reason: "the client closed the request", outcomeIfDone: .normal)
        }
    }

    private func follow(
        status: Int,
        location: String,
        response: ResponseHead,
        from target: SSERequestTarget,
        redirects: Int
    ) {
        let next: SSERequestTarget
        do throws(InputError) {
            guard redirects < options.maxRedirects else {
                throw InputError(description: "the server redirected more than \(options.maxRedirects) times")
            }
            next = try SSERedirect.follow(status: status, location: location, from: target)
        } catch {
            emitter.emit(.error(ErrorInfo(message: error.description, response: response)))
            emitter.flush()
            decideNext(after: .refused, reason: error.description, outcomeIfDone: .failed)
            return
        }
        let attempt = state.withLockedValue { $0.attempt }
        emitter.emit(.connecting(url: next.endpoint.description, attempt: attempt))
        emitter.flush()
        Task { await self.runExchange(next, redirects: redirects + 1) }
    }

    private func decideNext(after end: SSEAttemptEnd, reason: String, outcomeIfDone: ConnectionOutcome) {
        enum Next {
            case nothing
            case finish(ConnectionOutcome)
            case now
            case after(Int, attempt: Int, token: Int, detail: String)
        }
        var generator = SystemRandomNumberGenerator()
        let next = state.withLockedValue { state -> Next in
            guard !state.done else { return .nothing }
            if end != .streamEnded { state.consecutiveFailures += 1 }
            if state.stopping { return .finish(.normal) }
            if state.reconnectNow {
                state.reconnectNow = false
                return .now
            }
            let time = reconnectionTime(state.parser)
            guard
                let delay = SSEReconnectionRule.delayMilliseconds(
                    after: end,
                    policy: state.reconnect,
                    reconnectionTime: time.milliseconds,
                    consecutiveFailures: state.consecutiveFailures,
                    using: &generator
                )
            else { return .finish(outcomeIfDone) }
            var detail =
                end == .streamEnded
                ? "reconnection time \(time.milliseconds) ms (\(time.source))"
                : "\(state.consecutiveFailures) failed attempt\(state.consecutiveFailures == 1 ? "" : "s") in a row"
            if !state.parser.lastEventID.isEmpty {
                detail += "; will send Last-Event-ID: \(state.parser.lastEventID)"
            }
            state.nextToken += 1
            state.scheduledToken = state.nextToken
            return .after(delay, attempt: state.attempt + 1, token: state.nextToken, detail: detail)
        }
        switch next {
        case .nothing:
            return
        case .finish(let outcome):
            finish(outcome)
        case .now:
            announceImmediateReconnect()
            launchAttempt()
        case .after(let delay, let attempt, let token, let detail):
            emitter.emit(.reconnect(attempt: attempt, delayMilliseconds: delay, reason: "\(reason); \(detail)"))
            emitter.flush()
            let task = group.next().scheduleTask(in: .milliseconds(Int64(delay))) { self.launchScheduled(token) }
            state.withLockedValue { state in
                if state.scheduledToken == token { state.scheduledTask = task }
            }
        }
    }

    private func launchScheduled(_ token: Int) {
        let launch = state.withLockedValue { state -> Bool in
            guard state.scheduledToken == token else { return false }
            state.scheduledToken = nil
            state.scheduledTask = nil
            return true
        }
        if launch { launchAttempt() }
    }

    /// Reports a reconnection the user asked for, which does not wait.
    private func announceImmediateReconnect() {
        let (attempt, lastEventID) = state.withLockedValue { ($0.attempt + 1, $0.parser.lastEventID) }
        let id = lastEventID.isEmpty ? "" : "; will send Last-Event-ID: \(lastEventID)"
        emitter.emit(.reconnect(attempt: attempt, delayMilliseconds: 0, reason: "reconnecting now, as asked\(id)"))
    }

    /// The reconnection time in force and where it comes from.
    private func reconnectionTime(_ parser: SSEParser) -> (milliseconds: Int, source: String) {
        if let override = options.reconnectionTimeOverrideMilliseconds {
            return (override, "set by the client")
        }
        if let fromServer = parser.reconnectionTime {
            return (fromServer, "set by the server's retry field")
        }
        return (SSEOptions.defaultReconnectionTimeMilliseconds, "the default")
    }

    private func finish(_ outcome: ConnectionOutcome) {
        let first = state.withLockedValue { state -> Bool in
            defer { state.done = true }
            return !state.done
        }
        if first { finished.succeed(outcome) }
    }
}
