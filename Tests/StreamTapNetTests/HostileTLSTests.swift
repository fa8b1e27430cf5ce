import Foundation
import StreamTapCore
import Testing

@testable import StreamTapNet

/// `wss://` against certificates that must be refused even when their
/// issuer is trusted: one that has expired, and one for another host name.
/// Each refusal says what is wrong and what to try.
/// An untrusted self-signed certificate is named as such.
@Suite(.serialized) struct HostileTLSTests {
    /// Makes a self-signed certificate with `openssl`: valid for `days`
    /// (negative: already expired) and for the names in `subjectAltName`.
    func makeCertificate(in directory: URL, days: Int, subjectAltName: String) throws -> (cert: String, key: String) {
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let request = directory.appendingPathComponent("request.csr").path
        try openssl([
            "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=streamtap-hostile", "-addext",
            "subjectAltName=\(subjectAltName)", "-keyout", key, "-out", request,
        ])
        try openssl([
            "x509", "-req", "-in", request, "-signkey", key, "-days", String(days), "-copy_extensions", "copy",
            "-out", cert,
        ])
        return (cert, key)
    }

    func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PeerProcess.PeerError(description: "openssl \(arguments.first ?? "") failed")
        }
    }

    /// Connects to the Python peer serving the certificate, trusting it as
    /// its own authority if `trusted`, and returns the error sentences.
    func refusal(days: Int, subjectAltName: String, trusted: Bool = true) async throws -> [String]? {
        try await refusal(trusted: trusted) { directory in
            try makeCertificate(in: directory, days: days, subjectAltName: subjectAltName)
        }
    }

    /// Makes a self-signed certificate for 127.0.0.1 valid only from the
    /// year 3000 (past what nanoseconds since 1970 can hold), with
    /// `openssl ca`, the tool that can set the start date.
    func makeFutureCertificate(in directory: URL) throws -> (cert: String, key: String) {
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        let configuration = """
            [ ca ]
            default_ca = authority
            [ authority ]
            database = \(path("index.txt"))
            new_certs_dir = \(directory.path)
            serial = \(path("serial"))
            default_md = sha256
            policy = any
            copy_extensions = copy
            [ any ]
            commonName = supplied
            """
        try configuration.write(toFile: path("ca.cnf"), atomically: true, encoding: .utf8)
        try "".write(toFile: path("index.txt"), atomically: true, encoding: .utf8)
        try "01\n".write(toFile: path("serial"), atomically: true, encoding: .utf8)
        try openssl([
            "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=streamtap-future", "-addext",
            "subjectAltName=IP:127.0.0.1", "-keyout", path("key.pem"), "-out", path("request.csr"),
        ])
        try openssl([
            "ca", "-config", path("ca.cnf"), "-selfsign", "-keyfile", path("key.pem"), "-in", path("request.csr"),
            "-startdate", "30000101000000Z", "-enddate", "30010101000000Z", "-batch", "-out", path("cert.pem"),
        ])
        return (path("cert.pem"), path("key.pem"))
    }

    func refusal(
        trusted: Bool = true,
        certificate make: (URL) throws -> (cert: String, key: String)
    ) async throws -> [String]? {
        guard let python = try PeerProcess.python() else { return nil }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("streamtap-tls-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = try make(directory)
        let peer = try await PeerProcess.start(
            python: python,
            script: "ws_peer_server.py",
            arguments: ["30", certificate.cert, certificate.key]
        )
        defer { peer.stop() }
        var options = StreamOptions(connection: HostilePeer.connectionOptions())
        options.connection.tls = TLSOptions(caFile: trusted ? certificate.cert : nil)
        let (sink, outcome) = try await HostilePeer.webSocket("wss://127.0.0.1:\(peer.port)/echo", options: options)
        #expect(outcome == .failed)
        #expect(sink.handshakes.isEmpty)
        return sink.errors.map(\.message)
    }

    @Test func aCertificateForAnotherHostIsRefusedNamingTheHost() async throws {
        guard let errors = try await refusal(days: 2, subjectAltName: "DNS:wrong.example") else { return }
        #expect(
            errors == [
                "the TLS certificate is not valid for the host name '127.0.0.1' "
                    + "(connect with a name the certificate lists, or --insecure to skip verification)"
            ]
        )
    }

    @Test func anExpiredCertificateIsRefusedSayingItExpired() async throws {
        guard let errors = try await refusal(days: -1, subjectAltName: "IP:127.0.0.1") else { return }
        let message = try #require(errors.first)
        #expect(message.hasPrefix("the TLS certificate of 127.0.0.1 expired on "), "\(message)")
        #expect(message.hasSuffix("; the server must renew it (--insecure skips verification)"))
    }

    @Test func anUntrustedSelfSignedCertificateIsNamedSelfSigned() async throws {
        guard let errors = try await refusal(days: 2, subjectAltName: "IP:127.0.0.1", trusted: false) else { return }
        #expect(
            errors == [
                "the TLS certificate of 127.0.0.1 is self-signed and not trusted "
                    + "(use --cacert to trust its CA, or --insecure to skip verification)"
            ]
        )
    }

    @Test func aCertificateValidOnlyFromTheYear3000IsNamedNotYetValid() async throws {
        guard let errors = try await refusal(certificate: makeFutureCertificate) else { return }
        #expect(
            errors == [
                "the TLS certificate of 127.0.0.1 is not valid until a date after 2262-04-11; check this machine's "
                    + "clock or the server's certificate (--insecure skips verification)"
            ]
        )
    }
}
