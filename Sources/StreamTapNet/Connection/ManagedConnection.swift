import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import StreamTapCore

/// A connection with its whole life, whatever its protocol: it runs a
/// ``ReconnectionMachine`` and carries out its actions with a transport
/// (WebSocket or event stream) that makes each attempt.
///
/// Everything that happens is reported to the sink as ``StreamEvent``s.
/// Commands may come from any thread; they, the machine and the transport
/// all run on one event loop, the connection's, in the order they came.
public final class ManagedConnection: StreamConnection, Sendable {
    public let id: Int
    /// The URL every attempt starts from.
    public let endpoint: Endpoint
    public let capabilities: ConnectionCapabilities
    private let loop: any EventLoop
    private let driver: NIOLoopBoundBox<Driver>
    private let shared: NIOLockedValueBox<ConnectionLife>

    init(
        id: Int,
        endpoint: Endpoint,
        capabilities: ConnectionCapabilities,
        settings: ConnectionSettings,
        loop: any EventLoop,
        emitter: EventEmitter,
        transport: sending any ConnectionTransport
    ) {
        self.id = id
        self.endpoint = endpoint
        self.capabilities = capabilities
        self.loop = loop
        shared = NIOLockedValueBox(ConnectionLife(settings: settings, finished: loop.makePromise()))
        // Made here, used only on the loop from now on.
        driver = NIOLoopBoundBox.makeBoxSendingValue(
            Driver(
                url: endpoint.description,
                machine: ReconnectionMachine(policy: settings.reconnect, resumption: transport.resumption),
                transport: transport,
                emitter: emitter,
                life: shared,
                loop: loop
            ),
            eventLoop: loop
        )
    }

    /// A connection let go of before its life ended (never started, say)
    /// ends it, so nobody waits on its outcome for ever.
    deinit {
        shared.withLockedValue { $0.finish() }?.succeed(.normal)
    }

    public var settings: ConnectionSettings { shared.withLockedValue { $0.settings } }

    /// Completes when the connection's current life is over (it ended and
    /// will not reconnect by itself). A reconnection asked for afterwards
    /// starts a new life, with a new outcome.
    public var outcome: EventLoopFuture<ConnectionOutcome> { shared.withLockedValue { $0.finished.futureResult } }

    public func whenFinished(_ body: @escaping @Sendable (ConnectionOutcome) -> Void) {
        outcome.whenSuccess(body)
    }

    public func start() {
        input { $0.start() }
    }

    public func shutdown() {
        input { $0.shutdown() }
    }

    public func perform(_ command: ConnectionCommand) {
        switch command {
        case .reconnect:
            input { $0.reconnectNow() }
        case .setReconnect(let policy):
            shared.withLockedValue { $0.settings.reconnect = policy }
            input { $0.setPolicy(policy) }
        case .close(let code, let reason):
            input { $0.shutdown(.close(code: code, reason: reason)) }
        case .webSocket(.setAutoPong(let on)):
            // Kept for the sessions to come; the live one is told below.
            shared.withLockedValue { $0.settings.autoPong = on }
            onLoop { $0.transport.perform(command) }
        case .sendText, .sendBinary, .sendLine, .setLens, .dropTransport, .pauseReading, .webSocket:
            onLoop { $0.transport.perform(command) }
        }
    }

    /// Feeds the machine one input, on the loop, and carries out its actions.
    private func input(_ body: @escaping @Sendable (inout ConnectionMachine) -> [ConnectionMachine.Action]) {
        onLoop { driver in driver.apply(body) }
    }

    private func onLoop(_ body: @escaping @Sendable (Driver) -> Void) {
        loop.execute { [driver] in body(driver.value) }
    }

    /// The loop-confined part: the machine, the transport, the timers.
    private final class Driver: AttemptObserver {
        typealias Machine = ConnectionMachine

        let url: String
        var machine: Machine
        let transport: any ConnectionTransport
        let emitter: EventEmitter
        private let life: NIOLockedValueBox<ConnectionLife>
        private let loop: any EventLoop
        private var timers: [Int: Scheduled<Void>] = [:]
        private var currentAttempt = 0

        init(
            url: String,
            machine: Machine,
            transport: any ConnectionTransport,
            emitter: EventEmitter,
            life: NIOLockedValueBox<ConnectionLife>,
            loop: any EventLoop
        ) {
            self.url = url
            self.machine = machine
            self.transport = transport
            self.emitter = emitter
            self.life = life
            self.loop = loop
        }

        func apply(_ body: (inout Machine) -> [Machine.Action]) {
            machine.resumption = transport.resumption
            let actions = body(&machine)
            for action in actions {
                execute(action)
            }
        }

        private func execute(_ action: Machine.Action) {
            switch action {
            case .launch(let attempt):
                life.withLockedValue { $0.revive(on: loop) }
                currentAttempt = attempt
                emitter.emit(.connecting(url: url, attempt: attempt))
                emitter.flush()
                transport.launch(attempt: attempt, observer: self, settings: life.withLockedValue { $0.settings })
            case .announce(let attempt, let delay, let reason):
                emitter.emit(.reconnect(attempt: attempt, delayMilliseconds: delay, reason: reason))
                emitter.flush()
            case .schedule(let milliseconds, let token):
                let bound = NIOLoopBound(self, eventLoop: loop)
                timers[token] = loop.scheduleTask(in: .milliseconds(Int64(milliseconds))) {
                    bound.value.timers[token] = nil
                    bound.value.apply { $0.timerFired(token: token) }
                }
            case .cancelTimer(let token):
                timers.removeValue(forKey: token)?.cancel()
            case .closeAttempt(let intent):
                transport.closeAttempt(intent)
            case .finish(let outcome):
                life.withLockedValue { $0.finish() }?.succeed(outcome)
            }
        }

        // MARK: AttemptObserver

        func attemptOpened(_ attempt: Int) {
            later(attempt) { driver in driver.apply { $0.opened(at: .now) } }
        }

        func attemptFailed(_ attempt: Int, _ end: AttemptEnd, reason: String) {
            later(attempt) { driver in driver.apply { $0.attemptFailed(end, reason: reason) } }
        }

        func attemptEnded(_ attempt: Int, _ end: AttemptEnd, reason: String, outcome: ConnectionOutcome) {
            later(attempt) { driver in
                driver.apply { $0.ended(end, reason: reason, outcome: outcome, at: .now) }
            }
        }

        /// Feeds a report of `attempt` to the machine after the current
        /// step (never inside one), unless a newer attempt has started.
        private func later(_ attempt: Int, _ body: @escaping (Driver) -> Void) {
            let bound = NIOLoopBound((driver: self, body: body), eventLoop: loop)
            loop.execute {
                let (driver, body) = bound.value
                guard driver.currentAttempt == attempt else { return }
                body(driver)
            }
        }
    }
}

/// The machine every connection runs, its jitter from the system's generator.
private typealias ConnectionMachine = ReconnectionMachine<SystemRandomNumberGenerator>

/// What other threads read of a connection: its switches and its current
/// life's end.
private struct ConnectionLife {
    var settings: ConnectionSettings
    var finished: EventLoopPromise<ConnectionOutcome>
    var isFinished = false

    /// The promise to fulfil if the life is not over yet.
    mutating func finish() -> EventLoopPromise<ConnectionOutcome>? {
        guard !isFinished else { return nil }
        isFinished = true
        return finished
    }

    /// Starts a new life if the last one is over (a reconnection asked for
    /// after the end).
    mutating func revive(on loop: any EventLoop) {
        guard isFinished else { return }
        isFinished = false
        finished = loop.makePromise()
    }
}
