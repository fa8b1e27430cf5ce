import StreamTapDemoServer

/// Runs `body` against a demo server on 127.0.0.1 and a free port, and
/// shuts the server down afterwards, also when `body` throws.
public func withDemoServer<Result: Sendable>(
    _ configuration: DemoServerConfiguration = DemoServerConfiguration(),
    _ body: (DemoServer) async throws -> Result
) async throws -> Result {
    let server = try await DemoServer.start(configuration: configuration)
    do {
        let result = try await body(server)
        try await server.shutdown()
        return result
    } catch {
        try? await server.shutdown()
        throw error
    }
}

extension DemoServer {
    /// `127.0.0.1:port`, the address clients connect to.
    public var address: String { "\(host):\(port)" }
}
