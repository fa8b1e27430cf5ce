/// A certificate and its private key in PEM files, made for a test.
public struct TestCertificate: Sendable {
    /// The certificate file.
    public let cert: String
    /// The private key file.
    public let key: String

    public init(cert: String, key: String) {
        self.cert = cert
        self.key = key
    }

    /// A self-signed RSA certificate in `folder` for `subject` (e.g.
    /// `/CN=streamtap-test`) and the names in `subjectAltName` (e.g.
    /// `IP:127.0.0.1,DNS:localhost`), valid for `days` from now (negative:
    /// it has already expired).
    public static func selfSigned(
        in folder: TemporaryFolder,
        subject: String = "/CN=streamtap-test",
        subjectAltName: String = "IP:127.0.0.1",
        days: Int = 2
    ) async throws -> TestCertificate {
        let certificate = TestCertificate(cert: folder.path("cert.pem"), key: folder.path("key.pem"))
        let request = folder.path("request.csr")
        try await OpenSSL.run([
            "req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-addext", "subjectAltName=\(subjectAltName)",
            "-keyout", certificate.key, "-out", request,
        ])
        try await OpenSSL.run([
            "x509", "-req", "-in", request, "-signkey", certificate.key, "-days", String(days), "-copy_extensions",
            "copy", "-out", certificate.cert,
        ])
        return certificate
    }
}
