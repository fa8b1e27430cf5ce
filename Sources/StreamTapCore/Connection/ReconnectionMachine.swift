/// How the attempt in flight is to end.
public enum AttemptCloseIntent: Sendable, Equatable {
    /// The orderly end: a WebSocket close handshake with this code (`nil`:
    /// a close frame without a code), the end of an event stream.
    case close(code: Int?, reason: String)
    /// At once, to connect again straight away.
    case reconnect
}

/// The life of one connection across its attempts, as a pure state machine:
/// when to launch an attempt, when to wait and how long, when it is over.
///
/// A driver feeds it what happened (``start()``, ``attemptFailed(_:reason:)``,
/// ``opened(at:)``, ``ended(_:reason:outcome:at:)``, ``reconnectNow()``,
/// ``setPolicy(_:)``, ``shutdown(_:)``, ``timerFired(token:)``) and carries
/// out the ``Action``s each input returns, in order. Timers are named by a
/// token, so a timer that fires after it was cancelled (or after a
/// shutdown) is recognised and ignored.
///
/// One machine serves every transport: the reconnection policy and the
/// ``Resumption`` (an event stream's reconnection time and last event ID)
/// decide the waits through ``ReconnectionRule``.
public struct ReconnectionMachine<Random: RandomNumberGenerator>: Sendable where Random: Sendable {
    /// What the driver must do.
    public enum Action: Sendable, Equatable {
        /// Report `connecting` and start attempt `attempt` (1 for the first).
        case launch(attempt: Int)
        /// Report that attempt `attempt` will start in `delayMilliseconds`,
        /// and why (the JSONL `reconnect` event).
        case announce(attempt: Int, delayMilliseconds: Int, reason: String)
        /// Call ``timerFired(token:)`` with `token` after `milliseconds`.
        case schedule(milliseconds: Int, token: Int)
        /// The timer named `token` is no longer wanted.
        case cancelTimer(token: Int)
        /// End the attempt in flight (connecting or open), as `intent` says;
        /// its end is reported back as usual.
        case closeAttempt(AttemptCloseIntent)
        /// The connection is over: nothing more happens unless the user asks
        /// to reconnect.
        case finish(ConnectionOutcome)
    }

    /// Where the connection's life stands.
    public enum Phase: Sendable, Equatable {
        /// Not started.
        case idle
        /// Attempt `attempt` is connecting (TCP, TLS, the HTTP request).
        case connecting(attempt: Int)
        /// Attempt `attempt` opened a stream at `since`.
        case open(attempt: Int, since: ContinuousClock.Instant)
        /// Attempt `attempt` starts when timer `token` fires; `outcome` is
        /// the connection's if it stops instead.
        case waiting(attempt: Int, token: Int, outcome: ConnectionOutcome)
        /// Over, with this outcome.
        case ended(ConnectionOutcome)
    }

    /// A stream that stays open this long resets the backoff when there is
    /// no reconnection time; shorter ones count as failed attempts, so a
    /// server that accepts and drops at once is not hammered.
    public static var healthySession: Duration { .seconds(5) }

    public private(set) var phase: Phase = .idle
    /// When to reconnect, from now on.
    public private(set) var policy: ReconnectPolicy
    /// What the next attempt resumes with; the driver keeps it current
    /// (an event stream's reconnection time and last event ID change as it
    /// is read).
    public var resumption: Resumption
    /// Failed attempts (and short-lived streams) since the last success.
    public private(set) var consecutiveFailures = 0
    /// The attempt in flight is to end for good (shutdown or close).
    private var stopping = false
    /// The attempt in flight is to end and a new one start at once.
    private var reconnectAsked = false
    private var attempt = 0
    private var nextToken = 0
    private var random: Random

    public init(policy: ReconnectPolicy, resumption: Resumption = .none, random: Random) {
        self.policy = policy
        self.resumption = resumption
        self.random = random
    }

    // MARK: Inputs

    /// Starts the first attempt (only once).
    public mutating func start() -> [Action] {
        guard case .idle = phase else { return [] }
        return launchNext()
    }

    /// The attempt in flight failed before a stream opened.
    public mutating func attemptFailed(_ end: AttemptEnd, reason: String) -> [Action] {
        guard case .connecting = phase else { return [] }
        consecutiveFailures += 1
        let outcome: ConnectionOutcome = end == .noContent || end == .answered ? .normal : .failed
        return decide(after: end, reason: reason, outcome: stopping ? .normal : outcome)
    }

    /// The attempt in flight opened a stream.
    public mutating func opened(at instant: ContinuousClock.Instant) -> [Action] {
        guard case .connecting(let attempt) = phase else { return [] }
        phase = .open(attempt: attempt, since: instant)
        if resumption.reconnectionTime != nil { consecutiveFailures = 0 }
        // Asked to stop or reconnect before it opened: end it now.
        if stopping { return [.closeAttempt(.close(code: CloseCode.normal, reason: ""))] }
        if reconnectAsked { return [.closeAttempt(.reconnect)] }
        return []
    }

    /// The open stream ended; `outcome` is the connection's if nothing
    /// follows.
    public mutating func ended(
        _ end: AttemptEnd,
        reason: String,
        outcome: ConnectionOutcome,
        at instant: ContinuousClock.Instant
    ) -> [Action] {
        guard case .open(_, let since) = phase else { return [] }
        if resumption.reconnectionTime == nil {
            consecutiveFailures = instant - since >= Self.healthySession ? 0 : consecutiveFailures + 1
        }
        return decide(after: end, reason: reason, outcome: outcome)
    }

    /// Drops the attempt in flight (if any) and connects again at once; a
    /// scheduled attempt starts now; a connection that is over starts a
    /// new life.
    public mutating func reconnectNow() -> [Action] {
        switch phase {
        case .idle:
            return []
        case .connecting, .open:
            stopping = false
            reconnectAsked = true
            return [.closeAttempt(.reconnect)]
        case .waiting(_, let token, _):
            return [.cancelTimer(token: token)] + announceImmediate() + launchNext()
        case .ended:
            consecutiveFailures = 0
            return announceImmediate() + launchNext()
        }
    }

    /// Replaces the policy. Turning it off cancels a scheduled attempt;
    /// turning it on for a connection that is over reconnects it.
    public mutating func setPolicy(_ policy: ReconnectPolicy) -> [Action] {
        self.policy = policy
        switch phase {
        case .waiting(_, let token, let outcome) where policy.mode == .off:
            phase = .ended(outcome)
            return [.cancelTimer(token: token), .finish(outcome)]
        case .ended where policy.mode != .off:
            consecutiveFailures = 0
            return announceImmediate() + launchNext()
        default:
            return []
        }
    }

    /// Ends the connection for good: the attempt in flight ends as
    /// `intent` says, a scheduled one is cancelled.
    public mutating func shutdown(_ intent: AttemptCloseIntent = .close(code: CloseCode.normal, reason: "")) -> [Action]
    {
        switch phase {
        case .idle:
            phase = .ended(.normal)
            return [.finish(.normal)]
        case .connecting, .open:
            stopping = true
            reconnectAsked = false
            return [.closeAttempt(intent)]
        case .waiting(_, let token, _):
            phase = .ended(.normal)
            return [.cancelTimer(token: token), .finish(.normal)]
        case .ended:
            return []
        }
    }

    /// A timer scheduled by ``Action/schedule(milliseconds:token:)`` fired.
    public mutating func timerFired(token: Int) -> [Action] {
        guard case .waiting(_, let waitingFor, _) = phase, waitingFor == token else { return [] }
        return launchNext()
    }

    // MARK: Deciding

    private mutating func decide(after end: AttemptEnd, reason: String, outcome: ConnectionOutcome) -> [Action] {
        if stopping {
            stopping = false
            phase = .ended(outcome)
            return [.finish(outcome)]
        }
        if reconnectAsked {
            reconnectAsked = false
            return announceImmediate() + launchNext()
        }
        guard
            let delay = ReconnectionRule.delayMilliseconds(
                after: end,
                policy: policy,
                reconnectionTime: resumption.reconnectionTime?.milliseconds,
                consecutiveFailures: consecutiveFailures,
                using: &random
            )
        else {
            phase = .ended(outcome)
            return [.finish(outcome)]
        }
        nextToken += 1
        phase = .waiting(attempt: attempt + 1, token: nextToken, outcome: outcome)
        return [
            .announce(attempt: attempt + 1, delayMilliseconds: delay, reason: reason + waitDetail(after: end)),
            .schedule(milliseconds: delay, token: nextToken),
        ]
    }

    private mutating func launchNext() -> [Action] {
        attempt += 1
        stopping = false
        reconnectAsked = false
        phase = .connecting(attempt: attempt)
        return [.launch(attempt: attempt)]
    }

    /// The announcement of an attempt the user asked for, which does not wait.
    private func announceImmediate() -> [Action] {
        [.announce(attempt: attempt + 1, delayMilliseconds: 0, reason: "reconnecting now, as asked" + resumeNote)]
    }

    /// Why the wait is as long as it is, for an event stream.
    private func waitDetail(after end: AttemptEnd) -> String {
        guard let time = resumption.reconnectionTime else { return "" }
        let wait =
            end == .streamEnded
            ? "reconnection time \(time.milliseconds) ms (\(time.source.description))"
            : "\(consecutiveFailures) failed attempt\(consecutiveFailures == 1 ? "" : "s") in a row"
        return "; " + wait + resumeNote
    }

    private var resumeNote: String {
        resumption.lastEventID.isEmpty ? "" : "; will send Last-Event-ID: \(resumption.lastEventID)"
    }
}

extension ReconnectionMachine where Random == SystemRandomNumberGenerator {
    /// A machine whose backoff jitter comes from the system's generator.
    public init(policy: ReconnectPolicy, resumption: Resumption = .none) {
        self.init(policy: policy, resumption: resumption, random: SystemRandomNumberGenerator())
    }
}
