import Foundation
import StreamTapCore
import StreamTapNet
import StreamTapTestSupport
import Testing

/// Both protocols through a real HTTP CONNECT proxy
/// (`Tests/Peers/connect_proxy.py`) to the demo server.
@Suite struct ProxyTunnelTests {
    private func webSocket(_ url: String, proxy: ProxySettings?) throws -> (CollectingSink, ManagedConnection) {
        var options = StreamOptions()
        options.connection.proxy = proxy
        let harness = try ConnectionHarness.start(url, options: options)
        return (harness.sink, harness.connection)
    }

    private func sse(
        _ url: String,
        proxy: ProxySettings?,
        reconnect: ReconnectPolicy = .off
    ) throws -> ConnectionHarness {
        var options = StreamOptions(reconnect: reconnect)
        options.connection.proxy = proxy
        return try ConnectionHarness.start(url, options: options)
    }

    @Test(.requires(.peerPython)) func aWebSocketEchoGoesThroughTheTunnel() async throws {
        let proxy = try await ConnectProxyPeer.start()
        defer { proxy.stop() }
        try await withDemoServer { server in
            let (sink, connection) = try webSocket("ws://\(server.address)/ws/echo", proxy: proxy.settings)
            defer { connection.shutdown() }
            #expect(await sink.wait { _ in !sink.handshakes.isEmpty })
            connection.perform(.sendText("through the proxy"))
            #expect(await sink.wait { _ in sink.incomingTexts == ["through the proxy"] })
            let requests = await proxy.requests(count: 1)
            #expect(requests.map(\.method) == ["CONNECT"])
            #expect(requests.map(\.target) == ["127.0.0.1:\(server.port)"])
            #expect(requests.first?.headers.contains(["Host", "127.0.0.1:\(server.port)"]) == true)
            #expect(requests.first?.authorization == nil)
            let timings = try #require(sink.handshakes.first?.timings)
            #expect(timings.proxyMilliseconds != nil && timings.connectMilliseconds != nil)
            #expect(timings.tlsMilliseconds == nil)
            // The request inside the tunnel is the ordinary origin-form GET.
            #expect(sink.handshakes.first?.request.target == "/ws/echo")
        }
    }

    @Test(.requires(.peerPython)) func anEventStreamGoesThroughTheTunnel() async throws {
        let proxy = try await ConnectProxyPeer.start()
        defer { proxy.stop() }
        try await withDemoServer { server in
            let harness = try sse("http://\(server.address)/sse/ticker?count=3&interval=20", proxy: proxy.settings)
            #expect(await harness.outcome() == .normal)
            #expect(harness.sink.sseEvents.map(\.lastEventID) == ["1", "2", "3"])
            #expect(harness.sink.handshakes.first?.timings.proxyMilliseconds != nil)
            let requests = await proxy.requests(count: 1)
            #expect(requests.map(\.target) == ["127.0.0.1:\(server.port)"])
            #expect(requests.map(\.status) == [200])
        }
    }

    @Test(.requires(.peerPython)) func a407WithoutCredentialsIsExplainedAndNotRetried() async throws {
        let proxy = try await ConnectProxyPeer.start(credentials: "alice:s3cret")
        defer { proxy.stop() }
        try await withDemoServer { server in
            // `spec` retries connections that fail; a 407 is not one of them.
            let harness = try sse(
                "http://\(server.address)/sse/ticker?count=3",
                proxy: proxy.settings,
                reconnect: ReconnectPolicy(mode: .spec)
            )
            #expect(await harness.outcome() == .failed)
            let message = try #require(harness.sink.errors.first?.message)
            #expect(message.contains("the proxy 127.0.0.1:\(proxy.port) answered CONNECT 127.0.0.1:\(server.port)"))
            #expect(message.contains("407 Proxy Authentication Required"))
            #expect(message.contains("the proxy wants credentials (put them in the --proxy URL"))
            #expect(message.contains(#"Basic realm="streamtap-test""#))
            #expect(harness.sink.handshakes.isEmpty && harness.sink.reconnects.isEmpty)
            #expect(await proxy.requests(count: 1).map(\.status) == [407])
        }
    }

    @Test(.requires(.peerPython)) func credentialsFromTheProxyURLAreSentAsBasic() async throws {
        let proxy = try await ConnectProxyPeer.start(credentials: "alice:p@ss word")
        defer { proxy.stop() }
        try await withDemoServer { server in
            let settings = ProxySettings(
                proxy: try ProxyServer(parsing: "http://alice:p%40ss%20word@127.0.0.1:\(proxy.port)")
            )
            let (sink, connection) = try webSocket("ws://\(server.address)/ws/echo", proxy: settings)
            defer { connection.shutdown() }
            connection.perform(.sendText("authorized"))
            #expect(await sink.wait { _ in sink.incomingTexts == ["authorized"] })
            let requests = await proxy.requests(count: 1)
            #expect(requests.map(\.authorization) == ["Basic " + Base64.encode(Array("alice:p@ss word".utf8))])
            #expect(requests.map(\.status) == [200])

            let wrong = ProxySettings(proxy: ProxyServer(host: "127.0.0.1", port: proxy.port, username: "alice"))
            let (refused, second) = try webSocket("ws://\(server.address)/ws/echo", proxy: wrong)
            defer { second.shutdown() }
            #expect(await refused.wait { _ in !refused.errors.isEmpty })
            #expect(refused.errors.first?.message.contains("the proxy rejected the credentials") == true)
        }
    }

    @Test(.requires(.peerPython)) func noProxyHostsAreReachedDirectly() async throws {
        let proxy = try await ConnectProxyPeer.start()
        defer { proxy.stop() }
        try await withDemoServer { server in
            let settings = try #require(
                try ProxySettings.resolve(
                    proxy: nil,
                    noProxy: nil,
                    environment: ["http_proxy": "127.0.0.1:\(proxy.port)", "NO_PROXY": "example.com, 127.0.0.1"]
                )
            )
            let harness = try sse("http://\(server.address)/sse/ticker?count=2&interval=20", proxy: settings)
            #expect(await harness.outcome() == .normal)
            #expect(harness.sink.sseEvents.count == 2)
            #expect(harness.sink.handshakes.first?.timings.proxyMilliseconds == nil)
            try await Task.sleep(for: .milliseconds(100))
            #expect(proxy.requests().isEmpty)

            // The same settings without the bypass do go through the proxy.
            var through = settings
            through.bypass = ProxyBypassList(parsing: "example.com")
            let proxied = try sse("http://\(server.address)/sse/ticker?count=1&interval=20", proxy: through)
            #expect(await proxied.outcome() == .normal)
            #expect(await proxy.requests(count: 1).map(\.target) == ["127.0.0.1:\(server.port)"])
        }
    }

    @Test(.requires(.peerPython)) func aTargetTheProxyCannotReachIsA502AndRetryable() async throws {
        let proxy = try await ConnectProxyPeer.start()
        defer { proxy.stop() }
        let port = try await withDemoServer { server in server.port }
        let harness = try sse(
            "http://127.0.0.1:\(port)/sse/ticker",
            proxy: proxy.settings,
            reconnect: ReconnectPolicy(mode: .spec)
        )
        defer { harness.connection.shutdown() }
        #expect(await harness.sink.wait { !$0.reconnects.isEmpty })
        let message = try #require(harness.sink.errors.first?.message)
        #expect(message.contains("with 502 Bad Gateway: the proxy could not open the tunnel"))
    }

    @Test func aProxyThatIsNotListeningIsNamedInTheError() async throws {
        let port = try await withDemoServer { server in server.port }
        try await withDemoServer { server in
            let settings = ProxySettings(proxy: ProxyServer(host: "127.0.0.1", port: port))
            let (sink, connection) = try webSocket("ws://\(server.address)/ws/echo", proxy: settings)
            defer { connection.shutdown() }
            #expect(await sink.wait { _ in !sink.errors.isEmpty })
            #expect(
                sink.errors.first?.message
                    == "connection refused by the proxy 127.0.0.1:\(port): nothing is listening on port \(port)"
            )
        }
    }
}
