import StreamTapCore
import StreamTapTestSupport
import Testing

/// Every input in every phase of a connection's life, as a table: what the
/// machine asks the driver to do, and where it stands afterwards.
@Suite struct ReconnectionMachineTests {
    typealias Machine = ReconnectionMachine<SplitMix64>

    /// Backoff with a fixed 100 ms, so waits are exact.
    private static let backoff = ReconnectPolicy(
        mode: .backoff,
        minimumDelayMilliseconds: 100,
        maximumDelayMilliseconds: 100
    )
    private static let t0 = ContinuousClock.now

    /// The phases a life goes through, each reached the way a driver would.
    enum Start: String, CaseIterable, CustomTestStringConvertible {
        case idle, connecting, open, waiting, ended

        var testDescription: String { rawValue }

        func machine(policy: ReconnectPolicy = backoff) -> Machine {
            var machine = Machine(policy: policy, random: SplitMix64(seed: 1))
            switch self {
            case .idle:
                break
            case .connecting:
                _ = machine.start()
            case .open:
                _ = machine.start()
                _ = machine.opened(at: t0)
            case .waiting:
                _ = machine.start()
                _ = machine.attemptFailed(.connectionFailed, reason: "refused")
            case .ended:
                _ = machine.start()
                _ = machine.setPolicy(.off)
                _ = machine.attemptFailed(.connectionFailed, reason: "refused")
            }
            return machine
        }
    }

    /// What can happen to a connection.
    enum Input: String, CaseIterable, CustomTestStringConvertible {
        case start, failed, opened, ended, reconnectNow, policyOff, policyOn, shutdown, timer, staleTimer

        var testDescription: String { rawValue }

        func apply(to machine: inout Machine) -> [Machine.Action] {
            switch self {
            case .start: machine.start()
            case .failed: machine.attemptFailed(.connectionFailed, reason: "refused")
            case .opened: machine.opened(at: t0)
            case .ended: machine.ended(.streamEnded, reason: "lost", outcome: .failed, at: t0 + .seconds(10))
            case .reconnectNow: machine.reconnectNow()
            case .policyOff: machine.setPolicy(.off)
            case .policyOn: machine.setPolicy(backoff)
            case .shutdown: machine.shutdown()
            case .timer: machine.timerFired(token: 1)
            case .staleTimer: machine.timerFired(token: 99)
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var start: Start
        var input: Input
        var actions: [Machine.Action]
        var phase: Machine.Phase

        var testDescription: String { "\(start.rawValue) + \(input.rawValue)" }
    }

    private static let closeNormally = Machine.Action.closeAttempt(.close(code: 1000, reason: ""))
    private static let now = "reconnecting now, as asked"

    /// Every phase × every input.
    static let table: [Row] = [
        // Not started: only start and shutdown mean anything.
        Row(start: .idle, input: .start, actions: [.launch(attempt: 1)], phase: .connecting(attempt: 1)),
        Row(start: .idle, input: .failed, actions: [], phase: .idle),
        Row(start: .idle, input: .opened, actions: [], phase: .idle),
        Row(start: .idle, input: .ended, actions: [], phase: .idle),
        Row(start: .idle, input: .reconnectNow, actions: [], phase: .idle),
        Row(start: .idle, input: .policyOff, actions: [], phase: .idle),
        Row(start: .idle, input: .policyOn, actions: [], phase: .idle),
        Row(start: .idle, input: .shutdown, actions: [.finish(.normal)], phase: .ended(.normal)),
        Row(start: .idle, input: .timer, actions: [], phase: .idle),
        Row(start: .idle, input: .staleTimer, actions: [], phase: .idle),
        // Connecting.
        Row(start: .connecting, input: .start, actions: [], phase: .connecting(attempt: 1)),
        Row(
            start: .connecting,
            input: .failed,
            actions: [
                .announce(attempt: 2, delayMilliseconds: 100, reason: "refused"),
                .schedule(milliseconds: 100, token: 1),
            ],
            phase: .waiting(attempt: 2, token: 1, outcome: .failed)
        ),
        Row(start: .connecting, input: .opened, actions: [], phase: .open(attempt: 1, since: t0)),
        Row(start: .connecting, input: .ended, actions: [], phase: .connecting(attempt: 1)),
        Row(
            start: .connecting,
            input: .reconnectNow,
            actions: [.closeAttempt(.reconnect)],
            phase: .connecting(attempt: 1)
        ),
        Row(start: .connecting, input: .policyOff, actions: [], phase: .connecting(attempt: 1)),
        Row(start: .connecting, input: .policyOn, actions: [], phase: .connecting(attempt: 1)),
        Row(start: .connecting, input: .shutdown, actions: [closeNormally], phase: .connecting(attempt: 1)),
        Row(start: .connecting, input: .timer, actions: [], phase: .connecting(attempt: 1)),
        Row(start: .connecting, input: .staleTimer, actions: [], phase: .connecting(attempt: 1)),
        // Open.
        Row(start: .open, input: .start, actions: [], phase: .open(attempt: 1, since: t0)),
        Row(start: .open, input: .failed, actions: [], phase: .open(attempt: 1, since: t0)),
        Row(start: .open, input: .opened, actions: [], phase: .open(attempt: 1, since: t0)),
        Row(
            start: .open,
            input: .ended,
            actions: [
                .announce(attempt: 2, delayMilliseconds: 100, reason: "lost"),
                .schedule(milliseconds: 100, token: 1),
            ],
            phase: .waiting(attempt: 2, token: 1, outcome: .failed)
        ),
        Row(
            start: .open,
            input: .reconnectNow,
            actions: [.closeAttempt(.reconnect)],
            phase: .open(attempt: 1, since: t0)
        ),
        Row(start: .open, input: .policyOff, actions: [], phase: .open(attempt: 1, since: t0)),
        Row(start: .open, input: .policyOn, actions: [], phase: .open(attempt: 1, since: t0)),
        Row(start: .open, input: .shutdown, actions: [closeNormally], phase: .open(attempt: 1, since: t0)),
        Row(start: .open, input: .timer, actions: [], phase: .open(attempt: 1, since: t0)),
        Row(start: .open, input: .staleTimer, actions: [], phase: .open(attempt: 1, since: t0)),
        // Waiting for timer 1 to start attempt 2.
        Row(start: .waiting, input: .start, actions: [], phase: .waiting(attempt: 2, token: 1, outcome: .failed)),
        Row(start: .waiting, input: .failed, actions: [], phase: .waiting(attempt: 2, token: 1, outcome: .failed)),
        Row(start: .waiting, input: .opened, actions: [], phase: .waiting(attempt: 2, token: 1, outcome: .failed)),
        Row(start: .waiting, input: .ended, actions: [], phase: .waiting(attempt: 2, token: 1, outcome: .failed)),
        Row(
            start: .waiting,
            input: .reconnectNow,
            actions: [
                .cancelTimer(token: 1), .announce(attempt: 2, delayMilliseconds: 0, reason: now), .launch(attempt: 2),
            ],
            phase: .connecting(attempt: 2)
        ),
        Row(
            start: .waiting,
            input: .policyOff,
            actions: [.cancelTimer(token: 1), .finish(.failed)],
            phase: .ended(.failed)
        ),
        Row(start: .waiting, input: .policyOn, actions: [], phase: .waiting(attempt: 2, token: 1, outcome: .failed)),
        Row(
            start: .waiting,
            input: .shutdown,
            actions: [.cancelTimer(token: 1), .finish(.normal)],
            phase: .ended(.normal)
        ),
        Row(start: .waiting, input: .timer, actions: [.launch(attempt: 2)], phase: .connecting(attempt: 2)),
        Row(start: .waiting, input: .staleTimer, actions: [], phase: .waiting(attempt: 2, token: 1, outcome: .failed)),
        // Over: a reconnection asked for (or turning the policy on) starts a new life.
        Row(start: .ended, input: .start, actions: [], phase: .ended(.failed)),
        Row(start: .ended, input: .failed, actions: [], phase: .ended(.failed)),
        Row(start: .ended, input: .opened, actions: [], phase: .ended(.failed)),
        Row(start: .ended, input: .ended, actions: [], phase: .ended(.failed)),
        Row(
            start: .ended,
            input: .reconnectNow,
            actions: [.announce(attempt: 2, delayMilliseconds: 0, reason: now), .launch(attempt: 2)],
            phase: .connecting(attempt: 2)
        ),
        Row(start: .ended, input: .policyOff, actions: [], phase: .ended(.failed)),
        Row(
            start: .ended,
            input: .policyOn,
            actions: [.announce(attempt: 2, delayMilliseconds: 0, reason: now), .launch(attempt: 2)],
            phase: .connecting(attempt: 2)
        ),
        Row(start: .ended, input: .shutdown, actions: [], phase: .ended(.failed)),
        Row(start: .ended, input: .timer, actions: [], phase: .ended(.failed)),
        Row(start: .ended, input: .staleTimer, actions: [], phase: .ended(.failed)),
    ]

    @Test func theTableCoversEveryInputInEveryPhase() {
        let covered = Set(Self.table.map { "\($0.start.rawValue) \($0.input.rawValue)" })
        #expect(covered.count == Start.allCases.count * Input.allCases.count)
        #expect(Self.table.count == covered.count)
    }

    @Test(arguments: table)
    func everyInputInEveryPhase(_ row: Row) {
        var machine = row.start.machine()
        #expect(row.input.apply(to: &machine) == row.actions)
        #expect(machine.phase == row.phase)
    }

    // MARK: Sequences

    @Test func aShutdownWhileConnectingEndsNormallyWhenTheAttemptGivesUp() {
        var machine = Start.connecting.machine()
        #expect(machine.shutdown() == [Self.closeNormally])
        #expect(machine.attemptFailed(.connectionFailed, reason: "given up") == [.finish(.normal)])
        #expect(machine.phase == .ended(.normal))
    }

    @Test func aShutdownOfAnOpenStreamEndsWithTheStreamsOwnOutcome() {
        var machine = Start.open.machine()
        _ = machine.shutdown()
        #expect(machine.ended(.streamEnded, reason: "closed", outcome: .failed, at: Self.t0) == [.finish(.failed)])
        var clean = Start.open.machine()
        _ = clean.shutdown(.close(code: 4000, reason: "bye"))
        #expect(clean.ended(.streamEnded, reason: "closed", outcome: .normal, at: Self.t0) == [.finish(.normal)])
    }

    @Test func aRetryTimerThatFiresAfterShutdownDoesNothing() {
        var machine = Start.waiting.machine()
        _ = machine.shutdown()
        #expect(machine.timerFired(token: 1) == [])
        #expect(machine.phase == .ended(.normal))
    }

    @Test func reconnectNowWhileOpenStartsTheNextAttemptAsSoonAsTheStreamEnds() {
        var machine = Start.open.machine(policy: .off)
        _ = machine.reconnectNow()
        #expect(
            machine.ended(.streamEnded, reason: "closed", outcome: .normal, at: Self.t0)
                == [.announce(attempt: 2, delayMilliseconds: 0, reason: Self.now), .launch(attempt: 2)]
        )
    }

    @Test func anAttemptThatOpensAfterAShutdownIsClosedAtOnce() {
        var machine = Start.connecting.machine()
        _ = machine.shutdown()
        #expect(machine.opened(at: Self.t0) == [Self.closeNormally])
        var reconnecting = Start.connecting.machine()
        _ = reconnecting.reconnectNow()
        #expect(reconnecting.opened(at: Self.t0) == [.closeAttempt(.reconnect)])
    }

    @Test func aShortSessionCountsAsAFailureButALongOneResetsTheBackoff() {
        let policy = ReconnectPolicy(
            mode: .backoff,
            minimumDelayMilliseconds: 100,
            maximumDelayMilliseconds: 100,
            maxAttempts: 2
        )
        var machine = Machine(policy: policy, random: SplitMix64(seed: 2))
        _ = machine.start()
        for attempt in 1...2 {
            _ = machine.opened(at: Self.t0)
            _ = machine.ended(.streamEnded, reason: "dropped", outcome: .failed, at: Self.t0 + .seconds(1))
            #expect(machine.consecutiveFailures == attempt)
            _ = machine.timerFired(token: attempt)
        }
        _ = machine.opened(at: Self.t0)
        // A third short session in a row is past the policy's two attempts.
        #expect(
            machine.ended(.streamEnded, reason: "dropped", outcome: .failed, at: Self.t0 + .seconds(1)) == [
                .finish(.failed)
            ]
        )
        _ = machine.reconnectNow()
        _ = machine.opened(at: Self.t0)
        _ = machine.ended(.streamEnded, reason: "dropped", outcome: .failed, at: Self.t0 + Machine.healthySession)
        #expect(machine.consecutiveFailures == 0)
    }

    @Test func anEventStreamWaitsItsReconnectionTimeAndSaysWhy() {
        var machine = Machine(
            policy: ReconnectPolicy(mode: .spec),
            resumption: Resumption(
                reconnectionTime: ReconnectionTime(milliseconds: 1_500, source: .server),
                lastEventID: "42"
            ),
            random: SplitMix64(seed: 3)
        )
        _ = machine.start()
        _ = machine.opened(at: Self.t0)
        #expect(
            machine.ended(.streamEnded, reason: "the server ended the stream", outcome: .normal, at: Self.t0) == [
                .announce(
                    attempt: 2,
                    delayMilliseconds: 1_500,
                    reason: "the server ended the stream; reconnection time 1500 ms (set by the server's retry "
                        + "field); will send Last-Event-ID: 42"
                ),
                .schedule(milliseconds: 1_500, token: 1),
            ]
        )
        _ = machine.timerFired(token: 1)
        #expect(
            machine.attemptFailed(.connectionFailed, reason: "refused") == [
                .announce(
                    attempt: 3,
                    delayMilliseconds: 1_500,
                    reason: "refused; 1 failed attempt in a row; will send Last-Event-ID: 42"
                ),
                .schedule(milliseconds: 1_500, token: 2),
            ]
        )
    }

    @Test func noContentAndAnAnswerEndNormallyAndARefusalFails() {
        for (end, outcome) in [(AttemptEnd.noContent, ConnectionOutcome.normal), (.refused, .failed)] {
            var machine = Start.connecting.machine(policy: ReconnectPolicy(mode: .spec))
            #expect(machine.attemptFailed(end, reason: "x") == [.finish(outcome)])
        }
        var answered = Start.open.machine(policy: ReconnectPolicy(mode: .spec))
        #expect(answered.ended(.answered, reason: "202", outcome: .normal, at: Self.t0) == [.finish(.normal)])
    }
}
