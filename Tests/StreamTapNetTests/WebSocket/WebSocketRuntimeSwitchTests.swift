import StreamTapCore
import StreamTapTestSupport
import Testing

@testable import StreamTapNet

/// Automatic pong and auto-reconnect switched on a live WebSocket
/// connection, against the Python peer.
extension WebSocketPeerTests {
    @Test func autoPongCanBeSwitchedOffAndOnDuringASession() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/pings?rounds=60", sink: sink)
            #expect(connection.settings.autoPong)
            #expect(await sink.wait { _ in sink.incomingTexts.contains("pong") })
            connection.perform(.webSocket(.setAutoPong(false)))
            #expect(await sink.wait { _ in sink.incomingTexts.contains("no pong") })
            #expect(!connection.settings.autoPong)
            let unanswered = sink.incomingTexts.count
            connection.perform(.webSocket(.setAutoPong(true)))
            #expect(await sink.wait { _ in sink.incomingTexts.dropFirst(unanswered).contains("pong") })
            #expect(sink.handshakes.count == 1)
            connection.shutdown()
            #expect(await connection.outcome(within: 10) == .normal)
        }
    }

    @Test func autoPongOffLastsAcrossAReconnection() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/ping", sink: sink)
            #expect(await sink.wait { _ in sink.incomingTexts == ["pong received"] })
            connection.perform(.webSocket(.setAutoPong(false)))
            connection.perform(.reconnect)
            #expect(await sink.wait { _ in sink.frames.filter { $0.opcode == .ping }.count == 2 })
            try await Task.sleep(for: .milliseconds(300))
            #expect(sink.frames.filter { $0.opcode == .pong }.count == 1)
            #expect(sink.incomingTexts == ["pong received"])
            connection.shutdown()
        }
    }

    @Test func reconnectSwitchedOffStopsReconnecting() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let options = StreamOptions(
                reconnect: ReconnectPolicy(mode: .backoff, minimumDelayMilliseconds: 20, maximumDelayMilliseconds: 50)
            )
            let connection = try connect("ws://127.0.0.1:\(peer.port)/drop", options: options, sink: sink)
            connection.perform(.setReconnect(.off))
            #expect(connection.settings.reconnect == .off)
            #expect(await connection.outcome(within: 10) == .failed)
            #expect(sink.handshakes.count == 1)
            #expect(!sink.kinds.contains { if case .reconnect = $0 { true } else { false } })
        }
    }

    @Test func reconnectSwitchedOnReconnects() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect("ws://127.0.0.1:\(peer.port)/drop", sink: sink)
            #expect(connection.settings.reconnect == .off)
            connection.perform(
                .setReconnect(
                    ReconnectPolicy(
                        mode: .backoff,
                        minimumDelayMilliseconds: 20,
                        maximumDelayMilliseconds: 50,
                        maxAttempts: 1
                    )
                )
            )
            #expect(await connection.outcome(within: 10) == .failed)
            #expect(sink.handshakes.count == 2)
        }
    }
}
