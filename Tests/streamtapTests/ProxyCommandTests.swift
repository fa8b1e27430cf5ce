import Foundation
import StreamTapTestSupport
import Testing

/// `streamtap cat` with `--proxy`, `--no-proxy` and the proxy environment
/// variables, run as a user runs it.
@Suite(.requires(.streamtap)) struct ProxyCommandTests {
    /// Runs `streamtap` with `arguments` and, of the proxy variables, only
    /// those in `environment`.
    private func streamtap(_ arguments: [String], environment: [String: String] = [:]) async throws -> ProgramOutput {
        try await StreamtapCommand.run(
            arguments,
            environment: environment,
            baseEnvironment: ProcessInfo.processInfo.environment.filter { !$0.key.lowercased().hasSuffix("_proxy") }
        )
    }

    private func jsonLines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    @Test(.requires(.peerPython)) func theProxyVariableOfTheSchemeIsUsedAndTimed() async throws {
        let proxy = try await ConnectProxyPeer.start()
        defer { proxy.stop() }
        try await withDemoServer { server in
            let result = try await streamtap(
                ["cat", "--jsonl", "--reconnect", "off", "http://\(server.address)/sse/ticker?count=2&interval=20"],
                environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)", "HTTPS_PROXY": "http://127.0.0.1:1"]
            )
            #expect(result.status == 0, "\(result.stderr)")
            let open = try #require(jsonLines(result.stdout).first { $0["kind"] as? String == "open" })
            let timings = try #require(open["timings"] as? [String: Any])
            #expect(timings["proxyMs"] is Double)
            #expect(jsonLines(result.stdout).filter { $0["kind"] as? String == "event" }.count == 2)
            #expect(await proxy.requests(count: 1).map(\.target) == ["127.0.0.1:\(server.port)"])
        }
    }

    @Test(.requires(.peerPython)) func noProxyOnTheCommandLineGoesDirect() async throws {
        let proxy = try await ConnectProxyPeer.start()
        defer { proxy.stop() }
        try await withDemoServer { server in
            let result = try await streamtap(
                [
                    "cat", "--reconnect", "off", "--no-proxy", "127.0.0.1",
                    "http://\(server.address)/sse/ticker?count=1",
                ],
                environment: ["ALL_PROXY": "http://127.0.0.1:\(proxy.port)"]
            )
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains(#""seq":1"#))
            #expect(proxy.requests().isEmpty)
        }
    }

    @Test(.requires(.peerPython)) func aProxyWantingCredentialsExitsOneWithTheExplanation() async throws {
        let proxy = try await ConnectProxyPeer.start(credentials: "alice:s3cret")
        defer { proxy.stop() }
        try await withDemoServer { server in
            let result = try await streamtap([
                "cat", "--proxy", "127.0.0.1:\(proxy.port)", "ws://\(server.address)/ws/echo",
            ])
            #expect(result.status == 1)
            #expect(result.stderr.contains("407 Proxy Authentication Required: the proxy wants credentials"))
        }
    }

    @Test func badProxySettingsAreUsageErrors() async throws {
        let badVariable = try await streamtap(
            ["cat", "ws://127.0.0.1:1/"],
            environment: ["HTTPS_PROXY": "socks5://127.0.0.1:1080"]
        )
        #expect(badVariable.status == 2)
        #expect(badVariable.stderr.contains("the environment variable HTTPS_PROXY: SOCKS proxies are not supported"))
        let badOption = try await streamtap(["cat", "--proxy", "http://u:pw@p:99999", "ws://127.0.0.1:1/"])
        #expect(badOption.status == 2)
        #expect(badOption.stderr.contains("--proxy: invalid port '99999'") && !badOption.stderr.contains("pw"))
        let badList = try await streamtap(["cat", "--no-proxy", "a.example,b:c", "ws://127.0.0.1:1/"])
        #expect(badList.status == 2)
        #expect(badList.stderr.contains("--no-proxy: 'b:c' is not a host name"))
    }
}
