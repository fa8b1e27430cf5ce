import NIOCore
import StreamTapCore

/// One attempt of a transport, as both protocols make it: the connection
/// being opened, the HTTP exchange on it, and whether its end has been
/// reported (exactly once: as a failure before a stream opened, as an end
/// after). Each transport adds what its session needs.
///
/// Confined to the connection's event loop.
class TransportAttempt {
    let number: Int
    let observer: any AttemptObserver
    let emitter: EventEmitter
    var channel: (any Channel)?
    var exchange: HTTPExchangeHandler?
    /// Its stream opened: its end is reported as an end, not a failure.
    var opened = false
    /// Its failure or end has been reported; nothing more is.
    private(set) var reported = false

    init(number: Int, observer: any AttemptObserver, emitter: EventEmitter) {
        self.number = number
        self.observer = observer
        self.emitter = emitter
    }

    /// Opens the connection to `endpoint` and, back on `loop`, hands it to
    /// `install` (an attempt given up meanwhile closes it instead); a
    /// failure to connect, or to install, fails the attempt.
    func connect(
        to endpoint: Endpoint,
        options: ConnectionOptions,
        loop: any EventLoop,
        install: @escaping (Transport) throws -> Void
    ) {
        let bound = NIOLoopBound((attempt: self, install: install), eventLoop: loop)
        Task {
            let result: Result<Transport, HandshakeFailure>
            do throws(HandshakeFailure) {
                result = .success(try await TransportConnector.connect(to: endpoint, options: options, group: loop))
            } catch {
                result = .failure(error)
            }
            loop.execute {
                let (attempt, install) = bound.value
                switch result {
                case .success(let transport): attempt.accept(transport, install: install)
                case .failure(let failure): attempt.fail(failure)
                }
            }
        }
    }

    private func accept(_ transport: Transport, install: (Transport) throws -> Void) {
        guard !reported else {
            transport.channel.close(promise: nil)
            return
        }
        channel = transport.channel
        do {
            try install(transport)
        } catch {
            transport.channel.close(promise: nil)
            fail(HandshakeFailure(message: "could not start the HTTP exchange: \(error)", retryable: false))
        }
    }

    /// Gives the attempt up while it is still connecting, rather than wait
    /// for it.
    func giveUp() {
        exchange?.cancel()
        channel?.close(promise: nil)
        reportFailure(.connectionFailed, reason: "the client gave up the attempt")
    }

    /// Reports a failure (with its error event) unless the attempt is over.
    func fail(_ failure: HandshakeFailure) {
        guard !reported, !opened else { return }
        emitter.emit(.error(failure.errorInfo))
        emitter.flush()
        reportFailure(failure.attemptEnd, reason: failure.message)
    }

    /// Reports that the attempt failed before a stream opened.
    func reportFailure(_ end: AttemptEnd, reason: String) {
        guard !reported, !opened else { return }
        reported = true
        exchange = nil
        observer.attemptFailed(number, end, reason: reason)
    }

    /// Reports that the attempt's open stream ended.
    func reportEnd(_ end: AttemptEnd, reason: String, outcome: ConnectionOutcome) {
        guard !reported else { return }
        reported = true
        observer.attemptEnded(number, end, reason: reason, outcome: outcome)
    }
}

@available(*, unavailable)
extension TransportAttempt: Sendable {}
