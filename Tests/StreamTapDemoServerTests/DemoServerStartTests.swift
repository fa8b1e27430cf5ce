import StreamTapDemoServer
import Testing

/// Starting and stopping the demo server through its public API.
@Suite struct DemoServerStartTests {
    @Test func portZeroBindsAFreePortOnLoopback() async throws {
        let server = try await DemoServer.start(configuration: DemoServerConfiguration())
        #expect(server.host == "127.0.0.1")
        #expect(server.port > 0)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        try await server.shutdown()
    }

    @Test func aPortInUseIsExplained() async throws {
        let first = try await DemoServer.start(configuration: DemoServerConfiguration())
        var configuration = DemoServerConfiguration()
        configuration.port = first.port
        do {
            let second = try await DemoServer.start(configuration: configuration)
            try await second.shutdown()
            Issue.record("a second server bound port \(first.port)")
        } catch let error as DemoServer.StartError {
            #expect(
                error.description
                    == "port \(first.port) is already in use: choose another with --port, or --port 0 for a free one"
            )
        }
        try await first.shutdown()
    }

    @Test func refusesAConfigurationItCannotHonour() async throws {
        var configuration = DemoServerConfiguration()
        configuration.maxConnections = 0
        await #expect(throws: DemoServer.StartError.self) {
            try await DemoServer.start(configuration: configuration)
        }
    }

    @Test(arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("localhost", true), ("::1", true),
        ("0.0.0.0", false), ("192.168.1.10", false), ("::", false), ("127.0.0.256", false),
    ])
    func knowsWhichHostsAreLoopback(host: String, loopback: Bool) {
        #expect(DemoServerConfiguration(host: host).isLoopback == loopback)
    }
}
