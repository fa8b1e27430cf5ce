import Testing

@testable import StreamTapCore

@Suite struct EndpointTests {
    @Test func websocketWithDefaults() throws {
        let endpoint = try Endpoint(parsing: "ws://example.org")
        #expect(
            endpoint == Endpoint(scheme: "ws", host: "example.org", port: 80, target: "/", protocolKind: .websocket)
        )
        #expect(endpoint.hostHeader == "example.org")
        #expect(!endpoint.usesTLS)
    }

    @Test func secureWithPortPathAndQuery() throws {
        let endpoint = try Endpoint(parsing: "WSS://h.example:8443/a/b?x=1&y=2#frag")
        #expect(
            endpoint
                == Endpoint(
                    scheme: "wss",
                    host: "h.example",
                    port: 8443,
                    target: "/a/b?x=1&y=2",
                    protocolKind: .websocket
                )
        )
        #expect(endpoint.hostHeader == "h.example:8443")
        #expect(endpoint.usesTLS)
    }

    @Test func ipv6Literal() throws {
        let endpoint = try Endpoint(parsing: "http://[::1]:9000/events")
        #expect(endpoint.host == "::1")
        #expect(endpoint.port == 9000)
        #expect(endpoint.protocolKind == .sse)
        #expect(endpoint.hostHeader == "[::1]:9000")
        #expect(endpoint.description == "http://[::1]:9000/events")
    }

    @Test func queryWithoutPath() throws {
        #expect(try Endpoint(parsing: "https://h?a=1").target == "/?a=1")
    }

    @Test func protocolOverride() throws {
        #expect(try Endpoint(parsing: "https://h/x", protocolOverride: .websocket).protocolKind == .websocket)
    }

    @Test(arguments: [
        ("example.org", "needs a scheme"),
        ("ftp://h/", "unsupported scheme 'ftp'"),
        ("ws://h:99999/", "invalid port '99999'"),
        ("ws://h:abc/", "invalid port 'abc'"),
        ("ws:///path", "no host"),
        ("ws://[::1/", "unterminated IPv6"),
    ])
    func clearErrors(text: String, fragment: String) {
        #expect {
            try Endpoint(parsing: text)
        } throws: { error in
            String(describing: error).contains(fragment)
        }
    }
}
