import NIOCore
import StreamTapCore

/// The proxy step of opening a connection, between TCP and TLS: asks the
/// HTTP proxy the channel is connected to for a tunnel to the origin, and
/// explains why there is none.
enum ProxyTunnel {
    /// Opens a tunnel to `endpoint` through `proxy` on `channel` within
    /// `timeout`, returning when it came up. `installNext` runs on the
    /// channel's loop as the tunnel comes up, before any byte that followed
    /// the proxy's answer is passed on.
    static func open(
        on channel: any Channel,
        to endpoint: Endpoint,
        via proxy: ProxyServer,
        userAgent: String,
        timeout: TimeAmount,
        installNext: @escaping @Sendable (ChannelPipeline.SynchronousOperations) throws -> Void
    ) async throws(HandshakeFailure) -> ContinuousClock.Instant {
        let target = ProxyConnect.authority(of: endpoint)
        let request = ProxyConnect.request(to: endpoint, via: proxy, userAgent: userAgent)
        let tunnel = channel.eventLoop.makePromise(of: ProxyConnectHandler.Tunnel.self)
        let timer = channel.eventLoop.scheduleTask(in: timeout) {
            tunnel.fail(TimedOut())
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        do {
            try await channel.eventLoop.submit {
                let handler = ProxyConnectHandler(request: request, completion: tunnel, installNext: installNext)
                try channel.pipeline.syncOperations.addHandler(handler)
            }.get()
        } catch {
            tunnel.fail(error)
            channel.close(promise: nil)
            throw HandshakeFailure(
                message: "could not start the CONNECT exchange with the proxy \(proxy.address): \(error)",
                retryable: false
            )
        }
        do {
            return try await tunnel.futureResult.get().openedAt
        } catch {
            throw explain(error, proxy: proxy, target: target, timeout: timeout)
        }
    }

    private struct TimedOut: Error {}

    private static func explain(
        _ error: any Error,
        proxy: ProxyServer,
        target: String,
        timeout: TimeAmount
    ) -> HandshakeFailure {
        let proxyName = "the proxy \(proxy.address)"
        switch error {
        case ProxyConnectHandler.Failure.refused(let head):
            let refusal =
                ProxyConnect.refusal(head, proxy: proxy, target: target)
                ?? ("\(proxyName) answered CONNECT \(target) with \(head.status)", false)
            return HandshakeFailure(message: refusal.message, retryable: refusal.retryable)
        case ProxyConnectHandler.Failure.invalid(let reason):
            return HandshakeFailure(message: "no tunnel through \(proxyName) to \(target): \(reason)", retryable: false)
        case ProxyConnectHandler.Failure.closed:
            return HandshakeFailure(
                message: "\(proxyName) closed the connection before answering CONNECT \(target)",
                retryable: true
            )
        case ProxyConnectHandler.Failure.setup(let reason):
            return HandshakeFailure(message: "could not continue through \(proxyName): \(reason)", retryable: false)
        case is TimedOut:
            let seconds = Double(timeout.nanoseconds) / 1e9
            return HandshakeFailure(
                message: "\(proxyName) did not answer CONNECT \(target) within \(seconds.plainText) s",
                retryable: true
            )
        default:
            return HandshakeFailure(
                message: "the connection to \(proxyName) failed during CONNECT \(target): \(error)",
                retryable: true
            )
        }
    }
}

extension Double {
    /// `10` for whole numbers, `2.5` otherwise.
    fileprivate var plainText: String {
        rounded() == self ? String(Int(self)) : String(self)
    }
}
