import Foundation
import StreamTapCore
import StreamTapNet
import StreamTapTestSupport
import Testing

/// Reconnection as a browser does it: the reconnection time, `retry`,
/// `Last-Event-ID`, backoff for connections that cannot be made, and the
/// user's commands.
@Suite(.requires(.peerPython))
struct SSEConnectionReconnectTests {
    @Test func theServersRetryFieldSetsTheDelayBeforeTheNextConnection() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/retry"), options: StreamOptions())
        #expect(await harness.outcome() == .normal)
        let kinds = harness.sink.kinds
        #expect(kinds.contains(.retry(milliseconds: 150)))
        let reconnect = try #require(harness.sink.reconnects.first)
        #expect(reconnect.delay == 150 && reconnect.attempt == 2)
        #expect(reconnect.reason.contains("150 ms (set by the server's retry field)"))
        let events = harness.sink.events
        let closed = try #require(events.first { $0.kind.name == "close" }?.timestamp)
        let again = try #require(events.last { $0.kind == .connecting(url: peer.url("/retry"), attempt: 2) }?.timestamp)
        #expect(again.nanosecondsSinceEpoch - closed.nanosecondsSinceEpoch >= 140_000_000)
        #expect(await peer.requests(count: 2).map { $0.header("Last-Event-ID") } == [nil, "7"])
    }

    @Test func aFixedReconnectionTimeWinsOverTheServer() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(
            peer.url("/retry"),
            options: StreamOptions(
                eventStream: SSEOptions(initialReconnectionTimeMilliseconds: 30, ignoresServerRetry: true)
            )
        )
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.reconnects.map(\.delay) == [30])
        #expect(
            harness.sink.reconnects.first?.reason.contains("30 ms (set by the client; the server's retry is ignored)")
                == true
        )
    }

    @Test func anInitialReconnectionTimeIsReplacedByTheServersRetry() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(
            peer.url("/retry"),
            options: StreamOptions(eventStream: SSEOptions(initialReconnectionTimeMilliseconds: 30))
        )
        #expect(await harness.outcome() == .normal)
        #expect(harness.sink.reconnects.map(\.delay) == [150])
        #expect(harness.sink.reconnects.first?.reason.contains("150 ms (set by the server's retry field)") == true)
    }

    @Test func aRefusedConnectionIsRetriedWithGrowingDelaysThenGivenUp() async throws {
        let port = try LoopbackPort.unused()
        let harness = try ConnectionHarness.start(
            "http://127.0.0.1:\(port)/",
            options: StreamOptions(
                reconnect: try ReconnectPolicy(parsing: "spec:3"),
                eventStream: SSEOptions(initialReconnectionTimeMilliseconds: 10, ignoresServerRetry: true)
            )
        )
        #expect(await harness.outcome() == .failed)
        #expect(harness.sink.reconnects.map(\.delay) == [10, 20, 40])
        #expect(harness.sink.errors.count == 4)
        #expect(harness.sink.errors.allSatisfy { $0.message.contains("connection refused") })
    }

    @Test func shutdownClosesTheStreamAsTheClientWithoutReconnecting() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/hang"), options: StreamOptions())
        #expect(await harness.sink.wait { !$0.sseEvents.isEmpty })
        harness.connection.shutdown()
        #expect(await harness.outcome() == .normal)
        #expect(
            harness.sink.closes.map { CloseInfo(code: $0.code, reason: $0.reason, initiator: $0.initiator) } == [
                CloseInfo(code: 1000, reason: "closed by the client", initiator: .client)
            ]
        )
        #expect(harness.sink.reconnects.isEmpty)
    }

    @Test func reconnectNowDropsTheStreamAndResumesFromTheLastEventID() async throws {
        let peer = try await SSEPeer.raw()
        let harness = try ConnectionHarness.start(peer.url("/hang"), options: StreamOptions())
        #expect(await harness.sink.wait { !$0.sseEvents.isEmpty })
        harness.connection.perform(.reconnect)
        #expect(await harness.sink.wait { $0.handshakes.count == 2 })
        harness.connection.perform(.close(code: nil, reason: ""))
        #expect(await harness.outcome() == .normal)
        let reconnect = try #require(harness.sink.reconnects.first)
        #expect(reconnect.delay == 0 && reconnect.reason.contains("Last-Event-ID: h1"))
        #expect(harness.sink.handshakes.map { $0.request.headers.first("Last-Event-ID") } == [nil, "h1"])
        #expect(await peer.requests(count: 2).map { $0.header("Last-Event-ID") } == [nil, "h1"])
    }
}
