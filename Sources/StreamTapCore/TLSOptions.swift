/// How to verify the server and who we are, for `wss://` and `https://`.
public struct TLSOptions: Sendable, Equatable {
    /// Skip certificate verification (shown as a warning in the UI).
    public var insecure: Bool
    /// A PEM file of certificate authorities to trust instead of the system's.
    public var caFile: String?
    /// A PEM client certificate (chain) and its private key, for mutual TLS.
    public var certificateFile: String?
    public var privateKeyFile: String?

    public init(
        insecure: Bool = false,
        caFile: String? = nil,
        certificateFile: String? = nil,
        privateKeyFile: String? = nil
    ) {
        self.insecure = insecure
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.privateKeyFile = privateKeyFile
    }
}
