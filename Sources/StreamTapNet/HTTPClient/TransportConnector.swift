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
    static func connect(
        to endpoint: Endpoint,
        options: ConnectionOptions,
        group: any EventLoopGroup
    ) async throws(HandshakeFailure) -> Transport {
        var timings = ConnectionTimings()
        let sslContext = try makeSSLContext(endpoint: endpoint, tls: options.tls)
        let dnsStart = ContinuousClock.now
        let addresses: [SocketAddress]
        do {
            addresses = try await NIOThreadPool.singleton.runIfActive {
                try DNSResolver.resolve(host: endpoint.host, port: endpoint.port)
            }
        } catch {
            throw HandshakeFailure(message: "\(error)", retryable: true)
        }
        timings.dnsMilliseconds = milliseconds(since: dnsStart)

        let connectStart = ContinuousClock.now
        var lastError: (any Error)?
        for address in addresses {
            let tlsDone: EventLoopPromise<Void>?
            let loop = group.next()
            tlsDone = sslContext == nil ? nil : loop.makePromise(of: Void.self)
            let bootstrap = ClientBootstrap(group: loop)
                .connectTimeout(.milliseconds(Int64(options.connectTimeoutMilliseconds)))
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    guard let sslContext, let tlsDone else { return channel.eventLoop.makeSucceededVoidFuture() }
                    return channel.eventLoop.makeCompletedFuture {
                        let serverName = isIPAddress(endpoint.host) ? nil : endpoint.host
                        let handler = try NIOSSLClientHandler(context: sslContext, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(handler)
                        try channel.pipeline.syncOperations.addHandler(TLSHandshakeObserver(completion: tlsDone))
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
            guard let tlsDone else {
                return Transport(channel: channel, timings: timings, tls: nil)
            }
            let tlsStart = ContinuousClock.now
            let timeout = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(options.connectTimeoutMilliseconds))) {
                tlsDone.fail(HandshakeFailure(message: "the TLS handshake timed out", retryable: true))
            }
            do {
                try await tlsDone.futureResult.get()
                timeout.cancel()
            } catch {
                timeout.cancel()
                channel.close(promise: nil)
                throw HandshakeFailure(
                    message: describeTLSFailure(error, endpoint: endpoint, options: options.tls),
                    retryable: true
                )
            }
            timings.tlsMilliseconds = milliseconds(since: tlsStart)
            let details = try? await channel.eventLoop.submit {
                try tlsDetails(of: channel)
            }.get()
            return Transport(channel: channel, timings: timings, tls: details)
        }
        throw HandshakeFailure(message: describeConnectFailure(lastError, endpoint: endpoint), retryable: true)
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
            details.peerNotAfter =
                Timestamp(nanosecondsSinceEpoch: Int64(certificate.notValidAfter) * 1_000_000_000).rfc3339
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

    private static func describeConnectFailure(_ error: (any Error)?, endpoint: Endpoint) -> String {
        let target = "\(endpoint.hostHeader)"
        guard let error else { return "could not connect to \(target)" }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED:
                return "connection refused by \(target): nothing is listening on port \(endpoint.port)"
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
            return "the TLS certificate is not valid for the host name '\(endpoint.host)'\(hint)"
        }
        if error is ChannelError {
            return
                "the server closed the connection during the TLS handshake (is it speaking TLS on port \(endpoint.port)?)"
        }
        return "the TLS handshake with \(endpoint.host) failed: \(text)"
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    private static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}
