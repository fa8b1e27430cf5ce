import Foundation
import StreamTapCore
import StreamTapNet
import StreamTapTestSupport
import Testing

/// `wss://` through the CONNECT proxy: TLS runs inside the tunnel, with
/// SNI and verification against the origin's name, which only the proxy
/// resolves.
@Suite(.requires(.peerPython, .openssl)) struct ProxyTLSTests {
    /// A made-up name: this machine cannot resolve it, the proxy maps it to
    /// 127.0.0.1.
    private let originName = "echo.streamtap.test"

    @Test func secureWebSocketVerifiesTheOriginThroughTheTunnel() async throws {
        let folder = try TemporaryFolder("streamtap-proxy-tls")
        defer { folder.remove() }
        let certificate = try await TestCertificate.selfSigned(
            in: folder,
            subject: "/CN=\(originName)",
            subjectAltName: "DNS:\(originName)"
        )
        let peer = try await WebSocketPeer.start(certificate: certificate)
        defer { peer.stop() }
        let proxy = try await ConnectProxyPeer.start(resolve: [originName: "127.0.0.1"])
        defer { proxy.stop() }

        var options = StreamOptions()
        options.connection.proxy = proxy.settings
        options.connection.tls = TLSOptions(caFile: certificate.cert)
        let harness = try ConnectionHarness.start("wss://\(originName):\(peer.port)/echo", options: options)
        let (connection, sink) = (harness.connection, harness.sink)
        defer { connection.shutdown() }
        #expect(await sink.wait { !$0.handshakes.isEmpty || !$0.errors.isEmpty })
        #expect(sink.errors.isEmpty, "\(sink.errors.map(\.message))")
        connection.perform(.sendText("sealed"))
        #expect(await sink.wait { $0.incomingTexts == ["sealed"] })
        let handshake = try #require(sink.handshakes.first)
        #expect(handshake.tls?.peerSubject == "CN=\(originName)")
        #expect(handshake.timings.proxyMilliseconds != nil && handshake.timings.tlsMilliseconds != nil)
        #expect(await proxy.requests(count: 1).map(\.target) == ["\(originName):\(peer.port)"])
    }
}
