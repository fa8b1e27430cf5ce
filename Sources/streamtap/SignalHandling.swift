import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT and SIGTERM into a clean shutdown; a second signal exits
/// at once.
struct SignalHandling {
    private let sources: [any DispatchSourceSignal]

    static func install(_ shutdown: @escaping @Sendable () -> Void) -> SignalHandling {
        let queue = DispatchQueue(label: "streamtap.signals")
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            let seen = SignalCounter()
            source.setEventHandler {
                if seen.increment() > 1 { exit(130) }
                shutdown()
            }
            source.resume()
            return source
        }
        return SignalHandling(sources: sources)
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}

/// Counts signals on the signal queue.
private final class SignalCounter: @unchecked Sendable {
    // Only touched on the serial signal queue.
    private var count = 0

    func increment() -> Int {
        count += 1
        return count
    }
}
