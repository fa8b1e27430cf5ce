import NIOCore
import NIOPosix
import NIOSSL
import StreamTapCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells why a server's certificate failed verification, which the TLS
/// library reports only as "verify failed": a second handshake that
/// verifies nothing fetches the certificate, and its dates and issuer name
/// the reason (expired, not yet valid, self-signed, unknown authority).
enum TLSCertificateDiagnosis {
    /// The sentence for the failed verification of `endpoint`'s certificate
    /// at `address`, or `nil` when the certificate could not be fetched.
    static func explain(
        endpoint: Endpoint,
        address: SocketAddress,
        group: any EventLoopGroup,
        timeout: TimeAmount
    ) async -> String? {
        guard
            let certificate = await fetchCertificate(
                endpoint: endpoint,
                address: address,
                group: group,
                timeout: timeout
            )
        else { return nil }
        let subject = "the TLS certificate of \(endpoint.host)"
        let now = time(nil)
        if certificate.notValidAfter < now {
            return "\(subject) expired on \(date(certificate.notValidAfter)); the server must renew it "
                + "(--insecure skips verification)"
        }
        if certificate.notValidBefore > now {
            return "\(subject) is not valid until \(date(certificate.notValidBefore)); check this machine's clock "
                + "or the server's certificate (--insecure skips verification)"
        }
        let hint = "use --cacert to trust its CA, or --insecure to skip verification"
        guard let summary = try? CertificateSummary(der: certificate.toDERBytes()) else { return nil }
        if summary.subject == summary.issuer {
            return "\(subject) is self-signed and not trusted (\(hint))"
        }
        return "\(subject) is issued by '\(summary.issuer)', an authority that is not trusted (\(hint))"
    }

    /// The date of `seconds` since 1970; a certificate's date past 2262
    /// does not fit in nanoseconds and is said as such, not overflowed.
    private static func date(_ seconds: time_t) -> String {
        Timestamp(seconds: Int64(clamping: seconds))?.rfc3339 ?? "a date after 2262-04-11"
    }

    private static func fetchCertificate(
        endpoint: Endpoint,
        address: SocketAddress,
        group: any EventLoopGroup,
        timeout: TimeAmount
    ) async -> NIOSSLCertificate? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        guard let context = try? NIOSSLContext(configuration: configuration) else { return nil }
        let serverName = (try? SocketAddress(ipAddress: endpoint.host, port: 0)) == nil ? endpoint.host : nil
        let loop = group.next()
        let done = loop.makePromise(of: Void.self)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverName))
                    try pipeline.addHandler(TLSHandshakeObserver(completion: done))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(to: address).get()
        } catch {
            done.fail(error)
            return nil
        }
        let timer = loop.scheduleTask(in: timeout) { done.fail(ChannelError.connectTimeout(timeout)) }
        defer {
            timer.cancel()
            channel.close(promise: nil)
        }
        guard (try? await done.futureResult.get()) != nil else { return nil }
        return try? await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).peerCertificate
        }.get()
    }
}
