import StreamTapCore
import StreamTapTestSupport
import Testing

@testable import StreamTapNet

/// Refused connections and refused upgrades whose body does not end are
/// reported at once, not at the handshake timeout.
@Suite(.serialized) struct WebSocketRefusalTests {
    @Test func aWebSocketURLOnAnEventStreamSaysSoAtOnce() async throws {
        try await withDemoServer { server in
            let harness = try ConnectionHarness.start(
                "ws://\(server.address)/sse/ticker?interval=50",
                options: StreamOptions()
            )
            let sink = harness.sink
            defer { harness.connection.shutdown() }
            #expect(await sink.wait(timeout: 3) { !$0.errors.isEmpty })
            let error = try #require(sink.errors.first)
            #expect(
                error.message
                    == "the server refused the WebSocket upgrade with 200 OK: it answered with a Server-Sent Events "
                    + "stream (use http:// or https:// to read it)"
            )
            #expect(error.response?.status == 200)
        }
    }

    @Test func connectionRefusedIsExplained() async throws {
        let port = try LoopbackPort.unused()
        let harness = try ConnectionHarness.start("ws://127.0.0.1:\(port)/", options: StreamOptions())
        #expect(await harness.outcome(within: 10) == .failed)
        #expect(
            harness.sink.errors.first?.message
                == "connection refused by 127.0.0.1:\(port): nothing is listening on port \(port)"
        )
    }
}
