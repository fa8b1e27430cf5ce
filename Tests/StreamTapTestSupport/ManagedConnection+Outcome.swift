import NIOConcurrencyHelpers
import StreamTapCore
import StreamTapNet

extension ManagedConnection {
    /// The outcome of the connection's current life, waiting at most
    /// `seconds` without blocking a thread; `nil` when it is not over by
    /// then, and the connection is then shut down, so nothing outlives the
    /// test.
    public func outcome(within seconds: Double = 10) async -> ConnectionOutcome? {
        let box = NIOLockedValueBox<ConnectionOutcome?>(nil)
        outcome.whenSuccess { outcome in box.withLockedValue { $0 = outcome } }
        let outcome = await eventualValue(timeout: seconds) { box.withLockedValue { $0 } }
        if outcome == nil { shutdown() }
        return outcome
    }
}
