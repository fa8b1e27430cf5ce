import Foundation
import StreamTapCore
import StreamTapTestSupport
import Testing

@testable import StreamTapNet

/// `wss://` against certificates that must be refused even when their
/// issuer is trusted: one that has expired, and one for another host name.
/// Each refusal says what is wrong and what to try.
/// An untrusted self-signed certificate is named as such.
@Suite(.serialized, .requires(.peerPython, .openssl)) struct HostileTLSTests {
    /// Connects to the Python peer serving the certificate, trusting it as
    /// its own authority if `trusted`, and returns the error sentences.
    func refusal(days: Int, subjectAltName: String, trusted: Bool = true) async throws -> [String] {
        try await refusal(trusted: trusted) { folder in
            try await TestCertificate.selfSigned(
                in: folder,
                subject: "/CN=streamtap-hostile",
                subjectAltName: subjectAltName,
                days: days
            )
        }
    }

    /// Makes a self-signed certificate for 127.0.0.1 valid only from the
    /// year 3000 (past what nanoseconds since 1970 can hold), with
    /// `openssl ca`, the tool that can set the start date.
    func makeFutureCertificate(in folder: TemporaryFolder) async throws -> TestCertificate {
        let configuration = """
            [ ca ]
            default_ca = authority
            [ authority ]
            database = \(folder.path("index.txt"))
            new_certs_dir = \(folder.path)
            serial = \(folder.path("serial"))
            default_md = sha256
            policy = any
            copy_extensions = copy
            [ any ]
            commonName = supplied
            """
        try folder.write(configuration, to: "ca.cnf")
        try folder.write("", to: "index.txt")
        try folder.write("01\n", to: "serial")
        try await OpenSSL.run([
            "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=streamtap-future", "-addext",
            "subjectAltName=IP:127.0.0.1", "-keyout", folder.path("key.pem"), "-out", folder.path("request.csr"),
        ])
        try await OpenSSL.run([
            "ca", "-config", folder.path("ca.cnf"), "-selfsign", "-keyfile", folder.path("key.pem"), "-in",
            folder.path("request.csr"), "-startdate", "30000101000000Z", "-enddate", "30010101000000Z", "-batch",
            "-out", folder.path("cert.pem"),
        ])
        return TestCertificate(cert: folder.path("cert.pem"), key: folder.path("key.pem"))
    }

    func refusal(
        trusted: Bool = true,
        certificate make: (TemporaryFolder) async throws -> TestCertificate
    ) async throws -> [String] {
        let folder = try TemporaryFolder("streamtap-tls")
        defer { folder.remove() }
        let certificate = try await make(folder)
        let peer = try await WebSocketPeer.start(certificate: certificate)
        defer { peer.stop() }
        var options = StreamOptions(connection: HostilePeer.connectionOptions())
        options.connection.tls = TLSOptions(caFile: trusted ? certificate.cert : nil)
        let (sink, outcome) = try await HostilePeer.webSocket(peer.url("/echo"), options: options)
        #expect(outcome == .failed)
        #expect(sink.handshakes.isEmpty)
        return sink.errors.map(\.message)
    }

    @Test func aCertificateForAnotherHostIsRefusedNamingTheHost() async throws {
        let errors = try await refusal(days: 2, subjectAltName: "DNS:wrong.example")
        #expect(
            errors == [
                "the TLS certificate is not valid for the host name '127.0.0.1' "
                    + "(connect with a name the certificate lists, or --insecure to skip verification)"
            ]
        )
    }

    @Test func anExpiredCertificateIsRefusedSayingItExpired() async throws {
        let errors = try await refusal(days: -1, subjectAltName: "IP:127.0.0.1")
        let message = try #require(errors.first)
        #expect(message.hasPrefix("the TLS certificate of 127.0.0.1 expired on "), "\(message)")
        #expect(message.hasSuffix("; the server must renew it (--insecure skips verification)"))
    }

    @Test func anUntrustedSelfSignedCertificateIsNamedSelfSigned() async throws {
        let errors = try await refusal(days: 2, subjectAltName: "IP:127.0.0.1", trusted: false)
        #expect(
            errors == [
                "the TLS certificate of 127.0.0.1 is self-signed and not trusted "
                    + "(use --cacert to trust its CA, or --insecure to skip verification)"
            ]
        )
    }

    @Test func aCertificateValidOnlyFromTheYear3000IsNamedNotYetValid() async throws {
        let errors = try await refusal(certificate: makeFutureCertificate)
        #expect(
            errors == [
                "the TLS certificate of 127.0.0.1 is not valid until a date after 2262-04-11; check this machine's "
                    + "clock or the server's certificate (--insecure skips verification)"
            ]
        )
    }
}
