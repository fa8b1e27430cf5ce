import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches SIGINT and SIGTERM from the moment it is made, so a
/// long-running command can wait for one and then shut down cleanly
/// instead of being killed mid-write.
final class SignalWaiter {
    private let arrived = DispatchSemaphore(value: 0)
    private let sources: [any DispatchSourceSignal]

    /// Starts catching `signals` (their default action, ending the
    /// process, is turned off until `wait()` returns).
    init(signals: [Int32] = [SIGINT, SIGTERM]) {
        let queue = DispatchQueue(label: "streamtap.signals")
        let arrived = arrived
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { arrived.signal() }
            source.resume()
            return source
        }
    }

    /// Blocks until one of the signals arrives.
    func wait() {
        arrived.wait()
        for source in sources {
            source.cancel()
        }
    }
}
