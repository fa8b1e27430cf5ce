import StreamTapCore
import Testing

@testable import StreamTapNet

/// Refused upgrades whose body does not end are reported at once, not at
/// the handshake timeout.
@Suite(.serialized) struct WebSocketRefusalTests {
    @Test func aWebSocketURLOnAnEventStreamSaysSoAtOnce() async throws {
        try await withDemoServer { server in
            let sink = CollectingSink()
            let connection = ConnectionFactory.make(
                endpoint: try Endpoint(parsing: "ws://\(server.address)/sse/ticker?interval=50"),
                options: StreamOptions(),
                sink: sink
            )
            connection.start()
            defer { connection.shutdown() }
            #expect(await sink.wait(seconds: 3) { _ in !sink.errors.isEmpty })
            let error = try #require(sink.errors.first)
            #expect(
                error.message
                    == "the server refused the WebSocket upgrade with 200 OK: it answered with a Server-Sent Events "
                    + "stream (use http:// or https:// to read it)"
            )
            #expect(error.response?.status == 200)
        }
    }
}
