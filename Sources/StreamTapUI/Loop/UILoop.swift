import StreamTapCore
import StreamTapTerminal

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The UI thread's loop: waits in `poll()` on the terminal and the inbox's
/// doorbell, folds keys and events into the state, carries out effects,
/// and redraws when the state changed, at most `framesPerSecond` times a
/// second.
///
/// Idle, it sleeps with no timeout (no CPU). Work per iteration is capped:
/// at most `eventsPerDrain` events and `scanBudget` filter checks, with
/// input read before every batch, so a flood of events never delays keys
/// by more than one batch. Rendering reads only the visible rows.
///
/// Confined to the thread that runs it, like its backend.
public final class UILoop {
    /// The state as of the last step.
    public private(set) var state: AppState
    private let backend: any TerminalBackend
    private let inbox: EventInbox
    private var connections: [Int: any StreamConnection]
    private let connect: ConnectionOpener?
    private let services: SessionServices?
    private let recorder: (any SessionRecorderControl)?
    private let clock: () -> Timestamp
    private var drawnRevision: Int?
    private var lastFrame: ContinuousClock.Instant?
    private var hasBacklog = false
    private var tickedSecond: Int64

    /// The most events folded in per iteration.
    public static let eventsPerDrain = 8_192
    /// The most stored events checked against a new filter per iteration.
    public static let scanBudget = 50_000
    public static let framesPerSecond = 60
    private static let frameInterval = Duration.milliseconds(1000 / framesPerSecond)

    /// A loop over `backend` and `inbox`, starting from `state`.
    ///
    /// - Parameters:
    ///   - connections: the live connections by identifier (commands for a
    ///     pane go to the connection with its identifier).
    ///   - connect: opens a connection for `:connect`, or `nil` when the
    ///     UI cannot open connections.
    ///   - services: saved endpoints and message history, if the app has them.
    ///   - clock: the wall clock (fixed in tests).
    ///   - recorder: starts and stops recording the session, or `nil`.
    public init(
        state: AppState,
        backend: any TerminalBackend,
        inbox: EventInbox,
        connections: [any StreamConnection],
        connect: ConnectionOpener?,
        services: SessionServices? = nil,
        clock: @escaping () -> Timestamp = { .now() },
        recorder: (any SessionRecorderControl)? = nil
    ) {
        self.recorder = recorder
        self.state = state
        self.backend = backend
        self.inbox = inbox
        self.connections = Dictionary(connections.map { ($0.id, $0) }) { first, _ in first }
        self.connect = connect
        self.services = services
        self.clock = clock
        tickedSecond = state.now.millisecondsSinceEpoch / 1000
    }

    /// The connections the loop drives, including those opened from the UI.
    public var liveConnections: [any StreamConnection] { Array(connections.values) }

    /// Runs until the user quits or a signal asks to.
    public func run() {
        draw()
        while !state.shouldQuit {
            step(wait: true)
        }
    }

    /// One iteration: wait (if `wait`, and only as long as nothing is
    /// due), then read input, drain events, do background work, and draw
    /// when a frame is due.
    public func step(wait: Bool) {
        waitForActivity(timeout: wait ? timeoutMilliseconds() : 0)
        let reasons = inbox.doorbell?.drain() ?? []
        if reasons.contains(.quit) {
            apply(.quit)
        }
        if reasons.contains(.suspend) {
            suspendProcess()
        }
        for key in backend.readInput() {
            apply(.key(key))
        }
        let batch = inbox.drain(limit: Self.eventsPerDrain)
        hasBacklog = batch.hasMore
        if !batch.dropped.isEmpty {
            apply(.inboxDropped(batch.dropped))
        }
        if !batch.events.isEmpty {
            apply(.events(batch.events))
        }
        if Reducer.hasPendingWork(state) {
            apply(.work(budget: Self.scanBudget))
        }
        let now = clock()
        if now.millisecondsSinceEpoch / 1000 != tickedSecond {
            tickedSecond = now.millisecondsSinceEpoch / 1000
            apply(.tick(now))
        }
        if isFrameDue() {
            draw()
        }
    }

    /// Gives the terminal back and stops the process, as a shell's Ctrl-Z
    /// does; when the process is continued, takes the terminal again and
    /// repaints it.
    private func suspendProcess() {
        backend.suspend()
        kill(getpid(), SIGSTOP)
        backend.resume()
        draw()
    }

    /// Steps without waiting until no event, work or frame is pending (or
    /// `maximumSteps` ran): for tests and for draining before exit.
    public func runUntilIdle(maximumSteps: Int = 10_000) {
        for _ in 0..<maximumSteps {
            step(wait: false)
            if !hasBacklog && !Reducer.hasPendingWork(state) && drawnRevision == state.revision
                && inbox.pendingCount == 0
            {
                return
            }
        }
    }

    /// Applies an action and carries out its effects.
    public func apply(_ action: Action) {
        for effect in Reducer.reduce(&state, action) {
            perform(effect)
        }
    }

    /// Draws the state now, whatever the frame cap says.
    public func draw() {
        backend.draw(AppView.render(state))
        drawnRevision = state.revision
        lastFrame = .now
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .perform(let command, let id):
            connections[id]?.perform(command)
        case .connect(let endpoint, let id):
            guard let connect else {
                apply(.connectFailed(id: id, message: "cannot open connections here"))
                return
            }
            opened(id: id, url: endpoint.description) { try connect(endpoint, id) }
        case .openSaved(let saved, let id):
            guard let services else {
                apply(.connectFailed(id: id, message: "cannot open saved endpoints here"))
                return
            }
            opened(id: id, url: state.panes.first { $0.id == id }?.url ?? saved.url) {
                try services.openSaved(saved, id)
            }
        case .save(let name, let id):
            apply(
                .notice(
                    services?.save(name, id)
                        ?? Notice(
                            "saving endpoints needs the settings folder: start without --no-config",
                            isError: true
                        )
                )
            )
        case .remember(let entry, let url):
            if let problem = services?.remember(entry, url) {
                apply(.notice(problem))
            }
        case .toggleRecording:
            toggleRecording()
        }
    }

    /// Records the connection `open` returns as `id` (or why it failed),
    /// and gives its pane the history of messages sent to `url`.
    private func opened(id: Int, url: String, _ open: () throws -> any StreamConnection) {
        do {
            let connection = try open()
            connections[id] = connection
            apply(.connectionKnown(id: id, connection.settings, connection.capabilities))
            if let history = services?.history(url), !history.isEmpty {
                apply(.historyLoaded(id: id, history))
            }
        } catch {
            apply(.connectFailed(id: id, message: "\(error)"))
        }
    }

    private func toggleRecording() {
        guard let recorder else {
            apply(
                .recordingChanged(
                    path: nil,
                    problem: "this session cannot be recorded (a replay is a recording already)"
                )
            )
            return
        }
        if recorder.recordingPath != nil {
            _ = recorder.stopRecording()
            apply(.recordingChanged(path: nil, problem: nil))
            return
        }
        do {
            apply(.recordingChanged(path: try recorder.startRecording(), problem: nil))
        } catch {
            apply(.recordingChanged(path: nil, problem: "\(error)"))
        }
    }

    private func isFrameDue() -> Bool {
        guard drawnRevision != state.revision else { return false }
        guard let lastFrame else { return true }
        return ContinuousClock.now - lastFrame >= Self.frameInterval
    }

    /// How long `poll` may sleep: not at all with work pending, until the
    /// next frame when one is owed, until the next second while a rate is
    /// shown, else for ever (-1).
    private func timeoutMilliseconds() -> Int32 {
        if hasBacklog || Reducer.hasPendingWork(state) {
            return 0
        }
        if drawnRevision != state.revision {
            guard let lastFrame else { return 0 }
            let remaining = Self.frameInterval - (ContinuousClock.now - lastFrame)
            return remaining <= .zero ? 0 : Int32(remaining.components.attoseconds / 1_000_000_000_000_000) + 1
        }
        if state.panes.contains(where: { $0.rate.perSecond(at: state.now) > 0 }) {
            let intoSecond = Int32(clock().millisecondsSinceEpoch % 1000)
            return max(1, 1000 - intoSecond)
        }
        return -1
    }

    private func waitForActivity(timeout: Int32) {
        var descriptors: [pollfd] = []
        if let input = backend.inputFileDescriptor {
            descriptors.append(pollfd(fd: input, events: Int16(POLLIN), revents: 0))
        }
        if let doorbell = inbox.doorbell {
            descriptors.append(pollfd(fd: doorbell.readDescriptor, events: Int16(POLLIN), revents: 0))
        }
        guard !descriptors.isEmpty else { return }
        // EINTR (a resize) simply ends the wait; the step reads input next.
        _ = poll(&descriptors, nfds_t(descriptors.count), timeout)
    }
}

/// Opens a connection to an endpoint with the given identifier, started,
/// delivering its events to the UI's inbox; throws a readable error.
public typealias ConnectionOpener = (Endpoint, Int) throws -> any StreamConnection

@available(*, unavailable)
extension UILoop: Sendable {}
