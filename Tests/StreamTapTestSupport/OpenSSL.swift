/// The `openssl` command line tool, for test certificates.
public enum OpenSSL {
    /// Runs `openssl` with `arguments`; throws with what it said when it
    /// fails, and ``PrerequisiteMissing`` when it is not installed.
    public static func run(_ arguments: [String]) async throws {
        let output = try await Program.start(Prerequisite.openssl.require(), arguments, timeout: 30).finished()
        guard output.status == 0 else {
            throw PeerFailure(description: "openssl \(arguments.first ?? "") failed: \(output.stderr)")
        }
    }
}
