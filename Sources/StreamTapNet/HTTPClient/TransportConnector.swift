import NIOCore
import NIOPosix
import NIOSSL
import StreamTapCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open TCP (and TLS) connection, ready for the HTTP request, with what
/// it cost to open.
struct Transport {
    let channel: any Channel
    var timings: ConnectionTimings
    var tls: TLSDetails?
}

/// Opens the connection both protocols start with: DNS, TCP, then TLS for
/// `wss`/`https`, each phase timed and each failure explained.
enum TransportConnector {
    /// Reads grow up to 1 MiB while the peer floods (NIO's default stops at
    /// 64 KiB): fewer reads, and fewer frames split between two reads.
    static let readBuffers = AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 16 * 1024, maximum: 1 << 20)

    static func connect(
        to endpoint: Endpoint,
        options: ConnectionOptions,
        group: any EventLoopGroup
    ) async throws(HandshakeFailure) -> Transport {
        var timings = ConnectionTimings()
        let sslContext = try makeSSLContext(endpoint: endpoint, tls: options.tls)
        // Through a proxy, DNS and TCP are the proxy's; the origin's name
        // goes to the proxy in CONNECT.
        let proxy = options.proxy?.proxy(for: endpoint)
        let peerHost = proxy?.host ?? endpoint.host
        let peerPort = proxy?.port ?? endpoint.port
        let addresses: [SocketAddress]
        if let literal = try? SocketAddress(ipAddress: peerHost, port: peerPort) {
            // An IP address needs no name lookup (and no DNS timing).
            addresses = [literal]
        } else {
            let dnsStart = ContinuousClock.now
            do {
                addresses = try await NIOThreadPool.singleton.runIfActive {
                    try DNSResolver.resolve(host: peerHost, port: peerPort)
                }
            } catch {
                let context = proxy.map { "cannot reach the proxy \($0.address): " } ?? ""
                throw HandshakeFailure(message: "\(context)\(error)", retryable: true)
            }
            timings.dnsMilliseconds = milliseconds(since: dnsStart)
        }

        let connectStart = ContinuousClock.now
        let timeout = TimeAmount.milliseconds(Int64(options.connectTimeoutMilliseconds))
        var lastError: (any Error)?
        for address in addresses {
            let tlsDone: EventLoopPromise<Void>?
            let loop = group.next()
            tlsDone = sslContext == nil ? nil : loop.makePromise(of: Void.self)
            let bootstrap = ClientBootstrap(group: loop)
                .connectTimeout(timeout)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelOption(.recvAllocator, value: Self.readBuffers)
                .channelInitializer { channel in
                    guard proxy == nil, let sslContext, let tlsDone else {
                        return channel.eventLoop.makeSucceededVoidFuture()
                    }
                    return channel.eventLoop.makeCompletedFuture {
                        try addTLS(to: channel.pipeline.syncOperations, sslContext, endpoint, tlsDone)
                    }
                }
            let channel: any Channel
            do {
                channel = try await bootstrap.connect(to: address).get()
            } catch {
                tlsDone?.fail(error)
                lastError = error
                continue
            }
            timings.connectMilliseconds = milliseconds(since: connectStart)
            var tlsStart = ContinuousClock.now
            if let proxy {
                let tunnelStart = ContinuousClock.now
                do {
                    tlsStart = try await ProxyTunnel.open(
                        on: channel,
                        to: endpoint,
                        via: proxy,
                        userAgent: options.userAgent,
                        timeout: timeout
                    ) { pipeline in
                        guard let sslContext, let tlsDone else { return }
                        try addTLS(to: pipeline, sslContext, endpoint, tlsDone)
                    }
                } catch {
                    tlsDone?.fail(error)
                    throw error
                }
                timings.proxyMilliseconds = milliseconds(from: tunnelStart, to: tlsStart)
            }
            guard let tlsDone else {
                return Transport(channel: channel, timings: timings, tls: nil)
            }
            let tlsTimeout = channel.eventLoop.scheduleTask(in: timeout) {
                tlsDone.fail(HandshakeFailure(message: "the TLS handshake timed out", retryable: true))
            }
            do {
                try await tlsDone.futureResult.get()
                tlsTimeout.cancel()
            } catch {
                tlsTimeout.cancel()
                channel.close(promise: nil)
                var message = describeTLSFailure(error, endpoint: endpoint, options: options.tls)
                if proxy == nil, "\(error)".contains("CERTIFICATE_VERIFY_FAILED"),
                    let diagnosis = await TLSCertificateDiagnosis.explain(
                        endpoint: endpoint,
                        address: address,
                        group: group,
                        timeout: timeout
                    )
                {
                    message = diagnosis
                }
                throw HandshakeFailure(message: message, retryable: true)
            }
            timings.tlsMilliseconds = milliseconds(since: tlsStart)
            let details = try? await channel.eventLoop.submit {
                try tlsDetails(of: channel)
            }.get()
            return Transport(channel: channel, timings: timings, tls: details)
        }
        let message =
            proxy.map { describeConnectFailure(lastError, target: "the proxy \($0.address)", port: $0.port) }
            ?? describeConnectFailure(lastError, target: endpoint.hostHeader, port: endpoint.port)
        throw HandshakeFailure(message: message, retryable: true)
    }

    /// Adds TLS for `endpoint` (SNI and verification against its host name)
    /// and the observer that completes `done` when the handshake ends.
    private static func addTLS(
        to pipeline: ChannelPipeline.SynchronousOperations,
        _ sslContext: NIOSSLContext,
        _ endpoint: Endpoint,
        _ done: EventLoopPromise<Void>
    ) throws {
        let serverName = isIPAddress(endpoint.host) ? nil : endpoint.host
        try pipeline.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: serverName))
        try pipeline.addHandler(TLSHandshakeObserver(completion: done))
    }

    private static func makeSSLContext(endpoint: Endpoint, tls: TLSOptions) throws(HandshakeFailure) -> NIOSSLContext? {
        guard endpoint.usesTLS else { return nil }
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if tls.insecure {
                configuration.certificateVerification = .none
            }
            if let caFile = tls.caFile {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            }
            if let certificateFile = tls.certificateFile {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificateFile).map {
                    .certificate($0)
                }
                let keyFile = tls.privateKeyFile ?? certificateFile
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
            }
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw HandshakeFailure(
                message: "could not set up TLS: \(error) (check --cacert, --cert and --key)",
                retryable: false
            )
        }
    }

    /// Reads the negotiated version and the peer certificate (on the loop).
    private static func tlsDetails(of channel: any Channel) throws -> TLSDetails? {
        let handler = try channel.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)
        let version = handler.tlsVersion.map(describe) ?? "unknown"
        var details = TLSDetails(protocolVersion: version, cipher: "")
        if let certificate = handler.peerCertificate {
            let summary = try? CertificateSummary(der: certificate.toDERBytes())
            details.peerSubject = summary?.subject
            details.peerIssuer = summary?.issuer
            // Dates past 2262 (e.g. 9999-12-31, "no expiry") do not fit in
            // nanoseconds; say so rather than overflow.
            details.peerNotAfter =
                Timestamp(seconds: Int64(clamping: certificate.notValidAfter))?.rfc3339 ?? "after 2262-04-11"
        }
        return details
    }

    private static func describe(_ version: TLSVersion) -> String {
        switch version {
        case .tlsv1: "TLS 1.0"
        case .tlsv11: "TLS 1.1"
        case .tlsv12: "TLS 1.2"
        case .tlsv13: "TLS 1.3"
        }
    }

    private static func describeConnectFailure(_ error: (any Error)?, target: String, port: Int) -> String {
        guard let error else { return "could not connect to \(target)" }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED:
                return "connection refused by \(target): nothing is listening on port \(port)"
            case ENETUNREACH, EHOSTUNREACH:
                return "\(target) is unreachable from this machine"
            default:
                return "could not connect to \(target): \(io.description)"
            }
        }
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            return "connecting to \(target) timed out"
        }
        return "could not connect to \(target): \(error)"
    }

    private static func describeTLSFailure(_ error: any Error, endpoint: Endpoint, options: TLSOptions) -> String {
        if let failure = error as? HandshakeFailure { return failure.message }
        let text = String(describing: error)
        let hint = options.insecure ? "" : " (use --cacert to trust its CA, or --insecure to skip verification)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
            return "the TLS certificate of \(endpoint.host) could not be verified: \(text)\(hint)"
        }
        if let sslError = error as? NIOSSLExtraError, sslError == .failedToValidateHostname {
            let advice =
                options.insecure
                ? "" : " (connect with a name the certificate lists, or --insecure to skip verification)"
            return "the TLS certificate is not valid for the host name '\(endpoint.host)'\(advice)"
        }
        if error is ChannelError {
            return
                "the server closed the connection during the TLS handshake (is it speaking TLS on port \(endpoint.port)?)"
        }
        return "the TLS handshake with \(endpoint.host) failed: \(text)"
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        milliseconds(from: start, to: .now)
    }

    private static func milliseconds(from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Double {
        (end - start).milliseconds
    }

    private static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}
