import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import StreamTapCore

/// A WebSocket client connection with its whole life: connecting, the
/// handshake, the session, closing, and reconnecting by its policy.
///
/// Everything that happens is reported to the sink as ``StreamEvent``s;
/// commands (``perform(_:)``) may come from any thread and are carried out
/// in order on the connection's event loop.
public final class WebSocketConnection: StreamConnection, Sendable {
    public let id: Int
    public let endpoint: Endpoint
    public let options: WebSocketOptions
    private let emitter: EventEmitter
    private let group: any EventLoopGroup
    private let finished: EventLoopPromise<ConnectionOutcome>
    private let state: NIOLockedValueBox<State>
    /// A session that stays open this long resets the backoff; shorter ones
    /// count as failed attempts, so a server that accepts and drops at once
    /// is not hammered.
    private static let healthySession = Duration.seconds(5)

    private struct State {
        var started = false
        var attempt = 0
        /// Failed attempts and short-lived sessions since the last session
        /// that lasted (drives backoff and the attempt limit).
        var consecutiveFailures = 0
        var openedAt: ContinuousClock.Instant?
        var session: NIOLoopBound<WebSocketFrameHandler>?
        var channel: (any Channel)?
        var pending: [ConnectionCommand] = []
        var stopping = false
        var reconnectNow = false
        var scheduledAttempt: Scheduled<Void>?
        var done = false
        /// The switches in force (they start as the options say).
        var settings: ConnectionSettings
    }

    public init(
        id: Int = 0,
        endpoint: Endpoint,
        options: WebSocketOptions,
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
            State(settings: ConnectionSettings(autoPong: options.autoPong, reconnect: options.reconnect))
        )
    }

    public var settings: ConnectionSettings { state.withLockedValue { $0.settings } }

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

    public func perform(_ command: ConnectionCommand) {
        let target = state.withLockedValue { state -> (any Channel)? in
            switch command {
            case .reconnect:
                state.reconnectNow = true
            case .setAutoPong(let on):
                state.settings.autoPong = on
            case .setReconnect(let policy):
                state.settings.reconnect = policy
                return nil
            case .dropTransport, .pauseReading:
                // Only the session that is live now: never queued for the next.
                guard state.session != nil else { return nil }
            default:
                break
            }
            state.pending.append(command)
            return state.channel
        }
        if case .reconnect = command, target == nil {
            reconnectImmediately()
            return
        }
        target?.eventLoop.execute { self.drainPending() }
    }

    /// Closes the connection (code 1000) and stops reconnecting.
    public func shutdown() {
        let channel = state.withLockedValue { state -> (any Channel)? in
            state.stopping = true
            state.scheduledAttempt?.cancel()
            return state.session == nil ? nil : state.channel
        }
        if channel == nil {
            finish(.normal)
        } else {
            perform(.close(code: CloseCode.normal, reason: ""))
        }
    }

    // MARK: Attempts

    private func launchAttempt() {
        let attempt = state.withLockedValue { state -> Int? in
            guard !state.stopping, !state.done else { return nil }
            state.attempt += 1
            state.scheduledAttempt = nil
            return state.attempt
        }
        guard let attempt else { return }
        emitter.emit(.connecting(url: endpoint.description, attempt: attempt))
        emitter.flush()
        Task { await self.runAttempt() }
    }

    private func runAttempt() async {
        do throws(HandshakeFailure) {
            let transport = try await TransportConnector.connect(
                to: endpoint,
                options: options.connection,
                group: group
            )
            // Shut down while connecting: the outcome is already settled.
            guard !state.withLockedValue({ $0.stopping }) else {
                transport.channel.close(promise: nil)
                return
            }
            try await handshake(over: transport)
        } catch {
            emitter.emit(.error(error.errorInfo))
            emitter.flush()
            attemptEnded(failureReason: error.message, retryable: error.retryable)
        }
    }

    private func handshake(over transport: Transport) async throws(HandshakeFailure) {
        let channel = transport.channel
        let key = WebSocketKey.generate()
        let request = WebSocketRequest.make(endpoint: endpoint, options: options, key: key)
        let done = channel.eventLoop.makePromise(of: Void.self)
        let requestStart = ContinuousClock.now
        let installed = channel.eventLoop.submit {
            let encoder = HTTPRequestEncoder()
            let decoder = ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes))
            let handshake = WebSocketHandshakeHandler(
                request: request,
                key: key,
                offeredSubprotocols: self.options.subprotocols,
                deflateOffer: self.options.deflate,
                timeout: .milliseconds(Int64(self.options.connection.handshakeTimeoutMilliseconds)),
                httpHandlers: [encoder, decoder],
                failure: done
            ) { response, agreement in
                var timings = transport.timings
                timings.handshakeMilliseconds = (ContinuousClock.now - requestStart).milliseconds
                self.emitter.emit(
                    .open(
                        Handshake(
                            url: self.endpoint.description,
                            protocolKind: .websocket,
                            request: WebSocketRequest.record(request),
                            response: response,
                            subprotocol: agreement.subprotocol,
                            extensions: agreement.extensions,
                            timings: timings,
                            tls: transport.tls
                        )
                    )
                )
                let session = try WebSocketFrameHandler(
                    emitter: self.emitter,
                    options: self.options,
                    agreement: agreement,
                    autoPong: self.settings.autoPong
                ) { end in
                    self.sessionEnded(end)
                }
                self.state.withLockedValue { state in
                    state.session = NIOLoopBound(session, eventLoop: channel.eventLoop)
                    state.openedAt = .now
                    state.pending = self.options.onConnectMessages.map(ConnectionCommand.sendText) + state.pending
                    // Shut down during the handshake: close what just opened.
                    if state.stopping { state.pending = [.close(code: CloseCode.normal, reason: "")] }
                }
                return session
            }
            try channel.pipeline.syncOperations.addHandler(encoder)
            try channel.pipeline.syncOperations.addHandler(decoder)
            try channel.pipeline.syncOperations.addHandler(handshake)
            self.state.withLockedValue { $0.channel = channel }
        }
        do {
            try await installed.get()
        } catch {
            channel.close(promise: nil)
            throw HandshakeFailure(message: "could not start the HTTP exchange: \(error)", retryable: false)
        }
        do {
            try await done.futureResult.get()
        } catch let failure as HandshakeFailure {
            state.withLockedValue { $0.channel = nil }
            throw failure
        } catch {
            state.withLockedValue { $0.channel = nil }
            throw HandshakeFailure(message: "\(error)", retryable: true)
        }
        channel.eventLoop.execute { self.drainPending() }
    }

    /// Runs queued commands on the live session, in order (on its loop).
    private func drainPending() {
        let (session, commands) = state.withLockedValue {
            state -> (NIOLoopBound<WebSocketFrameHandler>?, [ConnectionCommand]) in
            guard let session = state.session else { return (nil, []) }
            defer { state.pending = [] }
            return (session, state.pending)
        }
        guard let session else { return }
        for command in commands {
            session.value.perform(command)
        }
    }

    // MARK: Endings and reconnection

    private func sessionEnded(_ end: SessionEnd) {
        let reason = "closed with \(end.close.code) (\(CloseCode.meaning(of: end.close.code)))"
        state.withLockedValue { state in
            state.session = nil
            state.channel = nil
            if end.requestedByUser { state.stopping = true }
            let lasted = state.openedAt.map { ContinuousClock.now - $0 >= Self.healthySession } ?? false
            state.consecutiveFailures = lasted ? 0 : state.consecutiveFailures + 1
            state.openedAt = nil
        }
        decideNext(reason: reason, retryable: true, outcomeIfDone: end.normal ? .normal : .failed)
    }

    private func attemptEnded(failureReason: String, retryable: Bool) {
        state.withLockedValue { state in
            state.consecutiveFailures += 1
            state.channel = nil
        }
        decideNext(reason: failureReason, retryable: retryable, outcomeIfDone: .failed)
    }

    private func decideNext(reason: String, retryable: Bool, outcomeIfDone: ConnectionOutcome) {
        enum Next {
            case finish
            case now
            case after(Int, attempt: Int)
        }
        var generator = SystemRandomNumberGenerator()
        let next = state.withLockedValue { state -> Next in
            if state.reconnectNow {
                state.reconnectNow = false
                state.pending.removeAll { $0 == .reconnect }
                return .now
            }
            guard !state.stopping, retryable,
                let delay = state.settings.reconnect.delayMilliseconds(
                    forAttempt: max(1, state.consecutiveFailures),
                    using: &generator
                )
            else { return .finish }
            return .after(delay, attempt: state.attempt + 1)
        }
        switch next {
        case .finish:
            finish(outcomeIfDone)
        case .now:
            launchAttempt()
        case .after(let delay, let attempt):
            emitter.emit(.reconnect(attempt: attempt, delayMilliseconds: delay, reason: reason))
            emitter.flush()
            let loop = group.next()
            // Scheduled under the lock, so a shutdown either sees it to
            // cancel or stops it from being scheduled at all.
            state.withLockedValue { state in
                guard !state.stopping else { return }
                state.scheduledAttempt = loop.scheduleTask(in: .milliseconds(Int64(delay))) { self.launchAttempt() }
            }
        }
    }

    private func reconnectImmediately() {
        let scheduled = state.withLockedValue { state -> Scheduled<Void>? in
            state.reconnectNow = false
            state.pending.removeAll { $0 == .reconnect }
            defer { state.scheduledAttempt = nil }
            return state.scheduledAttempt
        }
        guard let scheduled else { return }
        scheduled.cancel()
        launchAttempt()
    }

    private func finish(_ outcome: ConnectionOutcome) {
        let first = state.withLockedValue { state -> Bool in
            defer { state.done = true }
            return !state.done
        }
        if first { finished.succeed(outcome) }
    }
}
