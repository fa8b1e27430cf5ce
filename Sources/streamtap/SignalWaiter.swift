#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches SIGINT and SIGTERM from the moment it is made, so a
/// long-running command can wait for one and then shut down cleanly
/// instead of being killed mid-write.
///
/// The signals are blocked in the calling thread, and so in every thread
/// started after it (event loops, the concurrency pool), and taken with
/// `sigwait`: make the waiter before anything starts threads.
struct SignalWaiter {
    private var signals = sigset_t()

    init(signals numbers: [Int32] = [SIGINT, SIGTERM]) {
        sigemptyset(&signals)
        for number in numbers {
            sigaddset(&signals, number)
        }
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    /// Blocks until one of the signals arrives; returns its number.
    @discardableResult
    func wait() -> Int32 {
        var signals = signals
        var received: Int32 = 0
        while sigwait(&signals, &received) != 0 {}
        return received
    }
}
