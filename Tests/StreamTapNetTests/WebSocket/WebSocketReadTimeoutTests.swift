import StreamTapCore
import StreamTapTestSupport
import Testing

@testable import StreamTapNet

/// `--read-timeout` on a WebSocket: a session that goes silent counts as
/// lost, with a sentence saying so.
extension WebSocketPeerTests {
    @Test func aSilentSessionIsLostAfterTheReadTimeout() async throws {
        try await withPeer { peer in
            let sink = CollectingSink()
            let connection = try connect(
                "ws://127.0.0.1:\(peer.port)/ping",
                options: StreamOptions(connection: ConnectionOptions(readTimeoutMilliseconds: 400)),
                sink: sink
            )
            #expect(await connection.outcome(within: 10) == .failed)
            #expect(sink.incomingTexts == ["pong received"])
            #expect(
                sink.errors.map(\.message) == [
                    "the server sent nothing for 0.4 s (--read-timeout), so the connection counts as lost"
                ]
            )
            #expect(sink.closes.map(\.code) == [1006])
        }
    }
}
