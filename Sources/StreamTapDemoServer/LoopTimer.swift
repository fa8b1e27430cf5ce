import NIOCore

/// Calls a closure at a steady pace on one event loop until cancelled.
///
/// Deadlines advance by the interval from the previous deadline, so the
/// pace does not drift; when the loop falls behind, the next tick comes as
/// soon as possible instead of in a burst. Confined to its event loop.
final class LoopTimer {
    private let eventLoop: any EventLoop
    private let interval: TimeAmount
    private var deadline: NIODeadline
    private var scheduled: Scheduled<Void>?
    private var tick: (() -> Void)?

    init(eventLoop: any EventLoop, intervalMilliseconds: Int) {
        self.eventLoop = eventLoop
        self.interval = .milliseconds(Int64(intervalMilliseconds))
        self.deadline = .now()
    }

    /// Starts ticking: the first call comes after one interval, or at once
    /// when `immediately` is set.
    func start(immediately: Bool = false, _ tick: @escaping () -> Void) {
        self.tick = tick
        deadline = immediately ? .now() : .now() + interval
        schedule()
    }

    /// Stops ticking and releases the closure.
    func cancel() {
        scheduled?.cancel()
        scheduled = nil
        tick = nil
    }

    private func schedule() {
        scheduled = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] in
            self?.fire()
        }
    }

    private func fire() {
        guard let tick else { return }
        deadline = max(deadline + interval, .now())
        schedule()
        tick()
    }
}

@available(*, unavailable)
extension LoopTimer: Sendable {}
