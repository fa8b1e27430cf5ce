import Foundation
import StreamTapCore
import Testing

@testable import StreamTapNet

/// `wss://` against the Python peer serving a self-signed certificate.
@Suite(.serialized) struct WebSocketTLSTests {
    /// A self-signed certificate for 127.0.0.1 and localhost, made with the
    /// `openssl` command line tool.
    func makeCertificate(in directory: URL, days: Int = 2) throws -> (cert: String, key: String) {
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", String(days), "-subj",
            "/CN=streamtap-test/O=StreamTap Tests",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", cert,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PeerProcess.PeerError(description: "openssl could not make a certificate")
        }
        return (cert, key)
    }

    func run(tls: TLSOptions, peer: PeerProcess) throws -> (CollectingSink, ManagedConnection) {
        let sink = CollectingSink()
        var options = StreamOptions()
        options.connection.tls = tls
        let connection = ConnectionFactory.make(
            endpoint: try Endpoint(parsing: "wss://127.0.0.1:\(peer.port)/echo"),
            options: options,
            sink: sink
        )
        connection.start()
        return (sink, connection)
    }

    @Test func selfSignedCertificateIsRejectedByDefaultAndAcceptedWhenAsked() async throws {
        guard let python = try PeerProcess.python() else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "streamtap-tls-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = try makeCertificate(in: directory)
        let peer = try await PeerProcess.start(
            python: python,
            script: "ws_peer_server.py",
            arguments: ["30", certificate.cert, certificate.key]
        )
        defer { peer.stop() }

        let (rejected, first) = try run(tls: TLSOptions(), peer: peer)
        #expect(await rejected.wait { _ in !rejected.errors.isEmpty })
        let message = rejected.errors.first?.message ?? ""
        #expect(message.contains("is self-signed and not trusted") && message.contains("--insecure"))
        #expect(rejected.handshakes.isEmpty)
        first.shutdown()

        for tls in [TLSOptions(insecure: true), TLSOptions(caFile: certificate.cert)] {
            let (sink, connection) = try run(tls: tls, peer: peer)
            #expect(await sink.wait { _ in !sink.handshakes.isEmpty })
            connection.perform(.sendText("over TLS"))
            #expect(await sink.wait { _ in sink.incomingTexts == ["over TLS"] })
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
        guard let python = try PeerProcess.python() else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "streamtap-tls-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = try makeCertificate(in: directory, days: 100_000)
        let peer = try await PeerProcess.start(
            python: python,
            script: "ws_peer_server.py",
            arguments: ["30", certificate.cert, certificate.key]
        )
        defer { peer.stop() }
        let (sink, connection) = try run(tls: TLSOptions(caFile: certificate.cert), peer: peer)
        defer { connection.shutdown() }
        #expect(await sink.wait { _ in !sink.handshakes.isEmpty })
        #expect(sink.handshakes.first?.tls?.peerNotAfter == "after 2262-04-11")
    }
}
