import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT and SIGTERM into a clean shutdown (a second signal exits
/// at once) and SIGUSR1 into a reconnection.
struct SignalHandling {
    private let sources: [any DispatchSourceSignal]

    static func install(
        shutdown: @escaping @Sendable () -> Void,
        reconnect: @escaping @Sendable () -> Void
    ) -> SignalHandling {
        let queue = DispatchQueue(label: "streamtap.signals")
        var sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            let seen = SignalCounter()
            return source(for: number, on: queue) {
                if seen.increment() > 1 { exit(130) }
                shutdown()
            }
        }
        sources.append(source(for: SIGUSR1, on: queue, handler: reconnect))
        return SignalHandling(sources: sources)
    }

    private static func source(
        for number: Int32,
        on queue: DispatchQueue,
        handler: @escaping @Sendable () -> Void
    ) -> any DispatchSourceSignal {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
        source.setEventHandler(handler: handler)
        source.resume()
        return source
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
