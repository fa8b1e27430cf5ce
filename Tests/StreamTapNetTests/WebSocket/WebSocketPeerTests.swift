import Foundation
import StreamTapCore
import StreamTapTestSupport
import Testing

@testable import StreamTapNet

/// The WebSocket engine against a real third-party server: the Python
/// `websockets` package (`Tests/Peers/ws_peer_server.py`) on 127.0.0.1.
@Suite(.serialized, .requires(.peerPython)) struct WebSocketPeerTests {
    /// Runs `body` with a fresh peer server.
    func withPeer(_ body: (WebSocketPeer) async throws -> Void) async throws {
        let peer = try await WebSocketPeer.start()
        defer { peer.stop() }
        try await body(peer)
    }

    /// Starts a connection to `url` whose events go to `sink`.
    func connect(
        _ url: String,
        options: StreamOptions = StreamOptions(),
        sink: CollectingSink
    ) throws -> ManagedConnection {
        try ConnectionHarness.start(url, options: options, sink: sink).connection
    }

    @Test func handshakeIsCapturedExactlyAsSentAndAnswered() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/headers?x=1", sink: sink)
            #expect(await connection.outcome(within: 10) == .normal)
            let handshake = try #require(sink.handshakes.first)
            #expect(handshake.protocolKind == .websocket)
            #expect(handshake.request.method == "GET")
            #expect(handshake.request.target == "/headers?x=1")
            #expect(handshake.response.status == 101)
            let key = try #require(handshake.request.headers.first("Sec-WebSocket-Key"))
            #expect(
                handshake.response.headers.first("Sec-WebSocket-Accept")
                    == WebSocketHandshakeRules.expectedAccept(forKey: key)
            )
            #expect(handshake.request.headers.first("Sec-WebSocket-Version") == "13")
            #expect(handshake.timings.connectMilliseconds != nil && handshake.timings.handshakeMilliseconds != nil)
            let seen = try #require(sink.incomingTexts.first)
            let serverView = try JSONSerialization.jsonObject(with: Data(seen.utf8)) as? [[String]]
            let recorded = handshake.request.headers.fields.map { [$0.name, $0.value] }
            #expect(serverView == recorded)
        }
    }

    @Test func echoWithPermessageDeflate() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/echo", sink: sink)
            let text = String(repeating: "compress me ", count: 100)
            connection.perform(.sendText(text))
            connection.perform(.sendBinary([0, 1, 2, 255]))
            #expect(await sink.wait { _ in sink.messages.filter { $0.direction == .incoming }.count == 2 })
            let incoming = sink.messages.filter { $0.direction == .incoming }
            #expect(incoming.map(\.payload) == [Array(text.utf8), [0, 1, 2, 255]])
            #expect(incoming[0].compressed && (incoming[0].wireLength ?? .max) < text.utf8.count)
            #expect(sink.handshakes.first?.extensions.first?.hasPrefix("permessage-deflate") == true)
            let outgoing = sink.frames.filter { $0.direction == .outgoing && $0.opcode == .text }
            #expect(outgoing.first?.rsv1 == true && outgoing.first?.masked == true)
            connection.shutdown()
            #expect(await connection.outcome(within: 10) == .normal)
        }
    }

    @Test func compressionCanBeTurnedOff() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect(
                "ws://127.0.0.1:\(peer.port)/echo",
                options: StreamOptions(webSocket: WebSocketOptions(deflate: nil)),
                sink: sink
            )
            connection.perform(.sendText("plain"))
            #expect(await sink.wait { _ in sink.incomingTexts == ["plain"] })
            #expect(sink.handshakes.first?.extensions == [])
            #expect(sink.handshakes.first?.request.headers.first("Sec-WebSocket-Extensions") == nil)
            #expect(sink.messages.allSatisfy { !$0.compressed })
            connection.shutdown()
        }
    }

    @Test func serverPingIsAnsweredWithTheSamePayload() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/ping", sink: sink)
            #expect(await sink.wait { _ in sink.incomingTexts == ["pong received"] })
            let ping = sink.frames.first { $0.opcode == .ping }
            let pong = sink.frames.first { $0.opcode == .pong }
            #expect(ping?.direction == .incoming && ping?.payload == Array("are you there".utf8))
            #expect(pong?.direction == .outgoing && pong?.payload == Array("are you there".utf8))
            connection.shutdown()
        }
    }

    @Test func autoPongOff() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect(
                "ws://127.0.0.1:\(peer.port)/ping",
                options: StreamOptions(autoPong: false),
                sink: sink
            )
            #expect(await sink.wait { _ in sink.frames.contains { $0.opcode == .ping } })
            try await Task.sleep(for: .milliseconds(300))
            #expect(!sink.frames.contains { $0.opcode == .pong })
            #expect(sink.incomingTexts.isEmpty)
            connection.shutdown()
        }
    }

    @Test func serverCloseCodeAndReasonAreReportedAndEchoed() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/close?code=4001&reason=bye", sink: sink)
            #expect(await connection.outcome(within: 10) == .failed)
            #expect(sink.closes == [CloseInfo(code: 4001, reason: "bye", initiator: .server)])
            let echoed = sink.frames.first { $0.direction == .outgoing && $0.opcode == .close }
            #expect(echoed?.payload.prefix(2) == [0x0F, 0xA1])
        }
    }

    /// A server restarting says 1012 (registered with IANA after RFC 6455);
    /// the `websockets` peer sends it, and it is a clean close, not a
    /// protocol error.
    @Test func serviceRestartIsACleanCloseNotAProtocolError() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/close?code=1012&reason=deploy", sink: sink)
            #expect(await connection.outcome(within: 10) == .failed)
            #expect(sink.closes == [CloseInfo(code: 1012, reason: "deploy", initiator: .server)])
            let echoed = sink.frames.first { $0.direction == .outgoing && $0.opcode == .close }
            #expect(echoed?.payload.prefix(2) == [0x03, 0xF4])
        }
    }

    @Test func normalCloseIsANormalOutcome() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/close?code=1000", sink: sink)
            #expect(await connection.outcome(within: 10) == .normal)
            #expect(sink.closes.first?.code == 1000)
        }
    }

    @Test func fragmentedMessagesAreReassembledAndEveryFrameShown() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect(
                "ws://127.0.0.1:\(peer.port)/fragments",
                options: StreamOptions(webSocket: WebSocketOptions(deflate: nil)),
                sink: sink
            )
            #expect(await sink.wait { _ in sink.messages.count == 2 })
            #expect(sink.incomingTexts == ["fragmented message"])
            #expect(sink.messages.last?.payload == [0, 1, 2])
            let textFrames = sink.frames.filter { $0.direction == .incoming }.prefix { $0.opcode != .binary }
            #expect(textFrames.count >= 3)
            #expect(
                textFrames.first?.opcode == .text && textFrames.dropFirst().allSatisfy { $0.opcode == .continuation }
            )
            #expect(textFrames.map(\.fin) == Array(repeating: false, count: textFrames.count - 1) + [true])
            connection.shutdown()
        }
    }

    @Test func refusedUpgradeShowsStatusHeadersAndBody() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/refuse", sink: sink)
            #expect(await connection.outcome(within: 10) == .failed)
            let error = try #require(sink.errors.first)
            #expect(error.message.contains("refused the WebSocket upgrade with 401"))
            #expect(error.message.contains("authentication required"))
            #expect(error.response?.status == 401)
            #expect(error.response?.headers.first("WWW-Authenticate") == #"Bearer realm="peer""#)
            #expect(error.response?.body == Array("no token, no stream\n".utf8))
            #expect(sink.handshakes.isEmpty)
        }
    }

    @Test func droppedConnectionIsReportedAs1006() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/drop", sink: sink)
            #expect(await connection.outcome(within: 10) == .failed)
            #expect(sink.incomingTexts == ["about to drop"])
            #expect(
                sink.closes == [
                    CloseInfo(code: 1006, reason: "connection lost without a close frame", initiator: .server)
                ]
            )
        }
    }

    @Test func subprotocolNegotiation() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect(
                "ws://127.0.0.1:\(peer.port)/subprotocol",
                options: StreamOptions(webSocket: WebSocketOptions(subprotocols: ["chat.v1"])),
                sink: sink
            )
            #expect(await connection.outcome(within: 10) == .normal)
            #expect(sink.handshakes.first?.subprotocol == "chat.v1")
            #expect(sink.incomingTexts == ["chat.v1"])
        }
    }

    @Test func reconnectsWithBackoffUntilTheAttemptLimit() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let options = StreamOptions(
                reconnect: ReconnectPolicy(
                    mode: .backoff,
                    minimumDelayMilliseconds: 20,
                    maximumDelayMilliseconds: 50,
                    maxAttempts: 1
                )
            )
            let connection = try connect("ws://127.0.0.1:\(peer.port)/drop", options: options, sink: sink)
            #expect(await connection.outcome(within: 10) == .failed)
            #expect(sink.handshakes.count == 2)
            #expect(sink.reconnects.filter { (20...50).contains($0.delay) }.map(\.attempt) == [2])
            #expect(sink.attempts == [1, 2])
        }
    }

    /// A shutdown at any point of the first attempt leaves nothing open:
    /// a session that the handshake completes afterwards is closed at once.
    @Test func shutdownWhileConnectingLeavesNoSessionOpen() async throws {
        try await withPeer { peer in
            for delay in [0, 1, 2, 5, 10] {
                let sink = CollectingSink()
                let connection = try connect("ws://127.0.0.1:\(peer.port)/echo", sink: sink)
                try await Task.sleep(for: .milliseconds(delay))
                connection.shutdown()
                #expect(await connection.outcome(within: 10) == .normal)
                try await Task.sleep(for: .milliseconds(300))
                #expect(
                    sink.handshakes.isEmpty || !sink.closes.isEmpty,
                    "a session opened after shutdown at \(delay) ms"
                )
            }
        }
    }

    @Test func shutdownCancelsAScheduledReconnection() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let options = StreamOptions(
                reconnect: ReconnectPolicy(mode: .backoff, minimumDelayMilliseconds: 150, maximumDelayMilliseconds: 150)
            )
            let connection = try connect("ws://127.0.0.1:\(peer.port)/drop", options: options, sink: sink)
            #expect(await sink.wait { $0.kinds.contains { if case .reconnect = $0 { true } else { false } } })
            connection.shutdown()
            #expect(await connection.outcome(within: 10) == .normal)
            try await Task.sleep(for: .milliseconds(400))
            #expect(sink.attempts.count == 1)
        }
    }

    @Test func reconnectNowResendsTheOnConnectMessages() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let options = StreamOptions(webSocket: WebSocketOptions(onConnectMessages: ["subscribe"]))
            let connection = try connect("ws://127.0.0.1:\(peer.port)/echo", options: options, sink: sink)
            #expect(await sink.wait { _ in sink.incomingTexts == ["subscribe"] })
            connection.perform(.reconnect)
            #expect(await sink.wait { _ in sink.incomingTexts == ["subscribe", "subscribe"] })
            #expect(sink.handshakes.count == 2)
            connection.shutdown()
            #expect(await connection.outcome(within: 10) == .normal)
        }
    }

    @Test func fragmentedSendArrivesAsOneMessage() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect(
                "ws://127.0.0.1:\(peer.port)/echo",
                options: StreamOptions(webSocket: WebSocketOptions(deflate: nil)),
                sink: sink
            )
            connection.perform(
                .webSocket(
                    .sendFragmented(opcode: .text, payload: Array("one message, three frames".utf8), fragments: 3)
                )
            )
            #expect(await sink.wait { _ in sink.incomingTexts == ["one message, three frames"] })
            let sent = sink.frames.filter { $0.direction == .outgoing }
            #expect(sent.map(\.opcode) == [.text, .continuation, .continuation])
            #expect(sent.map(\.fin) == [false, false, true])
            connection.shutdown()
        }
    }

    @Test func anUnmaskedRawFrameMakesTheServerFailTheConnection() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/echo", sink: sink)
            #expect(await sink.wait { _ in !sink.handshakes.isEmpty })
            connection.perform(
                .webSocket(.sendRawFrame(FrameInfo(direction: .outgoing, opcode: .text, payload: Array("bare".utf8))))
            )
            #expect(await connection.outcome(within: 10) == .failed)
            #expect(sink.frames.first { $0.direction == .outgoing }?.masked == false)
            #expect(sink.closes.first?.code == 1002)
            #expect(sink.closes.first?.initiator == .server)
        }
    }
}
