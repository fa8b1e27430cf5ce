import Foundation
import StreamTapCore
import StreamTapNet
import Testing

/// `wss://` through the CONNECT proxy: TLS runs inside the tunnel, with
/// SNI and verification against the origin's name, which only the proxy
/// resolves.
@Suite struct ProxyTLSTests {
    /// A made-up name: this machine cannot resolve it, the proxy maps it to
    /// 127.0.0.1.
    private let originName = "echo.streamtap.test"

    /// A self-signed certificate for `originName`, made with `openssl`.
    private func makeCertificate(in directory: URL) async throws -> (cert: String, key: String) {
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
            "/CN=\(originName)", "-addext", "subjectAltName=DNS:\(originName)", "-keyout", key, "-out", cert,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning {
            try await Task.sleep(for: .milliseconds(20))
        }
        guard process.terminationStatus == 0 else {
            throw PeerProcess.PeerError(description: "openssl could not make a certificate")
        }
        return (cert, key)
    }

    @Test func secureWebSocketVerifiesTheOriginThroughTheTunnel() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "streamtap-proxy-tls-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = try await makeCertificate(in: directory)
        let started = try await LinePeer.start(
            script: "ws_peer_server.py",
            arguments: ["30", certificate.cert, certificate.key]
        )
        guard let peer = started else { return }
        defer { peer.stop() }
        guard let proxy = try await ConnectProxyPeer.start(resolve: [originName: "127.0.0.1"]) else { return }
        defer { proxy.stop() }

        let sink = CollectingSink()
        var options = StreamOptions()
        options.connection.proxy = proxy.settings
        options.connection.tls = TLSOptions(caFile: certificate.cert)
        let connection = ConnectionFactory.make(
            endpoint: try Endpoint(parsing: "wss://\(originName):\(peer.port)/echo"),
            options: options,
            sink: sink
        )
        connection.start()
        defer { connection.shutdown() }
        #expect(await sink.wait { _ in !sink.handshakes.isEmpty || !sink.errors.isEmpty })
        #expect(sink.errors.isEmpty, "\(sink.errors.map(\.message))")
        connection.perform(.sendText("sealed"))
        #expect(await sink.wait { _ in sink.incomingTexts == ["sealed"] })
        let handshake = try #require(sink.handshakes.first)
        #expect(handshake.tls?.peerSubject == "CN=\(originName)")
        #expect(handshake.timings.proxyMilliseconds != nil && handshake.timings.tlsMilliseconds != nil)
        #expect(await proxy.requests(count: 1).map(\.target) == ["\(originName):\(peer.port)"])
    }
}
