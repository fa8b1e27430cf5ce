import StreamTapCore
import StreamTapNet
import StreamTapTestSupport
import Testing

/// Auto-reconnect switched on a live SSE connection.
@Suite(.requires(.peerPython))
struct SSEConnectionSwitchTests {
    @Test func reconnectSwitchedOffEndsWithTheStream() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/retry"), options: StreamOptions())
        harness.connection.perform(.setReconnect(.off))
        #expect(harness.connection.settings.reconnect == .off)
        #expect(await harness.outcome() != nil)
        #expect(harness.sink.reconnects.isEmpty)
    }

    @Test func reconnectSwitchedOnReconnectsAfterTheStreamEnds() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/retry"))
        #expect(harness.connection.settings.reconnect == .off)
        harness.connection.perform(.setReconnect(try ReconnectPolicy(parsing: "spec:1")))
        #expect(harness.connection.settings.reconnect.mode == .spec)
        #expect(await harness.outcome() != nil)
        #expect(harness.sink.reconnects.first?.attempt == 2)
    }
}
