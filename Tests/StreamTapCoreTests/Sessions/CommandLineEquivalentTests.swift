import Testing

@testable import StreamTapCore

/// "Copy as command": lines a shell runs exactly as the connection was made.
@Suite struct CommandLineEquivalentTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("ws://h:1/x", "ws://h:1/x"),
        ("ws://h:1/x?a=1", "'ws://h:1/x?a=1'"),
        ("two words", "'two words'"),
        ("it's", #"'it'\''s'"#),
        ("$HOME", "'$HOME'"),
        ("`id`", "'`id`'"),
        ("a&b", "'a&b'"),
        ("", "''"),
        ("\"q\"", #"'"q"'"#),
    ])
    func quotesForAPOSIXShell(word: String, quoted: String) {
        #expect(ShellQuoting.quote(word) == quoted)
    }

    static let webSocket = ConnectionHistory(
        id: 1,
        events: [
            StreamEvent(
                kind: .open(
                    Handshake(
                        url: "wss://h.example/feed?room=a b",
                        protocolKind: .websocket,
                        request: RequestHead(
                            method: "GET",
                            target: "/feed",
                            headers: [
                                ("Host", "h.example"), ("Upgrade", "websocket"), ("Connection", "Upgrade"),
                                ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="), ("Sec-WebSocket-Version", "13"),
                                ("Sec-WebSocket-Protocol", "chat.v2, chat.v1"), ("Origin", "https://h.example"),
                                ("X-Note", "it's $5"), ("User-Agent", "streamtap/0.1"),
                            ]
                        ),
                        response: ResponseHead(status: 101, reason: "Switching Protocols", headers: [])
                    )
                )
            )
        ]
    )

    static let sse = ConnectionHistory(
        id: 2,
        events: [
            StreamEvent(
                kind: .open(
                    Handshake(
                        url: "https://h.example/v1/stream",
                        protocolKind: .sse,
                        request: RequestHead(
                            method: "POST",
                            target: "/v1/stream",
                            headers: [("Host", "h.example"), ("Accept", "text/event-stream")]
                        ),
                        response: ResponseHead(status: 200, reason: "OK", headers: [])
                    )
                )
            )
        ]
    )

    @Test func websocat() throws {
        #expect(
            try CommandLineEquivalent.command(for: Self.webSocket, tool: .websocat)
                == #"websocat -H 'Origin: https://h.example' -H 'X-Note: it'\''s $5' --protocol 'chat.v2, chat.v1' 'wss://h.example/feed?room=a b'"#
        )
    }

    @Test func wscat() throws {
        #expect(
            try CommandLineEquivalent.command(for: Self.webSocket, tool: .wscat)
                == #"wscat -c 'wss://h.example/feed?room=a b' -H 'Origin: https://h.example' -H 'X-Note: it'\''s $5' -s chat.v2 -s chat.v1"#
        )
    }

    @Test func curlShowsTheUpgradeRequest() throws {
        #expect(
            try CommandLineEquivalent.command(for: Self.webSocket, tool: .curl)
                == #"curl -N --http1.1 -i -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' -H 'Sec-WebSocket-Protocol: chat.v2, chat.v1' -H 'Origin: https://h.example' -H 'X-Note: it'\''s $5' 'https://h.example/feed?room=a b'"#
        )
    }

    static func post(_ body: [UInt8]) -> ConnectionHistory {
        let request = RequestHead(
            method: "POST",
            target: "/v1/stream",
            headers: [("Accept", "text/event-stream"), ("Content-Type", "application/json")],
            body: body
        )
        let handshake = Handshake(
            url: "https://h.example/v1/stream",
            protocolKind: .sse,
            request: request,
            response: ResponseHead(status: 200, reason: "OK", headers: [])
        )
        return ConnectionHistory(id: 3, events: [StreamEvent(kind: .open(handshake))])
    }

    @Test func curlSendsTheRecordedBody() throws {
        #expect(
            try CommandLineEquivalent.command(for: Self.post(Array(#"{"prompt":"it's"}"#.utf8)), tool: .curl)
                == #"curl -N -H 'Accept: text/event-stream' -H 'Content-Type: application/json' --data-binary '{"prompt":"it'\''s"}' https://h.example/v1/stream"#
        )
        #expect(throws: CommandLineEquivalent.Unsupported.self) {
            try CommandLineEquivalent.command(for: Self.post([0x00, 0x01]), tool: .curl)
        }
    }

    @Test func curlForServerSentEvents() throws {
        #expect(
            try CommandLineEquivalent.command(for: Self.sse, tool: .curl)
                == "curl -N -X POST -H 'Accept: text/event-stream' https://h.example/v1/stream"
        )
        #expect(throws: CommandLineEquivalent.Unsupported.self) {
            try CommandLineEquivalent.command(for: Self.sse, tool: .websocat)
        }
    }
}
