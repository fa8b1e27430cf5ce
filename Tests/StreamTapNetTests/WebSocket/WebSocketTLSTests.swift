import Foundation
import StreamTapCore
import StreamTapTestSupport
import Testing

@testable import StreamTapNet

/// `wss://` against the Python peer serving a self-signed certificate.
@Suite(.serialized, .requires(.peerPython, .openssl)) struct WebSocketTLSTests {
    /// A self-signed certificate for 127.0.0.1 and localhost.
    func makeCertificate(in folder: TemporaryFolder, days: Int = 2) async throws -> TestCertificate {
        try await TestCertificate.selfSigned(
            in: folder,
            subject: "/CN=streamtap-test/O=StreamTap Tests",
            subjectAltName: "IP:127.0.0.1,DNS:localhost",
            days: days
        )
    }

    func run(tls: TLSOptions, peer: WebSocketPeer) throws -> ConnectionHarness {
        var options = StreamOptions()
        options.connection.tls = tls
        return try ConnectionHarness.start(peer.url("/echo"), options: options)
    }

    @Test func selfSignedCertificateIsRejectedByDefaultAndAcceptedWhenAsked() async throws {
        let folder = try TemporaryFolder("streamtap-tls")
        defer { folder.remove() }
        let certificate = try await makeCertificate(in: folder)
        let peer = try await WebSocketPeer.start(certificate: certificate)
        defer { peer.stop() }

        let rejected = try run(tls: TLSOptions(), peer: peer)
        #expect(await rejected.sink.wait { !$0.errors.isEmpty })
        let message = rejected.sink.errors.first?.message ?? ""
        #expect(message.contains("is self-signed and not trusted") && message.contains("--insecure"))
        #expect(rejected.sink.handshakes.isEmpty)
        rejected.connection.shutdown()

        for tls in [TLSOptions(insecure: true), TLSOptions(caFile: certificate.cert)] {
            let harness = try run(tls: tls, peer: peer)
            let (connection, sink) = (harness.connection, harness.sink)
            #expect(await sink.wait { !$0.handshakes.isEmpty })
            connection.perform(.sendText("over TLS"))
            #expect(await sink.wait { $0.incomingTexts == ["over TLS"] })
            let details = try #require(sink.handshakes.first?.tls)
            #expect(details.protocolVersion.hasPrefix("TLS 1."))
            #expect(details.peerSubject == "CN=streamtap-test, O=StreamTap Tests")
            #expect(details.peerIssuer == details.peerSubject)
            #expect(sink.handshakes.first?.timings.tlsMilliseconds != nil)
            connection.shutdown()
        }
    }

    /// A certificate valid past 2262 (beyond nanoseconds since 1970) is
    /// shown, not a crash.
    @Test func aCertificateExpiringAfter2262IsShown() async throws {
        let folder = try TemporaryFolder("streamtap-tls")
        defer { folder.remove() }
        let certificate = try await makeCertificate(in: folder, days: 100_000)
        let peer = try await WebSocketPeer.start(certificate: certificate)
        defer { peer.stop() }
        let harness = try run(tls: TLSOptions(caFile: certificate.cert), peer: peer)
        let (connection, sink) = (harness.connection, harness.sink)
        defer { connection.shutdown() }
        #expect(await sink.wait { !$0.handshakes.isEmpty })
        #expect(sink.handshakes.first?.tls?.peerNotAfter == "after 2262-04-11")
    }
}
